"""Annex: the sources of the figures, and notes on how the report was made."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ...i18n import _
from ..document import heading
from . import PartContext


def build(ctx: PartContext) -> list[Flowable]:
    data, styles = ctx.data, ctx.styles
    story: list[Flowable] = [heading(_("Annex: sources"), styles, 0)]
    if data.sources:
        # One row per indicator, its sources one per line.
        grouped: dict[str, list[str]] = {}
        for what, source in data.sources:
            grouped.setdefault(what, []).append(source)
        rows = [(what, "\n".join(sources)) for what, sources in grouped.items()]
        w = ctx.width
        story.append(ctx.table([_("Indicator"), _("Source")], rows, [0.4 * w, 0.6 * w]))
    else:
        story.append(ctx.p(_("No source is recorded for the figures of this report.")))
    story.append(heading(_("About this report"), styles, 1))
    story.append(
        ctx.p(
            _(
                "The assessment compares the last measured value of each indicator with the "
                "value expected that year on a straight line from the reference value to each "
                "target (the PCAET trajectory)."
            ),
            styles.small,
        )
    )
    for note in ctx.notes:
        story.append(ctx.p(note, styles.note))
    return story
