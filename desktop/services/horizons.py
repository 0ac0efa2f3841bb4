"""A plan's regulatory horizons (article R229-51 of the Code de l'environnement).

The strategy of a PCAET sets its targets at the median years of the two furthest carbon budgets
of the national low-carbon strategy (SNBC) in force, and at 2030 and 2050. Which SNBC is in
force depends on when the plan is adopted: 2021 and 2026 under the first (decree 2015-1491),
2026 and 2031 under the second (decree 2020-457). A plan not adopted yet will be under the one
in force today.
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from ..models import Plan
from ..models.reference import CARBON_STRATEGIES, FIXED_HORIZONS, CarbonStrategy
from . import store_settings


def strategy_in_force(on: date) -> CarbonStrategy:
    """The SNBC in force on a date; the first one for a date before it (PCAETs, created by
    decree 2016-849, all postdate it)."""
    current = CARBON_STRATEGIES[0]
    for strategy in CARBON_STRATEGIES:
        if strategy.in_force <= on:
            current = strategy
    return current


def budget_medians(strategy: CarbonStrategy) -> tuple[int, int]:
    """The median years of the strategy's two furthest carbon budgets."""
    (first_start, first_end), (last_start, last_end) = strategy.budgets[-2:]
    return (first_start + first_end) // 2, (last_start + last_end) // 2


def regulatory_horizons(adopted_on: date | None, *, today: date | None = None) -> list[int]:
    """The horizons of a plan adopted on ``adopted_on`` (None: not adopted yet, so the SNBC in
    force ``today``), in order."""
    strategy = strategy_in_force(adopted_on or today or date.today())
    return sorted({*budget_medians(strategy), *FIXED_HORIZONS})


def _adoption_date(session: Session, plan_id: int | None) -> date | None:
    plan = session.get(Plan, plan_id) if plan_id is not None else None
    return plan.adoption_date if plan is not None else None


def plan_strategy(
    session: Session, plan_id: int | None, *, today: date | None = None
) -> CarbonStrategy:
    """The SNBC a plan's targets follow."""
    return strategy_in_force(_adoption_date(session, plan_id) or today or date.today())


def plan_horizons(session: Session, plan_id: int | None, *, today: date | None = None) -> list[int]:
    """The horizons targets are set at for a plan: a list the store's settings hold when an
    authority chose its own, else the regulatory ones from the plan's adoption date."""
    chosen = store_settings.get(session, store_settings.TARGET_HORIZONS)
    if chosen:
        return sorted(int(year) for year in chosen)
    return regulatory_horizons(_adoption_date(session, plan_id), today=today)
