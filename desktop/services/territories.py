"""Territories and organisations: creation, lookup by any key an officer knows (name, short
name, SIREN, the INSEE code of a member commune), and the short names the window shows."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ..models import Commune, Organisation, OrganisationKind, Territory, TerritoryKind
from . import changes
from .changes import Actor
from .text import matches, normalise_name, short_name
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


def territory_key(territory: Territory) -> str:
    """What names a territory across stores in import options and profiles: its SIREN, else
    its UUID (fixed for the life of the record)."""
    return territory.siren or territory.uuid


def find_territory(session: Session, key: str | None) -> Territory | None:
    """The territory a user or a profile means by ``key``: a SIREN (INSEE's code of an EPCI),
    a UUID, the INSEE code of one of its communes, its name or its short name (accents, case
    and spacing ignored). None when nothing matches, or when a name matches several."""
    text = (key or "").strip()
    if not text:
        return None
    compact = "".join(text.split())
    if compact.isdigit() and len(compact) == 9:
        return territory_by_siren(session, compact)
    by_uuid = session.exec(select(Territory).where(Territory.uuid == text)).first()
    if by_uuid is not None:
        return by_uuid
    if len(compact) == 5 and compact[:2].isalnum() and compact[2:].isdigit():
        commune = session.exec(select(Commune).where(Commune.insee_code == compact.upper())).first()
        if commune is not None:
            return session.get(Territory, commune.territory_id)
    wanted = normalise_name(text)
    named = [
        t
        for t in list_territories(session)
        if wanted in (normalise_name(t.name), normalise_name(short_name(t.name)))
    ]
    return named[0] if len(named) == 1 else None


def search_territories(session: Session, query: str) -> list[Territory]:
    """Territories whose name, short name, SIREN or member communes (name or INSEE code)
    match every word of ``query``; all of them for an empty query. Sorted by name."""
    territories = list_territories(session)
    if not query.strip():
        return territories
    communes: dict[int, list[str]] = {}
    for territory_id, name, insee in session.exec(
        select(Commune.territory_id, Commune.name, Commune.insee_code)
    ):
        communes.setdefault(territory_id, []).extend([name, insee or ""])
    return [
        t
        for t in territories
        if matches(query, t.name, short_name(t.name), t.siren or "", *communes.get(t.pk, []))
    ]


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
