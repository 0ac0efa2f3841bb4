"""The SNBC reference of a territory over the store: which one counts, saving it, and reading
it back for the window, the command line, the charts and the reports.

The official reference (imported from ADEME's territorialised tool or Territoires en
Transitions) counts when the authority has one. Otherwise the simplified sector reference is
computed from the current inventory (``snbc_reference``), which is cheap: reading it never
writes. Saving it keeps the figures a committee saw with what they were computed from; a saved
one whose inventory has changed since is said to be out of date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from ..models import ReferenceKind, ReferenceSeries, ReferenceValue
from . import changes
from .changes import Actor
from .reference_inputs import mapped_indicators, territory_values, unit_of
from .snbc_reference import (
    CONSUMPTION_TOTAL,
    EMISSIONS_TOTAL,
    Inventory,
    Series,
    YearValue,
    sector_reference,
)

SIMPLIFIED_METHOD = "snbc2-sectors-2015"
SIMPLIFIED_SOURCE = "SNBC-2, décret n° 2020-457 du 21 avril 2020 ; Code de l'énergie, L100-4"
GHG, ENERGY = "ghg", "energy"
DOMAINS = (GHG, ENERGY)


@dataclass(frozen=True)
class Reference:
    """The reference that counts for a territory, in kteq CO2 and GWh."""

    kind: ReferenceKind | None  # None: no official one and too thin an inventory
    emissions: Series = field(default_factory=dict)
    consumption: Series = field(default_factory=dict)
    method: str = ""
    source: str = ""
    source_date: date | None = None
    missing: list[str] = field(default_factory=list)
    inventory: Inventory | None = None  # the simplified one's 2015 inventory
    saved: bool = False  # these very figures are kept in the store
    out_of_date: bool = False  # a saved simplified reference differs from the inventory now
    official_available: bool = False

    def series(self, domain: str) -> Series:
        return self.consumption if domain == ENERGY else self.emissions

    def value(self, identifier: str, year: int) -> Decimal | None:
        series = self.consumption if identifier.startswith("cae_2.") else self.emissions
        return series.get(identifier, {}).get(year)

    @property
    def exists(self) -> bool:
        return bool(self.emissions or self.consumption)


def _stored(session: Session, territory_id: int, kind: ReferenceKind) -> ReferenceSeries | None:
    return session.exec(
        select(ReferenceSeries).where(
            ReferenceSeries.territory_id == territory_id, ReferenceSeries.kind == kind
        )
    ).first()


def _stored_values(session: Session, series_id: int) -> tuple[Series, Series]:
    emissions: Series = {}
    consumption: Series = {}
    rows = session.exec(
        select(ReferenceValue)
        .where(ReferenceValue.series_id == series_id)
        .order_by(col(ReferenceValue.identifier), col(ReferenceValue.year))
    )
    for row in rows:
        target = consumption if row.identifier.startswith("cae_2.") else emissions
        target.setdefault(row.identifier, {})[row.year] = row.value
    return emissions, consumption


def _inputs_text(inventory: Inventory | None, base: YearValue | None) -> str:
    data: dict[str, Any] = {}
    if inventory is not None:
        data["inventory_2015"] = {
            identifier: {"value": format(v.value, "f"), "years": list(v.years)}
            for identifier, v in sorted(inventory.values.items())
        }
    if base is not None:
        data["consumption_2012"] = {"value": format(base.value, "f"), "years": list(base.years)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def simplified_reference(session: Session, territory_id: int) -> Reference:
    """The simplified reference from the territory's inventory as it is now."""
    computed = sector_reference(territory_values(session, territory_id, mapped_indicators(session)))
    stored = _stored(session, territory_id, ReferenceKind.SIMPLIFIED_SNBC)
    same = (
        stored is not None
        and stored.inputs == _inputs_text(computed.inventory, computed.consumption_base)
        and computed.computed
    )
    return Reference(
        ReferenceKind.SIMPLIFIED_SNBC if computed.computed else None,
        computed.emissions,
        computed.consumption,
        SIMPLIFIED_METHOD,
        SIMPLIFIED_SOURCE,
        stored.source_date if same and stored is not None else None,
        computed.missing,
        computed.inventory,
        saved=same,
        out_of_date=stored is not None and not same,
    )


