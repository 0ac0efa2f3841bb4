"""Indicators: the key ones against their targets (regulatory categories first, each with its
trajectory status), the page of each indicator (annex), and the emissions by sector."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ...i18n import N_, _, format_number, format_percent, ngettext
from ...labels import label, provenance
from ...models import Direction, IndicatorCategory
from ...services import values
from ...services.report_data import IndicatorBlock, ValuePoint
from ...services.report_review import MissedTarget, missed_targets
from ...services.trajectory import TrackStatus
from ..content import MUTED, Group, Heading, Part, Table, Text
from . import CHART_SIZE, Marks, PartContext, num, num_like

REGULATORY = (
    IndicatorCategory.GHG_EMISSIONS,
    IndicatorCategory.ENERGY_CONSUMPTION,
    IndicatorCategory.RENEWABLE_PRODUCTION,
    IndicatorCategory.AIR_POLLUTANTS,
    IndicatorCategory.CARBON_SEQUESTRATION,
)


def reference_value(ctx: PartContext, block: IndicatorBlock) -> ValuePoint | None:
    """The value of the reference year (the targets', else the plan's); the first known value
    only when that year has none."""
    year = next((t.reference_year for t in block.targets if t.reference_year), None)
    if year is None and ctx.data.plan is not None:
        year = ctx.data.plan.reference_year
    counting = block.counting()
    if year is not None and year in counting:
        return counting[year]
    return next(iter(counting.values()), None)


def year_value(year: int, value: str) -> str:
    return _("{year}: {value}").format(year=year, value=value)


def next_target(block: IndicatorBlock, year: int) -> str:
    examples = [p.value for p in block.values]
    for target in block.targets:
        if target.horizon_year >= year and target.value is not None:
            return year_value(target.horizon_year, num_like(target.value, examples))
    return ""


def key_rows(ctx: PartContext, blocks: Sequence[IndicatorBlock], marks: Marks) -> list[list[str]]:
    rows = []
    for block in blocks:
        reference = reference_value(ctx, block)
        examples = [p.value for p in block.values]
        rows.append(
            [
                block.name,
                block.indicator.unit,
                marks.of(year_value(reference.year, num(reference.value)), reference.kind)
                if reference
                else "",
                marks.of(year_value(block.last_year, num(block.last_value)), block.last_kind)
                if block.last_year
                else "",
                num_like(block.expected_value, examples),
                next_target(block, ctx.data.today.year),
                label(block.status),
            ]
        )
    return rows


# The way an indicator should go, as a committee says it ("Évolution souhaitée : hausse").
TREND = {Direction.HIGHER_IS_BETTER: N_("rise"), Direction.LOWER_IS_BETTER: N_("fall")}
KEY_HEADER = (
    N_("Indicator"),
    N_("Unit"),
    N_("Reference year"),
    N_("Last value"),
    N_("Expected on the trajectory"),
    N_("Next target"),
    N_("Assessment"),
)
KEY_WIDTHS = [0.27, 0.1, 0.12, 0.12, 0.13, 0.12, 0.14]


def key_table(ctx: PartContext, blocks: Sequence[IndicatorBlock], marks: Marks) -> Table:
    return Table(
        [_(h) for h in KEY_HEADER], key_rows(ctx, blocks, marks), KEY_WIDTHS, right=(2, 3, 4, 5)
    )


def key_indicators(ctx: PartContext) -> list[Part]:
    """The indicators with a target, by regulatory category, with their trajectory status."""
    data = ctx.data
    part = Part("key_indicators", _("Key indicators against their targets"), landscape=True)
    key = data.key_indicators
    if not key:
        part.add(Text(_("No indicator has a target yet."), MUTED))
        return [part]
    marks = Marks()
    for category in (*REGULATORY, IndicatorCategory.OTHER):
        blocks = [b for b in key if b.indicator.category == category]
        if blocks:
            part.add(Group([Heading(label(category), 1), key_table(ctx, blocks, marks)]))
            for b in blocks:
                part.notes.append(f"{b.name}: {label(b.status)}")
    missing = [c for c in REGULATORY if not any(b.indicator.category == c for b in key)]
    if missing:
        part.add(
            Text(
                _("No target is followed yet for: {categories}.").format(
                    categories=", ".join(label(c) for c in missing)
                ),
                MUTED,
            )
        )
    missed = missed_targets(key, data.today)
    if missed:
        part.add(Heading(_("Targets of the period missed"), 1))
        part.add(missed_table(missed))
    part.blocks += marks.legend()
    part.slide = [part.blocks[0]]
    return [part]


def missed_table(missed: list[MissedTarget]) -> Table:
    return Table(
        [_("Indicator"), _("Year"), _("Target"), _("Value"), _("Kind"), _("Unit")],
        [
            [
                m.indicator,
                str(m.year),
                num_like(m.target, [m.value]),
                num(m.value),
                label(m.kind),
                m.unit,
            ]
            for m in missed
        ],
        [0.4, 0.08, 0.14, 0.14, 0.12, 0.12],
        right=(2, 3),
    )


def overview(ctx: PartContext) -> list[Part]:
    """Mid-term: every indicator with a target, from the reference year's value to the last,
    and the targets of the period missed."""
    data = ctx.data
    if not data.key_indicators:
        return []
    part = Part("overview", _("Indicators against targets and trajectory"), landscape=True)
    marks = Marks()
    part.add(key_table(ctx, data.key_indicators, marks))
    part.blocks += marks.legend()
    missed = missed_targets(data.key_indicators, data.today)
    part.add(Heading(_("Targets of the period missed"), 1))
    if missed:
        part.add(missed_table(missed))
        part.notes += [
            _("{indicator} {year}: {value} against a target of {target}.").format(
                indicator=m.indicator,
                year=m.year,
                value=f"{num(m.value)} ({label(m.kind)})",
                target=num(m.target),
            )
            for m in missed
        ]
    else:
        part.add(Text(_("No target whose year has come was missed."), MUTED))
    return [part]


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


def values_table(block: IndicatorBlock, marks: Marks) -> Table:
    """Each year's value that counts (marked when it is not a measure) with its provenance,
    and the targets; another source's value of the same year is printed under it, never added
    to it."""
    counting = block.counting()
    others = values.others(block.values)
    years = sorted(set(counting) | {t.horizon_year for t in block.targets})
    unit = block.indicator.unit
    rows = []
    for year in years:
        point = counting.get(year)
        how = [provenance(point.kind, point.origin)] if point else []
        if point is not None and point.computed:
            how.append(_("sum of its parts"))
        also = [
            _("also {value}: {how}").format(value=num(o.value), how=provenance(o.kind, o.origin))
            for o in others
            if o.year == year
        ]
        rows.append(
            [
                str(year),
                marks.of(num(point.value), point.kind) if point else "",
                "\n".join(how + also),
                _target_text(block, year),
            ]
        )
    return Table(
        [
            _("Year"),
            _("Value ({unit})").format(unit=unit),
            _("Provenance"),
            _("Target ({unit})").format(unit=unit),
        ],
        rows,
        [0.14, 0.24, 0.36, 0.26],
        right=(1, 3),
    )


def pages(ctx: PartContext) -> list[Part]:
    """One page per indicator (chart and values), the others in one table: an annex."""
    data = ctx.data
    chosen = sorted(
        data.indicators, key=lambda b: (not b.is_key, b.indicator.category, b.indicator.code)
    )
    part = Part("indicator_pages", _("Indicators"), annex=True)
    if not chosen:
        part.add(Text(_("No indicator has values or targets for this territory."), MUTED))
        return [part]
    singles: list[IndicatorBlock] = []
    current = None
    marks = Marks()
    for block in chosen:
        group = _("Key indicators") if block.is_key else label(block.indicator.category)
        if group != current:
            _flush(part, singles, marks)
            part.add(Heading(group, 1))
            current = group
        if not block.targets and len(block.values) <= 1:
            singles.append(block)
            continue
        part.add(Group(indicator_page(ctx, block, marks)))
    _flush(part, singles, marks)
    part.blocks += marks.legend()
    return [part]


def indicator_page(ctx: PartContext, block: IndicatorBlock, marks: Marks) -> list:  # type: ignore[type-arg]
    ind, data = block.indicator, ctx.data
    facts = [
        label(ind.category),
        ind.unit,
        _("Desired trend: {direction}").format(direction=_(TREND[ind.direction])),
    ]
    if block.status != TrackStatus.UNKNOWN:
        facts.append(_("assessment: {status}").format(status=label(block.status)))
    blocks: list = [Heading(block.name, 2), Text(" · ".join(f for f in facts if f), MUTED)]  # type: ignore[type-arg]
    if len(block.values) > 1 or block.targets:
        blocks += ctx.chart(
            block.name,
            lambda charts: charts.render_indicator(
                ctx.session, ind.id, data.territory.id, lang=data.options.language, **CHART_SIZE
            ),
            0.92,
        )
    blocks.append(values_table(block, marks))
    return blocks


def _flush(part: Part, singles: list[IndicatorBlock], marks: Marks) -> None:
    if not singles:
        return
    part.add(
        Table(
            [_("Indicator"), _("Year"), _("Value"), _("Unit"), _("Kind")],
            [
                [
                    b.name,
                    str(b.values[0].year) if b.values else "",
                    marks.of(num(b.values[0].value), b.values[0].kind) if b.values else "",
                    b.indicator.unit,
                    label(b.values[0].kind) if b.values else "",
                ]
                for b in singles
            ],
            [0.5, 0.09, 0.15, 0.13, 0.13],
            right=(2,),
        )
    )
    singles.clear()


def emissions(ctx: PartContext) -> list[Part]:
    data = ctx.data
    if not data.emissions:
        return []
    part = Part("emissions", _("Emissions by sector"))
    part.add(
        Text(
            _("Greenhouse gas emissions of the territory in {year}, by sector.").format(
                year=data.emissions_year
            )
        )
    )
    part.blocks += ctx.chart(
        _("Emissions by sector"),
        lambda charts: charts.render_chart(
            ctx.session,
            "emissions-by-sector",
            territory_id=data.territory.id,
            lang=data.options.language,
            **CHART_SIZE,
        ),
    )
    total = sum((s.value for s in data.emissions), Decimal(0))
    marks = Marks()
    rows = [
        [
            label(s.sector),
            marks.of(num(s.value), values.weakest(s.kinds)),
            format_percent(s.share, decimals=1),
        ]
        for s in data.emissions
    ]
    every_kind = frozenset(k for s in data.emissions for k in s.kinds)
    rows.append(
        [
            _("Total"),
            marks.of(num(total), values.weakest(every_kind)),
            format_percent(Decimal(1), decimals=1),
        ]
    )
    part.add(
        Table(
            [_("Sector"), _("Emissions ({unit})").format(unit=data.emissions_unit), _("Share")],
            rows,
            [0.5, 0.25, 0.25],
            right=(1, 2),
            bold_rows=(len(rows) - 1,),
        )
    )
    part.blocks += marks.legend()
    part.notes.append(
        ngettext(
            "{n} sector, {total} {unit} in all.",
            "{n} sectors, {total} {unit} in all.",
            len(data.emissions),
        ).format(n=format_number(len(data.emissions)), total=num(total), unit=data.emissions_unit)
    )
    return [part]
