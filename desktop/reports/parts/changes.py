""" "Since the last committee": what changed since the previous report's snapshot."""

from __future__ import annotations

from ...i18n import _, format_currency, format_date
from ...labels import label
from ...services.report_snapshots import ChangeSummary
from ..content import MUTED, SMALL, Bullets, Heading, Part, Table, Text
from . import PartContext, num


def build(ctx: PartContext) -> list[Part]:
    changes: ChangeSummary | None = ctx.data.changes
    part = Part("changes", _("Since the last committee"))
    if changes is None:
        part.add(
            Text(
                _("This is the first report of this plan: there is nothing to compare with."), MUTED
            )
        )
        return [part]
    since = format_date(changes.since.date(), fmt="long")
    if changes.meeting_title:
        intro = _('Changes since the report for "{meeting}" ({date}).').format(
            meeting=changes.meeting_title, date=format_date(changes.meeting_date, fmt="long")
        )
    else:
        intro = _("Changes since the previous report of {date}.").format(date=since)
    part.add(Text(intro))
    if changes.is_empty:
        part.add(Text(_("Nothing changed since."), MUTED))
        return [part]
    for title, items in (
        (_("Actions started"), changes.started),
        (_("Actions finished"), changes.finished),
        (_("Actions now late"), changes.newly_late),
        (_("New actions"), changes.new_actions),
    ):
        if items:
            part.add(Heading(title, 1), Bullets(list(items), SMALL))
            part.notes.append(f"{title}: {len(items)}")
    if changes.status_changes:
        part.add(Heading(_("Status changes"), 1))
        part.add(
            Table(
                [_("Code"), _("Action"), _("Before"), _("Now"), _("Changed on")],
                [
                    [
                        c.code,
                        c.title,
                        label(c.old) if c.old else "—",
                        label(c.new),
                        format_date(c.changed_at.date()) if c.changed_at else "",
                    ]
                    for c in changes.status_changes
                ],
                [0.09, 0.45, 0.15, 0.15, 0.16],
            )
        )
    if changes.values:
        part.add(Heading(_("New indicator values"), 1))
        part.add(
            Table(
                [_("Indicator"), _("Year"), _("Kind"), _("Before"), _("Now"), _("Unit")],
                [
                    [
                        v.name,
                        str(v.year),
                        label(v.kind),
                        num(v.old) if v.old is not None else "—",
                        num(v.new),
                        v.unit,
                    ]
                    for v in changes.values
                ],
                [0.4, 0.08, 0.12, 0.14, 0.14, 0.12],
                right=(3, 4),
            )
        )
    if changes.budgets:
        part.add(Heading(_("Budget changes"), 1))
        part.add(
            Table(
                [_("Code"), _("Action"), _("Before"), _("Now")],
                [
                    [
                        b.code,
                        b.title,
                        format_currency(b.old, b.unit),
                        format_currency(b.new, b.unit),
                    ]
                    for b in changes.budgets
                ],
                [0.09, 0.51, 0.2, 0.2],
                right=(2, 3),
            )
        )
    return [part]
