"""The budget as a committee reads it: the plan's own commitments apart from the amounts shown
for context, forecast, committed and realised side by side, per currency, per axis and per
funder. Currencies are never added together unless the user entered a dated rate."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from ..models import (
    AmountPrecision,
    BudgetLine,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    Funding,
    FundingStage,
    Organisation,
)
from . import store_settings

SCENARIOS: tuple[BudgetScenario, ...] = (
    BudgetScenario.FORECAST,
    BudgetScenario.COMMITTED,
    BudgetScenario.ACTUAL,
)
# Where a funding's amount counts: envisaged or applied for is a forecast, granted is
# committed, paid is realised.
STAGE_SCENARIO: dict[FundingStage | None, BudgetScenario] = {
    None: BudgetScenario.FORECAST,
    FundingStage.ENVISAGED: BudgetScenario.FORECAST,
    FundingStage.APPLIED: BudgetScenario.FORECAST,
    FundingStage.GRANTED: BudgetScenario.COMMITTED,
    FundingStage.PAID: BudgetScenario.ACTUAL,
}


@dataclass
class Amounts:
    """Forecast, committed and realised amounts, per currency or unit."""

    values: dict[BudgetScenario, dict[str, Decimal]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Decimal))
    )
    # Currencies whose total holds an approximate amount ("environ", "plus de").
    approximate: set[tuple[BudgetScenario, str]] = field(default_factory=set)

    def add(
        self, scenario: BudgetScenario, unit: str, amount: Decimal, *, approximate: bool = False
    ) -> None:
        self.values[scenario][unit] += amount
        if approximate:
            self.approximate.add((scenario, unit))

    def get(self, scenario: BudgetScenario, unit: str) -> Decimal | None:
        return self.values.get(scenario, {}).get(unit)

    @property
    def units(self) -> list[str]:
        found = {unit for per_unit in self.values.values() for unit in per_unit}
        return sorted(found, key=lambda u: (u != "EUR", u))

    @property
    def is_empty(self) -> bool:
        return not self.units


@dataclass(frozen=True)
class Rate:
    currency: str
    rate: Decimal  # 1 ``currency`` = ``rate`` EUR
    as_of: date
    source: str


@dataclass
class FunderRow:
    funder: str
    programmes: list[str]
    amounts: Amounts
    # Rates as written: "69 %", "69 à 80 %" (as numbers: low, high or None).
    rates: list[tuple[Decimal, Decimal | None]]
    stages: list[FundingStage]
    actions: int


@dataclass
class BudgetOverview:
    own: Amounts
    context: Amounts
    by_axis: list[tuple[str, Amounts]]  # the plan's own commitments per top-level section
    by_funder: list[FunderRow]
    non_numeric: dict[BudgetState, int]
    rates: dict[str, Rate]  # dated rates the user entered, per currency
    undated_rates: list[str]  # currencies whose rate has no date: never used

    def converted(self, scenario: BudgetScenario, amounts: Amounts | None = None) -> Decimal | None:
        """The total in euros of one scenario, when every currency in it has a dated rate."""
        amounts = amounts or self.own
        total = Decimal(0)
        for unit, value in amounts.values.get(scenario, {}).items():
            if unit == "EUR":
                total += value
            elif unit in self.rates:
                total += value * self.rates[unit].rate
            else:
                return None
        return total

    @property
    def currencies(self) -> list[str]:
        return [u for u in self.own.units if is_currency(u)]

    @property
    def needs_rate(self) -> list[str]:
        """Currencies of the plan's commitments with no dated rate to the euro."""
        return [c for c in self.currencies if c != "EUR" and c not in self.rates]


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.upper() != "FTE"


def dated_rates(session: Session) -> tuple[dict[str, Rate], list[str]]:
    """The rates to the euro the user entered with their date; currencies whose rate has no
    valid date are listed apart, and not used."""
    stored = store_settings.get(session, store_settings.CURRENCY_RATES) or {}
    rates: dict[str, Rate] = {}
    undated: list[str] = []
    if not isinstance(stored, dict):
        return rates, undated
    for currency, entry in sorted(stored.items()):
        if not isinstance(entry, dict):
            continue
        try:
            rate = Decimal(str(entry.get("EUR")))
        except ArithmeticError:
            continue
        if not rate.is_finite() or rate <= 0:
            continue
        try:
            as_of = date.fromisoformat(str(entry.get("as_of", "")))
        except ValueError:
            undated.append(currency)
            continue
        rates[currency] = Rate(currency, rate, as_of, str(entry.get("source", "")))
    return rates, undated


def budget_overview(
    session: Session,
    action_ids: Iterable[int],
    *,
    axis_of: Callable[[int], str] = lambda _action_id: "",
    in_period: Callable[[int | None], bool] = lambda _year: True,
) -> BudgetOverview:
    """The budget of these actions; ``axis_of`` names the axis an action belongs to."""
    ids = list(action_ids)
    own, context = Amounts(), Amounts()
    axes: dict[str, Amounts] = {}
    non_numeric: dict[BudgetState, int] = defaultdict(int)
    lines: list[BudgetLine] = (
        list(
            session.exec(
                select(BudgetLine)
                .where(col(BudgetLine.action_id).in_(ids))
                .order_by(col(BudgetLine.action_id), col(BudgetLine.position), col(BudgetLine.id))
            )
        )
        if ids
        else []
    )
    for line in lines:
        if not in_period(line.year):
            continue
        if line.state != BudgetState.AMOUNT or line.amount is None:
            non_numeric[BudgetState(line.state)] += 1
            continue
        approximate = line.precision != AmountPrecision.EXACT
        scenario = BudgetScenario(line.scenario)
        if line.scope == BudgetScope.CONTEXT:
            context.add(scenario, line.unit, line.amount, approximate=approximate)
            continue
        own.add(scenario, line.unit, line.amount, approximate=approximate)
        axis = axis_of(line.action_id)
        axes.setdefault(axis, Amounts()).add(
            scenario, line.unit, line.amount, approximate=approximate
        )
    rates, undated = dated_rates(session)
    return BudgetOverview(
        own=own,
        context=context,
        by_axis=list(axes.items()),
        by_funder=_funders(session, ids),
        non_numeric=dict(non_numeric),
        rates=rates,
        undated_rates=undated,
    )


def _funders(session: Session, ids: list[int]) -> list[FunderRow]:
    if not ids:
        return []
    names = {o.id: o.name for o in session.exec(select(Organisation))}
    rows: dict[str, FunderRow] = {}
    actions: dict[str, set[int]] = defaultdict(set)
    for funding in session.exec(
        select(Funding).where(col(Funding.action_id).in_(ids)).order_by(col(Funding.id))
    ):
        funder = names.get(funding.funder_id, "") if funding.funder_id else ""
        key = funder or funding.programme
        row = rows.setdefault(key, FunderRow(key, [], Amounts(), [], [], 0))
        if funding.programme and funding.programme not in row.programmes:
            row.programmes.append(funding.programme)
        stage = FundingStage(funding.stage) if funding.stage else None
        if stage is not None and stage not in row.stages:
            row.stages.append(stage)
        if funding.amount is not None:
            row.amounts.add(STAGE_SCENARIO[stage], funding.currency, funding.amount)
        if funding.rate_percent is not None:
            rate = (funding.rate_percent, funding.rate_max_percent)
            if rate not in row.rates:
                row.rates.append(rate)
        actions[key].add(funding.action_id)
    for key, row in rows.items():
        row.actions = len(actions[key])
    return sorted(rows.values(), key=lambda r: (-r.actions, r.funder.casefold()))
