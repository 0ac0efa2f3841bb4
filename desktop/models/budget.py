"""Money and effects of an action: budget lines, funding and impacts."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity
from .enums import (
    AmountPrecision,
    BudgetNature,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    FundingStage,
    ImpactKind,
    TaxBasis,
)
from .types import ExactDecimal, enum_column


class BudgetLine(Entity, table=True):
    """An amount in a unit (EUR, GBP, FTE...), or a non-numeric state with the words as written."""

    __tablename__ = "budget_line"
    __table_args__ = (
        sa.CheckConstraint(
            "(state = 'amount' AND amount IS NOT NULL) OR (state <> 'amount' AND amount IS NULL)",
            name="ck_budget_line_amount_state",
        ),
    )

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    position: int = 0
    year: int | None = None  # None: for the whole action
    nature: BudgetNature | None = Field(
        default=None, sa_column=enum_column(BudgetNature, nullable=True)
    )
    scenario: BudgetScenario = Field(
        default=BudgetScenario.FORECAST, sa_column=enum_column(BudgetScenario)
    )
    state: BudgetState = Field(default=BudgetState.AMOUNT, sa_column=enum_column(BudgetState))
    amount: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    precision: AmountPrecision = Field(
        default=AmountPrecision.EXACT, sa_column=enum_column(AmountPrecision)
    )
    unit: str = Field(default="EUR", max_length=10)  # ISO currency code or "FTE"
    # Context amounts (a partner's programme the action belongs to) are shown, never added to
    # the plan's own commitments.
    scope: BudgetScope = Field(default=BudgetScope.OWN, sa_column=enum_column(BudgetScope))
    tax_basis: TaxBasis = Field(default=TaxBasis.NOT_APPLICABLE, sa_column=enum_column(TaxBasis))
    label: str = Field(default="", max_length=300)
    text: str = ""  # as written in the source


class Funding(Entity, table=True):
    __tablename__ = "funding"
    __table_args__ = (
        sa.CheckConstraint(
            "rate_percent IS NULL OR (CAST(rate_percent AS NUMERIC) >= 0 "
            "AND CAST(rate_percent AS NUMERIC) <= 100)",
            name="ck_funding_rate",
        ),
        sa.CheckConstraint(
            "rate_max_percent IS NULL OR (rate_percent IS NOT NULL "
            "AND CAST(rate_max_percent AS NUMERIC) >= CAST(rate_percent AS NUMERIC) "
            "AND CAST(rate_max_percent AS NUMERIC) <= 100)",
            name="ck_funding_rate_range",
        ),
    )

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    funder_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL", index=True
    )
    programme: str = Field(default="", max_length=300)
    rate_percent: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    # The top of a range of rates ("69 à 80 % de cofinancement FEDER"); None: one rate.
    rate_max_percent: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    amount: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    currency: str = Field(default="EUR", max_length=10)
    stage: FundingStage | None = Field(
        default=None, sa_column=enum_column(FundingStage, nullable=True)
    )
    text: str = ""


class Impact(Entity, table=True):
    """An expected or measured effect in any unit: tCO2e/yr avoided, EUR/yr saved, jobs..."""

    __tablename__ = "impact"

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    kind: ImpactKind = Field(sa_column=enum_column(ImpactKind))
    label: str = Field(max_length=300)
    value: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    # The top of a range as the source writes it ("15 à 21 %": value 15, value_max 21).
    value_max: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    unit: str = Field(default="", max_length=40)
    year: int | None = None
    indicator_id: int | None = Field(
        default=None, foreign_key="indicator.id", ondelete="SET NULL", index=True
    )
    text: str = ""
