"""Indicators, their yearly observations and their targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity
from .enums import Direction, IndicatorCategory, ObservationKind
from .types import ExactDecimal, enum_column


class Indicator(Entity, table=True):
    __tablename__ = "indicator"

    code: str = Field(max_length=60, unique=True)
    name: str = Field(max_length=500)
    normalised_name: str = Field(max_length=500, index=True)
    unit: str = Field(default="", max_length=40)
    category: IndicatorCategory = Field(sa_column=enum_column(IndicatorCategory, index=True))
    # A code of the regulatory lists in ``desktop.models.reference`` (sector, pollutant,
    # renewable filière or sequestration reservoir), or empty for a total.
    dimension: str = Field(default="", max_length=60)
    direction: Direction = Field(sa_column=enum_column(Direction))
    description: str = ""
    source_producer: str = Field(default="", max_length=300)
    source_method: str = ""
    source_date: date | None = None
    source_url: str = Field(default="", max_length=1000)


class Observation(Entity, table=True):
    """A value of an indicator for a territory and a year, measured or estimated."""

    __tablename__ = "observation"
    __table_args__ = (
        sa.UniqueConstraint(
            "indicator_id", "territory_id", "year", "kind", name="uq_observation_key"
        ),
        sa.Index("ix_observation_territory_year", "territory_id", "year"),
    )

    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE")
    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE")
    year: int
    value: Decimal = Field(sa_type=ExactDecimal)
    kind: ObservationKind = Field(
        default=ObservationKind.MEASURED, sa_column=enum_column(ObservationKind)
    )
    source: str = Field(default="", max_length=300)
    comment: str = ""


class Target(Entity, table=True):
    """A target at a horizon: an absolute value, or a change against a reference year."""

    __tablename__ = "target"
    __table_args__ = (
        sa.UniqueConstraint(
            "indicator_id", "territory_id", "plan_id", "horizon_year", name="uq_target_key"
        ),
        sa.CheckConstraint(
            "(value IS NOT NULL AND relative_change_percent IS NULL) OR "
            "(value IS NULL AND relative_change_percent IS NOT NULL "
            "AND reference_year IS NOT NULL)",
            name="ck_target_absolute_or_relative",
        ),
    )

    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE", index=True)
    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE", index=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="CASCADE", index=True)
    horizon_year: int
    value: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    relative_change_percent: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    reference_year: int | None = None
    source: str = Field(default="", max_length=300)
    comment: str = ""