def official_reference(session: Session, territory_id: int) -> Reference | None:
    stored = _stored(session, territory_id, ReferenceKind.OFFICIAL)
    if stored is None:
        return None
    emissions, consumption = _stored_values(session, stored.pk)
    return Reference(
        ReferenceKind.OFFICIAL,
        emissions,
        consumption,
        stored.method,
        stored.source,
        stored.source_date,
        stored.missing.split(),
        saved=True,
        official_available=True,
    )


def reference_for(session: Session, territory_id: int) -> Reference:
    """The reference that counts: the official one when the authority has one, else the
    simplified one from the current inventory."""
    official = official_reference(session, territory_id)
    if official is not None:
        return official
    return simplified_reference(session, territory_id)


def _replace(
    session: Session,
    actor: Actor,
    territory_id: int,
    kind: ReferenceKind,
    header: dict[str, Any],
    series: Series,
) -> ReferenceSeries:
    """One series of the kind for the territory, its values replaced in one go."""
    stored = _stored(session, territory_id, kind)
    if stored is None:
        stored = changes.create(
            session, ReferenceSeries(territory_id=territory_id, kind=kind, **header), actor
        )
    else:
        changes.update(session, stored, header, actor)
        session.execute(delete(ReferenceValue).where(col(ReferenceValue.series_id) == stored.pk))
    session.add_all(
        ReferenceValue(
            series_id=stored.pk,
            identifier=identifier,
            year=year,
            value=value,
            unit=unit_of(identifier),
        )
        for identifier, years in sorted(series.items())
        for year, value in sorted(years.items())
    )
    session.flush()
    return stored


def save_simplified(
    session: Session, actor: Actor, territory_id: int, *, today: date | None = None
) -> Reference:
    """Compute the simplified reference from the inventory and keep it; nothing is written
    when the inventory is too thin (the reference returned says what is missing)."""
    computed = sector_reference(territory_values(session, territory_id, mapped_indicators(session)))
    if computed.computed:
        header = {
            "method": SIMPLIFIED_METHOD,
            "source": SIMPLIFIED_SOURCE,
            "source_date": today or date.today(),
            "inputs": _inputs_text(computed.inventory, computed.consumption_base),
            "missing": " ".join(computed.missing),
        }
        _replace(
            session,
            actor,
            territory_id,
            ReferenceKind.SIMPLIFIED_SNBC,
            header,
            {**computed.emissions, **computed.consumption},
        )
    return simplified_reference(session, territory_id)


def save_official(
    session: Session,
    actor: Actor,
    territory_id: int,
    series: Series,
    *,
    method: str,
    source: str,
    inputs: dict[str, Any],
    today: date | None = None,
) -> Reference:
    """Keep an imported official reference (values by identifier and year, in the referential's
    units), replacing the previous one."""
    header = {
        "method": method,
        "source": source[:300],
        "source_date": today or date.today(),
        "inputs": json.dumps(inputs, ensure_ascii=False, sort_keys=True),
        "missing": "",
    }
    _replace(session, actor, territory_id, ReferenceKind.OFFICIAL, header, series)
    official = official_reference(session, territory_id)
    assert official is not None
    return official


def remove_official(session: Session, actor: Actor, territory_id: int) -> bool:
    """Forget the official reference (the simplified one counts again)."""
    stored = _stored(session, territory_id, ReferenceKind.OFFICIAL)
    if stored is None:
        return False
    session.execute(delete(ReferenceValue).where(col(ReferenceValue.series_id) == stored.pk))
    changes.delete(session, stored, actor)
    return True


def totals_of(domain: str) -> str:
    return CONSUMPTION_TOTAL if domain == ENERGY else EMISSIONS_TOTAL
