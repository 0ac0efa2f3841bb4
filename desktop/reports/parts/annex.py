"""Annex: the sources of the figures, and notes on how the report was made."""

from __future__ import annotations

from ...i18n import _
from ..content import MUTED, NOTE, SMALL, Heading, Part, Table, Text
from . import PartContext


def build(ctx: PartContext) -> list[Part]:
    data = ctx.data
    part = Part("sources", _("Annex: sources"), annex=True)
    if data.sources:
        grouped: dict[str, list[str]] = {}
        for what, source in data.sources:
            grouped.setdefault(what, []).append(source)
        part.add(
            Table(
                [_("Indicator"), _("Source")],
                [[what, "\n".join(sources)] for what, sources in grouped.items()],
                [0.4, 0.6],
            )
        )
    else:
        part.add(Text(_("No source is recorded for the figures of this report."), MUTED))
    part.add(Heading(_("About this report"), 1))
    part.add(
        Text(
            _(
                "The assessment compares the last measured value of each indicator with the "
                "value expected that year on a straight line from the reference value to each "
                "target (the PCAET trajectory)."
            ),
            SMALL,
        )
    )
    # Notes the writers add while drawing (a chart that failed) are appended by them.
    part.notes = ctx.notes
    part.blocks += [Text(note, NOTE) for note in ctx.notes]
    return [part]
