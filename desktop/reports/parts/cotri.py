"""COTRI: each contract's scorecard (yearly target, achieved value, rate), the payment due by
achievement, and each contractual indicator against the contract's targets over the contract's
years only."""

from __future__ import annotations

from decimal import Decimal
from functools import partial
from typing import Any

from ...i18n import _, format_number, format_percent, ngettext
from ...models import Contract, ObservationKind
from ...services import values
from ...services.queries import contracts as contract_queries
from ...services.report_data import CotriLine
from ..content import MUTED, NOTE, Block, Group, Heading, Part, Table, Text
from . import CHART_SIZE, Marks, PartContext, amount_text, num


def _contracts(ctx: PartContext) -> list[Contract]:
    ids = list(dict.fromkeys(line.contract_id for line in ctx.data.cotri))
    return contract_queries.contracts_among(ctx.session, ids)


def scorecard(ctx: PartContext) -> list[Part]:
    data = ctx.data
    if not data.cotri:
        return []
    part = Part("cotri", _("COTRI scorecard"), landscape=True)
    part.add(
        Text(
            _(
                "Each yearly target of the contract is compared with the value that counts for "
                "that year (a value that is not a measure is marked). A contract's overall "
                "achievement is the weighted mean of its indicators' latest rates, each counted at "
                "most as fully achieved."
            ),
            MUTED,
        )
    )
    marks = Marks()
    for contract in _contracts(ctx):
        lines = [line for line in data.cotri if line.contract_id == contract.id]
        part.add(
            Heading(
                _("{contract} ({start}–{end})").format(
                    contract=contract.title, start=contract.period_start, end=contract.period_end
                ),
                1,
            )
        )
        rate = data.cotri_overall.get(contract.title)
        if rate is not None:
            sentence = _("Overall achievement: {rate} of the contractual objectives.").format(
                rate=marks.of(format_percent(rate), _rate_kind(lines))
            )
            part.add(Text(sentence))
            part.notes.append(f"{contract.title}: {sentence}")
        rows: list[list[str]] = []
        starts: list[int] = []
        previous = None
        for line in lines:
            first = line.indicator_code != previous
            previous = line.indicator_code
            if first and rows:
                starts.append(len(rows))
            rows.append(
                [
                    f"{line.indicator_code} {line.indicator_name}".strip() if first else "",
                    line.unit if first else "",
                    str(line.year),
                    num(line.target),
                    marks.of(num(line.achieved), line.kind),
                    format_percent(line.achievement, decimals=1)
                    if line.achievement is not None
                    else _("no value"),
                    "\n".join(line.actions) if first else "",
                ]
            )
        part.add(
            Table(
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
                [0.26, 0.11, 0.06, 0.1, 0.1, 0.1, 0.27],
                right=(3, 4, 5),
                group_starts=tuple(starts),
            )
        )
    part.blocks += ctx.chart(
        _("COTRI scorecard"),
        lambda charts: charts.render_chart(
            ctx.session,
            "cotri",
            territory_id=data.territory.id,
            lang=data.options.language,
            **CHART_SIZE,
        ),
        0.6,
    )
    part.blocks += marks.legend()
    return [part]


def _rate_kind(lines: list[CotriLine]) -> ObservationKind | None:
    """How the achieved values behind a contract's rate were obtained: its mark."""
    return values.weakest(line.kind for line in lines if line.achieved is not None)


def payment(ctx: PartContext) -> list[Part]:
    """What the funders owe by achievement: each funder's amount in the contract times the
    overall achievement (capped at 100 %)."""
    data = ctx.data
    if not data.cotri:
        return []
    part = Part("cotri_payment", _("Payment due according to achievement"))
    marks = Marks()
    for contract in _contracts(ctx):
        rate = data.cotri_overall.get(contract.title)
        kind = _rate_kind([line for line in data.cotri if line.contract_id == contract.id])
        funders = contract_queries.contract_funders(ctx.session, contract.id)
        part.add(Heading(contract.title, 1))
        with_amount = [(p, o) for p, o in funders if p.amount is not None]
        if rate is None:
            part.add(
                Text(_("No year of the contract is scored yet: no payment can be computed."), MUTED)
            )
            continue
        capped = min(rate, Decimal(1))
        if with_amount:
            rows = [
                [
                    o.name,
                    amount_text(p.amount, p.currency),
                    marks.of(format_percent(capped), kind),
                    marks.of(amount_text(p.amount * capped, p.currency), kind),
                ]
                for p, o in with_amount
                if p.amount is not None
            ]
            part.add(
                Table(
                    [_("Funder"), _("Amount in the contract"), _("Achievement"), _("Due")],
                    rows,
                    [0.34, 0.22, 0.2, 0.24],
                    right=(1, 2, 3),
                )
            )
            part.notes += [f"{r[0]}: {r[3]}" for r in rows]
        else:
            names = ", ".join(o.name for _p, o in funders) or _("none recorded")
            part.add(
                Text(
                    _(
                        "The contract records no amount for its funders ({funders}): the payment "
                        "due is {rate} of the amounts they committed."
                    ).format(funders=names, rate=marks.of(format_percent(capped), kind)),
                    NOTE,
                )
            )
            part.notes.append(
                _("Payment due: {rate} of the committed amounts.").format(
                    rate=marks.of(format_percent(capped), kind)
                )
            )
    part.blocks += marks.legend()
    return [part]


def indicator_pages(ctx: PartContext) -> list[Part]:
    """Each contractual indicator against the contract's yearly targets (not the plan's)."""
    data = ctx.data
    if not data.cotri:
        return []
    part = Part("cotri_indicators", _("Contractual indicators"), annex=True)
    marks = Marks()
    seen: set[tuple[int, int]] = set()
    for line in data.cotri:
        key = (line.contract_id, line.indicator_id)
        if key in seen:
            continue
        seen.add(key)
        years = [x for x in data.cotri if (x.contract_id, x.indicator_id) == key]
        blocks: list[Block] = [Heading(f"{line.indicator_code} {line.indicator_name}".strip(), 2)]
        blocks += ctx.chart(
            line.indicator_name,
            partial(_contract_indicator_chart, ctx, line.contract_id, line.indicator_id),
            0.85,
        )
        blocks.append(
            Table(
                [
                    _("Year"),
                    _("Contract target ({unit})").format(unit=line.unit),
                    _("Achieved ({unit})").format(unit=line.unit),
                    _("Achievement"),
                ],
                [
                    [
                        str(y.year),
                        num(y.target),
                        marks.of(num(y.achieved), y.kind),
                        format_percent(y.achievement, decimals=1)
                        if y.achievement is not None
                        else _("no value"),
                    ]
                    for y in years
                ],
                [0.16, 0.28, 0.28, 0.28],
                right=(1, 2, 3),
            )
        )
        part.add(Group(blocks))
    part.blocks += marks.legend()
    part.notes.append(
        ngettext("{n} contractual indicator.", "{n} contractual indicators.", len(seen)).format(
            n=format_number(len(seen))
        )
    )
    return [part]


def _contract_indicator_chart(
    ctx: PartContext, contract_id: int, indicator_id: int, charts: Any
) -> bytes:
    """A contractual indicator against the contract's yearly targets (``charts`` is the chart
    images module)."""
    data = ctx.data
    assert data.territory.id is not None
    image: bytes = charts.render_contract_indicator(
        ctx.session,
        contract_id,
        indicator_id,
        data.territory.id,
        lang=data.options.language,
        **CHART_SIZE,
    )
    return image
