"""Synthesis (synthèse) and progress per axis (avancement par axe)."""

from __future__ import annotations

from decimal import Decimal

from ...i18n import _, format_date, format_number, format_percent, ngettext
from ...labels import label
from ...services.report_data import ActionRow
from ...services.trajectory import TrackStatus
from ..content import MUTED, NOTE, SMALL, Chart, Heading, Part, Table, Text
from . import CHART_SIZE, Marks, PartContext, action_title, end_text, lead_text


def counts_sentence(ctx: PartContext) -> str:
    counts = ctx.data.counts
    total = counts.total
    sentence = ngettext("The plan counts {n} action", "The plan counts {n} actions", total).format(
        n=format_number(total)
    )
    late = ngettext("{n} is late on {date}.", "{n} are late on {date}.", counts.late).format(
        n=format_number(counts.late), date=format_date(ctx.data.today, fmt="long")
    )
    return _("{counted}; {late}").format(counted=sentence, late=late)


def build(ctx: PartContext) -> list[Part]:
    data = ctx.data
    counts = data.counts
    part = Part("summary", _("Executive summary"))
    part.add(Text(counts_sentence(ctx)))
    total = counts.total
    rows = (
        [
            [label(status), format_number(n), format_percent(Decimal(n) / total, decimals=1)]
            for status, n in counts.by_status.items()
            if n
        ]
        if total
        else []
    )
    if rows:
        part.add(Heading(_("Actions by status"), 1))
        part.add(
            Table([_("Status"), _("Actions"), _("Share")], rows, [0.5, 0.25, 0.25], right=(1, 2))
        )
    part.blocks += ctx.chart(
        _("Actions by status"),
        lambda charts: charts.render_status_counts(
            counts, lang=data.options.language, **CHART_SIZE
        ),
        0.8,
    )
    part.notes.append(counts_sentence(ctx))
    invented = sum(
        1
        for r in data.actions
        if r.action.parent_id is None and getattr(r.action, "illustrative", False)
    )
    if invented:
        sentence = ngettext(
            "{n} of these actions has an illustrative status, progress or dates (invented "
            "for a demonstration).",
            "{n} of these actions have an illustrative status, progress or dates (invented "
            "for a demonstration).",
            invented,
        ).format(n=format_number(invented))
        part.add(Text(sentence, NOTE))
        part.notes.append(sentence)
    part.notes += [f"{r[0]}: {r[1]} ({r[2]})" for r in rows]
    key = data.key_indicators
    if key:
        on = sum(1 for b in key if b.status == TrackStatus.ON_TRACK)
        behind = (TrackStatus.OFF_TRACK, TrackStatus.SLIGHTLY_BEHIND)
        off = sum(1 for b in key if b.status in behind)
        sentence = _("{on} on track, {off} behind, out of {n} indicators with a target.").format(
            on=format_number(on), off=format_number(off), n=format_number(len(key))
        )
        part.add(Text(sentence, MUTED))
        part.notes.append(sentence)
    charts = [b for b in part.blocks if isinstance(b, Chart)]
    part.slide = charts or [b for b in part.blocks if isinstance(b, Table)][:1] or None
    return [part]


def axes(ctx: PartContext) -> list[Part]:
    data = ctx.data
    if not data.axes:
        return []
    part = Part("axes", _("Progress by axis"))
    rows: list[list[str]] = []
    for axis in data.axes:
        title = f"{axis.code} {axis.title}".strip() or _("Outside any section")
        mix = ", ".join(
            f"{label(status)} {format_number(n)}" for status, n in axis.by_status.items() if n
        )
        share = axis.done_share
        rows.append(
            [
                title,
                format_number(axis.total),
                mix,
                format_percent(share, decimals=0) if share is not None else "",
                format_number(len(axis.late)),
            ]
        )
        if not axis.depth:
            part.notes.append(
                _("{axis}: {done} done, {late} late.").format(
                    axis=title, done=format_percent(share or 0), late=format_number(len(axis.late))
                )
            )
    header = [_("Axis"), _("Actions"), _("Status mix"), _("Done"), _("Late")]
    widths = [0.36, 0.09, 0.37, 0.09, 0.09]
    # Parts in bold, each followed by its levers.
    parts_rows = tuple(i for i, axis in enumerate(data.axes) if not axis.depth)
    part.add(Table(header, rows, widths, right=(1, 3, 4), bold_rows=parts_rows))
    # The slide shows the parts; the levers under them are in the documents.
    parts_only = [row for row, axis in zip(rows, data.axes, strict=True) if not axis.depth]
    part.slide = [Table(header, parts_only, widths, right=(1, 3, 4))]
    late: list[ActionRow] = [row for axis in data.axes if not axis.depth for row in axis.late]
    part.add(Heading(_("Late actions and why"), 1))
    marks = Marks()
    if late:
        part.add(
            Table(
                [_("Action"), _("Lead"), _("Due"), _("Status"), _("Reason")],
                [
                    [
                        action_title(r),
                        lead_text(r),
                        end_text(r.action),
                        marks.action(label(r.status), r),
                        r.action.status_reason or _("not given"),
                    ]
                    for r in late
                ],
                [0.33, 0.17, 0.12, 0.1, 0.28],
            )
        )
        part.blocks += marks.legend()
    else:
        part.add(Text(_("No action is late."), SMALL))
    return [part]
