"""Indicator pages: the chart of each indicator and a table of its values and targets; the
overview of indicators against targets and trajectory (a wide table, on landscape pages)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, KeepTogether

from ...i18n import _, format_percent
from ...labels import provenance
from ...services import values
from ...services.report_data import IndicatorBlock
from ..document import heading, landscape_start, portrait_start
from ..labels import label
from . import CHART_SIZE, PartContext, num, num_like


def _target_text(block: IndicatorBlock, year: int) -> str:
    for target in block.targets:
        if target.horizon_year != year:
            continue
        if target.relative_change_percent is not None:
            change = format_percent(target.relative_change_percent / 100, decimals=1)
            relative = _("{change} vs {year}").format(change=change, year=target.reference_year)
            value = num_like(target.value, [p.value for p in block.values])
            return f"{value}\n{relative}" if target.value is not None else relative
        return num(target.value)
    return ""


def values_table(ctx: PartContext, block: IndicatorBlock) -> Flowable:
    """Each year's value that counts with its provenance; another source's value of the same
    year is printed under it, never added to it."""
    counted = values.pick(block.values)
    others = values.others(block.values)
    years = sorted(set(counted) | {t.horizon_year for t in block.targets})
    unit = block.indicator.unit
    rows = []
    for y in years:
        point = counted.get(y)
        also = [
            _("also {value}: {how}").format(value=num(o.value), how=provenance(o.kind, o.origin))
            for o in others
            if o.year == y
        ]
        how = [provenance(point.kind, point.origin)] if point else []
        rows.append((str(y), num(point.value) if point else "", "\n".join(how + also),
                     _target_text(block, y)))
    w = ctx.width
    return ctx.table(
        [_("Year"), _("Value ({unit})").format(unit=unit), _("Provenance"),
         _("Target ({unit})").format(unit=unit)],
        rows, [0.14 * w, 0.22 * w, 0.38 * w, 0.26 * w], right=(1, 3),
    )


def indicator_page(
    ctx: PartContext, block: IndicatorBlock, lead: Sequence[Flowable] = ()
) -> list[Flowable]:
    """Heading, facts, chart and table of one indicator, kept on one page when they fit;
    ``lead`` (the heading of a group) is kept with them so it never ends a page alone."""
    ind, data = block.indicator, ctx.data
    story: list[Flowable] = [*lead, heading(f"{ind.name}", ctx.styles, 2)]
    facts = [label(ind.category), ind.unit, label(ind.direction)]
    if block.status != "no_data":
        facts.append(_("assessment: {status}").format(status=label(block.status)))
    story.append(ctx.p(" · ".join(f for f in facts if f), ctx.styles.muted))
    # A chart of a single value says nothing a table row does not; it is left out.
    if len(block.values) > 1 or block.targets:
        chart = ctx.chart(
            lambda charts: charts.render_indicator(
                ctx.session, ind.id, data.territory.id, lang=data.options.language, **CHART_SIZE
            ),
            ind.name,
            ctx.width * 0.92,
        )
        if chart is not None:
            story.append(chart)
    story.append(values_table(ctx, block))
    # Heading, chart and table on one page when they fit (a long table still splits).
    return [KeepTogether(story)]


def build(ctx: PartContext, blocks: Sequence[IndicatorBlock] | None = None) -> list[Flowable]:
    data = ctx.data
    chosen = list(blocks if blocks is not None else data.indicators)
    title = heading(_("Indicators"), ctx.styles, 0)
    if not chosen:
        return [title, ctx.p(_("No indicator has values or targets for this territory."))]
    # Key indicators (with a target) first, then the others, by category.
    chosen.sort(key=lambda b: (not b.is_key, b.indicator.category, b.indicator.code))
    story: list[Flowable] = []
    lead: list[Flowable] = [title]  # kept with what follows: no heading alone at a page foot
    current = None
    singles: list[IndicatorBlock] = []

    def flush_singles() -> None:
        if singles:
            story.append(KeepTogether([*lead, single_values_table(ctx, singles)]))
            lead.clear()
            singles.clear()

    for block in chosen:
        group = _("Key indicators") if block.is_key else label(block.indicator.category)
        if group != current:
            flush_singles()
            lead.append(heading(group, ctx.styles, 1))
            current = group
        if not block.targets and len(block.values) <= 1:
            # One value and no target: a row of a shared table says all a page would.
            singles.append(block)
            continue
        story += indicator_page(ctx, block, lead)
        lead.clear()
    flush_singles()
    return story


def single_values_table(ctx: PartContext, blocks: Sequence[IndicatorBlock]) -> Flowable:
    rows = [
        (
            b.indicator.name,
            str(b.values[0].year) if b.values else "",
            num(b.values[0].value) if b.values else "",
            b.indicator.unit,
            label(b.values[0].kind) if b.values else "",
        )
        for b in blocks
    ]
    w = ctx.width
    return ctx.table(
        [_("Indicator"), _("Year"), _("Value"), _("Unit"), _("Kind")], rows,
        [0.5 * w, 0.09 * w, 0.15 * w, 0.13 * w, 0.13 * w], right=(2,),
    )


def overview(ctx: PartContext, title: str) -> list[Flowable]:
    """Indicators against their targets and the trajectory, on landscape pages."""
    key = ctx.data.key_indicators
    if not key:
        return []
    w = ctx.wide_width
    rows = []
    for block in key:
        known = list(values.pick(block.values).values())
        first = known[0] if known else None
        examples = [p.value for p in block.values]
        targets = "\n".join(
            f"{t.horizon_year}: {num_like(t.value, examples)}"
            for t in block.targets
            if t.value is not None
        )
        rows.append(
            (
                block.indicator.name,
                block.indicator.unit,
                f"{first.year}: {num(first.value)}" if first else "",
                f"{block.last_year}: {num(block.last_value)}" if block.last_year else "",
                num_like(block.expected_value, examples),
                targets,
                label(block.status),
            )
        )
    table = ctx.table(
        [_("Indicator"), _("Unit"), _("First value"), _("Last value"),
         _("Expected on the trajectory"), _("Targets"), _("Assessment")],
        rows, [0.28 * w, 0.1 * w, 0.12 * w, 0.12 * w, 0.13 * w, 0.13 * w, 0.12 * w],
        right=(2, 3, 4, 5),
    )
    return [*landscape_start(), heading(title, ctx.styles, 0), table, *portrait_start()]
