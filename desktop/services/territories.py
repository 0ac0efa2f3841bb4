"""Territories and organisations."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ..models import Organisation, OrganisationKind, Territory, TerritoryKind
from . import changes
from .changes import Actor
from .text import normalise_name
from .validation import check_not_blank, check_siren


def create_territory(
    session: Session,
    actor: Actor,
    *,
    name: str,
    siren: str | None = None,
    kind: TerritoryKind = TerritoryKind.OTHER,
    population: int | None = None,
    country: str = "FR",
    description: str = "",
) -> Territory:
    territory = Territory(
        name=check_not_blank(name, "name"),
        siren=check_siren(siren),
        kind=kind,
        population=population,
        country=country.upper(),
        description=description,
    )
    return changes.create(session, territory, actor)


def list_territories(session: Session) -> list[Territory]:
    return list(session.exec(select(Territory).order_by(col(Territory.name))))


def territory_by_siren(session: Session, siren: str) -> Territory | None:
    return session.exec(select(Territory).where(Territory.siren == siren)).first()


def find_organisation(session: Session, name: str) -> Organisation | None:
    key = normalise_name(name)
    return session.exec(select(Organisation).where(Organisation.normalised_name == key)).first()


def get_or_create_organisation(
    session: Session,
    actor: Actor,
    name: str,
    *,
    kind: OrganisationKind = OrganisationKind.OTHER,
    country: str = "FR",
    acronym: str = "",
) -> Organisation:
    """The organisation of that name (accents, case and spacing ignored), created if new."""
    existing = find_organisation(session, name)
    if existing is not None:
        return existing
    organisation = Organisation(
        name=check_not_blank(name, "name"),
        normalised_name=normalise_name(name),
        kind=kind,
        country=country.upper(),
        acronym=acronym,
    )
    return changes.create(session, organisation, actor)


def list_organisations(session: Session) -> list[Organisation]:
    return list(session.exec(select(Organisation).order_by(col(Organisation.normalised_name))))
