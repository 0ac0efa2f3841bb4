"""Budget lines, funding and impacts; totals per currency, never summed across currencies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..i18n import _
from ..models import Action, BudgetLine, BudgetScenario, BudgetState, Funding, Impact
from . import changes
from .changes import Actor, ValidationError
from .validation import check_percent, check_rate_range


def _check_line(state: BudgetState, amount: Decimal | None) -> None:
    if state == BudgetState.AMOUNT and amount is None:
        raise ValidationError(
            "amount", _("Enter an amount, or choose a state such as 'to be defined'.")
        )
    if state != BudgetState.AMOUNT and amount is not None:
        raise ValidationError("amount", _("A budget without a number has no amount."))
    if amount is not None and amount < 0:
        raise ValidationError("amount", _("An amount cannot be negative."))


def add_budget_line(session: Session, actor: Actor, action: Action, **fields: Any) -> BudgetLine:
    line = BudgetLine(action_id=action.pk, **fields)
    _check_line(line.state, line.amount)
    return changes.create(session, line, actor, parent=action)


def update_budget_line(
    session: Session,
    actor: Actor,
    line: BudgetLine,
    values: dict[str, Any],
    *,
    parent: Action | None = None,
    expected_version: int | None = None,
) -> list[str]:
    state = values.get("state", line.state)
    amount = values.get("amount", line.amount)
    _check_line(BudgetState(state), amount)
    return changes.update(
        session, line, values, actor, parent=parent, expected_version=expected_version
    )


def add_funding(session: Session, actor: Actor, action: Action, **fields: Any) -> Funding:
    funding = Funding(action_id=action.pk, **fields)
    check_percent(funding.rate_percent, "rate_percent")
    check_rate_range(funding.rate_percent, funding.rate_max_percent)
    return changes.create(session, funding, actor, parent=action)


def add_impact(session: Session, actor: Actor, action: Action, **fields: Any) -> Impact:
    return changes.create(session, Impact(action_id=action.pk, **fields), actor, parent=action)


def budget_lines(session: Session, action_id: int) -> list[BudgetLine]:
    return list(
        session.exec(
            select(BudgetLine)
            .where(BudgetLine.action_id == action_id)
            .order_by(col(BudgetLine.position), col(BudgetLine.id))
        )
    )


@dataclass(frozen=True)
class CurrencyTotals:
    """Amounts per unit (EUR, GBP, FTE...) and how many lines had no number."""

    amounts: dict[str, Decimal]
    non_numeric: dict[BudgetState, int]


def totals_by_currency(
    session: Session,
    *,
    plan_id: int | None = None,
    scenario: BudgetScenario | None = BudgetScenario.FORECAST,
) -> CurrencyTotals:
    query = select(col(BudgetLine.state), col(BudgetLine.amount), col(BudgetLine.unit)).join(
        Action, col(Action.id) == col(BudgetLine.action_id)
    )
    if plan_id is not None:
        query = query.where(Action.plan_id == plan_id)
    if scenario is not None:
        query = query.where(BudgetLine.scenario == scenario)
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    non_numeric: dict[BudgetState, int] = defaultdict(int)
    # Summed in Python on purpose: Decimal stays exact, SQLite would sum as floats.
    for state, amount, unit in session.exec(query):
        if state == BudgetState.AMOUNT and amount is not None:
            amounts[unit] += amount
        else:
            non_numeric[BudgetState(state)] += 1
    return CurrencyTotals(dict(amounts), dict(non_numeric))


def next_line_defaults(session: Session, action_id: int) -> dict[str, Any]:
    """What a new budget line of an action starts with: the year after its last line's (else
    the action's start year, else this year) and the unit of its last line."""
    from datetime import date

    lines = budget_lines(session, action_id)
    years = [line.year for line in lines if line.year is not None]
    if years:
        year = max(years) + 1
    else:
        action = session.get(Action, action_id)
        start = action.start_date if action is not None else None
        year = start.year if start is not None else date.today().year
    unit = lines[-1].unit if lines and lines[-1].unit else "EUR"
    return {"year": year, "unit": unit}
