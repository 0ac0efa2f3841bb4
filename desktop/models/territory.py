"""Territories (EPCI and others) and the organisations acting in them."""

from __future__ import annotations

from sqlmodel import Field

from .base import Entity
from .enums import OrganisationKind, TerritoryKind
from .types import enum_column


class Territory(Entity, table=True):
    __tablename__ = "territory"

    name: str = Field(max_length=200)
    siren: str | None = Field(default=None, max_length=9, unique=True)
    kind: TerritoryKind = Field(sa_column=enum_column(TerritoryKind))
    population: int | None = None
    country: str = Field(default="FR", max_length=2)
    description: str = ""


class Commune(Entity, table=True):
    """A member commune of a territory."""

    __tablename__ = "commune"

    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    insee_code: str | None = Field(default=None, max_length=5)
    population: int | None = None


class Organisation(Entity, table=True):
    """A partner, funder or lead structure."""

    __tablename__ = "organisation"

    name: str = Field(max_length=300)
    # Accent-, case- and spacing-insensitive key so that "Région Hauts-de-France" and
    # "Region Hauts de France" are one organisation.
    normalised_name: str = Field(max_length=300, index=True)
    acronym: str = Field(default="", max_length=50)
    kind: OrganisationKind = Field(sa_column=enum_column(OrganisationKind))
    country: str = Field(default="FR", max_length=2)
    siren: str | None = Field(default=None, max_length=9)
    website: str = Field(default="", max_length=500)
    notes: str = ""
