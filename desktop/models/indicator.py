"""Indicators, their yearly observations and their targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity
from .enums import Direction, IndicatorCategory, ObservationKind, ValueOrigin
from .types import ExactDecimal, enum_column


class Indicator(Entity, table=True):
    """An indicator of the regulatory referential (``identifier`` set, installed and updated by
    migrations from ``resources/referential``) or a custom one (``identifier`` NULL)."""

    __tablename__ = "indicator"
    __table_args__ = (sa.UniqueConstraint("identifier", name="uq_indicator_identifier"),)

    code: str = Field(max_length=60, unique=True)
    # Territoires en Transitions' ``identifiantReferentiel`` ("cae_1.a"), or the product's own
    # for the R229-51 items TeT lacks; NULL for a custom indicator.
    identifier: str | None = Field(default=None, max_length=60)
    # Identifiers of the parents, space separated ("cae_1.a"); a sector's total and its parts.
    parent_identifiers: str = Field(default="", max_length=200)
    # How a computed parent sums its children, in TeT's syntax:
    # "val(cae_1.c)+opt_val(cae_1.h)" (``val`` required, ``opt_val`` optional).
    formula: str = ""
    # The referential the definition comes from ("tet", "pcaet") and its version; empty for a
    # custom indicator. A later release upserts rows whose version is older than its own.
    referential: str = Field(default="", max_length=20)
    referential_version: str = Field(default="", max_length=20)
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
    """A value of an indicator for a territory and a year: who produced it (``origin``) and how
    it was obtained (``kind``). Two origins may give a value for the same year; which one counts
    is decided in one place, ``desktop.services.values``."""

    __tablename__ = "observation"
    __table_args__ = (
        sa.UniqueConstraint(
            "indicator_id", "territory_id", "year", "kind", "origin", name="uq_observation_key"
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
    origin: ValueOrigin = Field(default=ValueOrigin.AUTHORITY, sa_column=enum_column(ValueOrigin))
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
