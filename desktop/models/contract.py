"""COTRI contracts: objective contracts for the Third Industrial Revolution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity
from .enums import ContractPartyRole
from .types import ExactDecimal, enum_column


class Contract(Entity, table=True):
    __tablename__ = "contract"

    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE", index=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="SET NULL")
    title: str = Field(max_length=300)
    kind: str = Field(default="cotri", max_length=40)
    period_start: int
    period_end: int
    signed_on: date | None = None
    description: str = ""


class ContractParty(Entity, table=True):
    __tablename__ = "contract_party"
    __table_args__ = (sa.UniqueConstraint("contract_id", "organisation_id", "role"),)

    contract_id: int = Field(foreign_key="contract.id", ondelete="CASCADE", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="CASCADE", index=True)
    role: ContractPartyRole = Field(sa_column=enum_column(ContractPartyRole))
    amount: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    currency: str = Field(default="EUR", max_length=10)


class ContractIndicator(Entity, table=True):
    """A contractual indicator; its yearly targets are ``ContractTarget`` rows."""

    __tablename__ = "contract_indicator"
    __table_args__ = (sa.UniqueConstraint("contract_id", "indicator_id"),)

    contract_id: int = Field(foreign_key="contract.id", ondelete="CASCADE", index=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE", index=True)
    position: int = 0
    weight: Decimal | None = Field(default=None, sa_type=ExactDecimal)
    objective_text: str = ""


class ContractTarget(Entity, table=True):
    __tablename__ = "contract_target"
    __table_args__ = (sa.UniqueConstraint("contract_indicator_id", "year"),)

    contract_indicator_id: int = Field(
        foreign_key="contract_indicator.id", ondelete="CASCADE", index=True
    )
    year: int
    value: Decimal = Field(sa_type=ExactDecimal)
