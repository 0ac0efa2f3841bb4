"""Reference trajectories of a territory: the SNBC reference its plan is compared with.

Kept apart from observations and targets on purpose: a reference is neither a value of the
territory nor a target of its plan, and nothing that sums or assesses those may pick it up by
mistake. Each series says where it comes from (``kind``, ``method``, ``source``) and what it was
computed from (``inputs``), so a committee can tell the simplified sector reference computed
here from the official one ADEME's territorialised tool gives.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity
from .types import ExactDecimal, enum_column


class ReferenceKind(StrEnum):
    # Computed here from the 2015 inventory and the SNBC-2 sector reductions.
    SIMPLIFIED_SNBC = "simplified_snbc"
    # Imported from ADEME's territorialised SNBC tool or Territoires en Transitions: the
    # authority's official reference, which counts over the simplified one.
    OFFICIAL = "official"


class ReferenceSeries(Entity, table=True):
    """One reference of a territory (one of each kind at most), with its provenance."""

    __tablename__ = "reference_series"
    __table_args__ = (
        sa.UniqueConstraint("territory_id", "kind", name="uq_reference_series_territory_kind"),
    )

    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE", index=True)
    kind: ReferenceKind = Field(sa_column=enum_column(ReferenceKind))
    # How it was made: "snbc2-sectors-2015" (computed here), "tet-export", "ademe-workbook".
    method: str = Field(max_length=60)
    # The decree it follows, or the file it was imported from.
    source: str = Field(default="", max_length=300)
    source_date: date | None = None  # computed or imported on
    # JSON: the inventory values it was computed from, or what the imported file held.
    inputs: str = ""
    # Identifiers the inventory lacked, space separated.
    missing: str = Field(default="", max_length=1000)


class ReferenceValue(Entity, table=True):
    """A value of a reference series: a TeT identifier, a year, in the referential's unit."""

    __tablename__ = "reference_value"
    __table_args__ = (
        sa.UniqueConstraint("series_id", "identifier", "year", name="uq_reference_value_key"),
    )

    series_id: int = Field(foreign_key="reference_series.id", ondelete="CASCADE", index=True)
    identifier: str = Field(max_length=60)
    year: int
    value: Decimal = Field(sa_type=ExactDecimal)
    unit: str = Field(default="", max_length=40)
