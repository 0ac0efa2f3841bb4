""""Since the last committee": what changed since the previous report's snapshot."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ...i18n import _, format_currency, format_date
from ...services.report_snapshots import ChangeSummary
from ..document import heading
from ..labels import label
from . import PartContext, num


def build(ctx: PartContext) -> list[Flowable]:
    changes: ChangeSummary | None = ctx.data.changes
    styles = ctx.styles
    story: list[Flowable] = [heading(_("Since the last committee"), styles, 0)]
    if changes is None:
        story.append(
            ctx.p(_("This is the first report of this plan: there is nothing to compare with."))
        )
        return story
    since = format_date(changes.since.date(), fmt="long")
    if changes.meeting_title:
        intro = _("Changes since the report for \"{meeting}\" ({date}).").format(
            meeting=changes.meeting_title, date=format_date(changes.meeting_date, fmt="long"))
    else:
        intro = _("Changes since the previous report of {date}.").format(date=since)
    story.append(ctx.p(intro))
    if changes.is_empty:
        story.append(ctx.p(_("Nothing changed since.")))
        return story
    w = ctx.width
    for title, items in (
        (_("Actions started"), changes.started),
        (_("Actions finished"), changes.finished),
        (_("Actions now late"), changes.newly_late),
        (_("New actions"), changes.new_actions),
    ):
        if items:
            story.append(heading(title, styles, 1))
            story.append(ctx.p("\n".join(items), styles.small))
    if changes.status_changes:
        story.append(heading(_("Status changes"), styles, 1))
        rows = [
            (c.code, c.title, label(c.old) if c.old else "—", label(c.new),
             format_date(c.changed_at.date()) if c.changed_at else "")
            for c in changes.status_changes
        ]
        story.append(
            ctx.table([_("Code"), _("Action"), _("Before"), _("Now"), _("Changed on")], rows,
                      [0.09 * w, 0.45 * w, 0.15 * w, 0.15 * w, 0.16 * w])
        )
    if changes.values:
        story.append(heading(_("New indicator values"), styles, 1))
        value_rows = [
            (v.name, str(v.year), label(v.kind), num(v.old) if v.old is not None else "—",
             num(v.new), v.unit)
            for v in changes.values
        ]
        story.append(
            ctx.table([_("Indicator"), _("Year"), _("Kind"), _("Before"), _("Now"), _("Unit")],
                      value_rows, [0.4 * w, 0.08 * w, 0.12 * w, 0.14 * w, 0.14 * w, 0.12 * w],
                      right=(3, 4))
        )
    if changes.budgets:
        story.append(heading(_("Budget changes"), styles, 1))
        budget_rows = [
            (b.code, b.title, format_currency(b.old, b.unit), format_currency(b.new, b.unit))
            for b in changes.budgets
        ]
        story.append(
            ctx.table([_("Code"), _("Action"), _("Before"), _("Now")], budget_rows,
                      [0.09 * w, 0.51 * w, 0.2 * w, 0.2 * w], right=(2, 3))
        )
    return story
