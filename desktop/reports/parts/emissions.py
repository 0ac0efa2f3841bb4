"""Greenhouse gas emissions by sector, with each sector's share."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable

from ...i18n import _, format_percent
from ..document import heading
from ..labels import label
from ..styles import esc
from . import CHART_SIZE, PartContext, num


def build(ctx: PartContext) -> list[Flowable]:
    data = ctx.data
    if not data.emissions:
        return []
    story: list[Flowable] = [
        heading(_("Emissions by sector"), ctx.styles, 0),
        ctx.p(_("Greenhouse gas emissions of the territory in {year}, by sector.").format(
            year=data.emissions_year)),
    ]
    chart = ctx.chart(
        lambda charts: charts.render_chart(
            ctx.session, "emissions-by-sector", territory_id=data.territory.id,
            lang=data.options.language, **CHART_SIZE,
        ),
        _("Emissions by sector"), ctx.width * 0.9,
    )
    if chart is not None:
        story.append(chart)
    total = sum((s.value for s in data.emissions), Decimal(0))
    rows = [(label(s.sector), num(s.value), format_percent(s.share, decimals=1))
            for s in data.emissions]
    cell, right = ctx.styles.cell, ctx.styles.cell_right
    rows.append((
        ctx.markup(f"<b>{esc(_('Total'))}</b>", cell),
        ctx.markup(f"<b>{esc(num(total))}</b>", right),
        ctx.markup(f"<b>{esc(format_percent(Decimal(1), decimals=1))}</b>", right),
    ))
    w = ctx.width
    story.append(
        ctx.table(
            [_("Sector"), _("Emissions ({unit})").format(unit=data.emissions_unit), _("Share")],
            rows, [0.5 * w, 0.25 * w, 0.25 * w], right=(1, 2),
        )
    )
    return story
