"""Plans, their strategic objectives and their tree of sections."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity
from .enums import PlanKind, PlanStatus, SectionKind, StrategyDomain
from .types import ExactDecimal, enum_column


class Plan(Entity, table=True):
    """A PCAET, or another plan such as a cross-border action plan."""

    __tablename__ = "plan"

    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    kind: PlanKind = Field(sa_column=enum_column(PlanKind))
    status: PlanStatus = Field(sa_column=enum_column(PlanStatus))
    period_start: int | None = None
    period_end: int | None = None
    reference_year: int | None = None
    adoption_date: date | None = None
    description: str = ""


class StrategicObjective(Entity, table=True):
    """A strategy objective of a plan in one of the 9 domains of article R229-51."""

    __tablename__ = "strategic_objective"

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    domain: StrategyDomain = Field(sa_column=enum_column(StrategyDomain))
    statement: str = ""
    horizon_year: int | None = None
    value: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    unit: str = Field(default="", max_length=40)
    indicator_id: int | None = Field(
        default=None, foreign_key="indicator.id", ondelete="SET NULL", index=True
    )


class Section(Entity, table=True):
    """A node of a plan's tree: part > lever / axis > sub-axis, any depth."""

    __tablename__ = "section"
    __table_args__ = (
        sa.Index("ix_section_plan_parent_position", "plan_id", "parent_id", "position"),
    )

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    parent_id: int | None = Field(default=None, foreign_key="section.id", ondelete="CASCADE")
    position: int = 0
    code: str = Field(default="", max_length=20)
    title: str = Field(max_length=400)
    kind: SectionKind = Field(sa_column=enum_column(SectionKind))
    description: str = ""
