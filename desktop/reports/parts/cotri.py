"""The COTRI scorecard: contractual indicators, target and achieved each year, the actions
behind each (a wide table, on landscape pages)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ...i18n import _, format_percent
from ..document import heading, landscape_start, portrait_start
from ..styles import MUTED
from . import CHART_SIZE, PartContext, num


def build(ctx: PartContext, *, with_actions: bool = True) -> list[Flowable]:
    data = ctx.data
    if not data.cotri:
        return []
    w = ctx.wide_width
    story: list[Flowable] = [*landscape_start(), heading(_("COTRI scorecard"), ctx.styles, 0)]
    contracts = list(dict.fromkeys(line.contract for line in data.cotri))
    story.append(
        ctx.p(
            _(
                "Each yearly target is compared with the measured value of that year. A "
                "contract's overall achievement is the weighted mean of its indicators' latest "
                "rates, each counted at most as fully achieved."
            ),
            ctx.styles.muted,
        )
    )
    chart = ctx.chart(
        lambda charts: charts.render_chart(
            ctx.session,
            "cotri",
            territory_id=data.territory.id,
            lang=data.options.language,
            **CHART_SIZE,
        ),
        _("COTRI scorecard"),
        w * 0.6,
    )
    if chart is not None:
        story.append(chart)
    for contract in contracts:
        lines = [line for line in data.cotri if line.contract == contract]
        story.append(heading(contract, ctx.styles, 1))
        rate = data.cotri_overall.get(contract)
        if rate is not None:
            story.append(
                ctx.p(
                    _("Overall achievement: {rate} of the contractual objectives.").format(
                        rate=format_percent(rate)
                    ),
                    ctx.styles.small_keep,
                )
            )
        # The indicator, its unit and its actions once, on the first of its yearly rows: the
        # scorecard reads as one block per indicator, a line above each.
        rows = []
        starts: list[tuple[object, ...]] = []
        previous = None
        for line in lines:
            first = line.indicator_code != previous
            previous = line.indicator_code
            if first and rows:
                starts.append(("LINEABOVE", (0, len(rows) + 1), (-1, len(rows) + 1), 0.8, MUTED))
            rows.append(
                (
                    f"{line.indicator_code} {line.indicator_name}".strip() if first else "",
                    line.unit if first else "",
                    str(line.year),
                    num(line.target),
                    num(line.achieved),
                    format_percent(line.achievement, decimals=1)
                    if line.achievement is not None
                    else _("no value"),
                    "\n".join(line.actions) if with_actions and first else "",
                )
            )
        story.append(
            ctx.table(
                [
                    _("Indicator"),
                    _("Unit"),
                    _("Year"),
                    _("Target"),
                    _("Achieved"),
                    _("Achievement"),
                    _("Actions behind it"),
                ],
                rows,
                [0.26 * w, 0.11 * w, 0.06 * w, 0.1 * w, 0.1 * w, 0.1 * w, 0.27 * w],
                right=(3, 4, 5),
                extra=starts,
            )
        )
    story += portrait_start()
    return story
