"""What the SNBC reference reads from the store: a territory's values and its plan's targets by
TeT identifier, in the referential's units (kteq CO2, GWh).

An indicator of the referential stands for its own identifier. A custom indicator (no
identifier) stands for one by its regulatory category and sector (the arrêté of 4 August 2016's
sectors map one to one onto TeT's ``cae_1.*`` and ``cae_2.*``): several of one sector (a port
and a shipping lane, both "other transport") add up. The referential's indicator counts alone
when it has values for the territory; custom ones fill in when it has none.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Indicator, IndicatorCategory, ObservationKind, Target
from ..units import conversion_factor, parse_unit
from . import referential
from . import values as value_rules
from .snbc_reference import ENERGY_UNIT, GHG_UNIT

_SECTOR_SUFFIX: Final = {
    "": "a",
    "residential": "c",
    "tertiary": "d",
    "road_transport": "e",
    "other_transport": "f",
    "agriculture": "g",
    "waste": "h",
    "industry_excl_energy": "i",
    "energy_industry": "j",
}
_CONSUMPTION_SUFFIX: Final = {
    "": "a",
    "residential": "e",
    "tertiary": "f",
    "road_transport": "g",
    "other_transport": "h",
    "agriculture": "i",
    "waste": "j",
    "industry_excl_energy": "k",
    "energy_industry": "l_pcaet",
}
IDENTIFIER_OF: Final[dict[tuple[IndicatorCategory, str], str]] = {
    **{(IndicatorCategory.GHG_EMISSIONS, d): f"cae_1.{s}" for d, s in _SECTOR_SUFFIX.items()},
    **{
        (IndicatorCategory.ENERGY_CONSUMPTION, d): f"cae_2.{s}"
        for d, s in _CONSUMPTION_SUFFIX.items()
    },
}
CATEGORY_OF_FAMILY: Final = {
    "cae_1": IndicatorCategory.GHG_EMISSIONS,
    "cae_2": IndicatorCategory.ENERGY_CONSUMPTION,
}


def identifier_of(indicator: Indicator) -> str | None:
    """The TeT identifier an indicator stands for: its own, else that of its regulatory sector
    or total (a custom indicator)."""
    return _identifier(indicator.identifier, indicator.category, indicator.dimension)


def _identifier(own: str | None, category: IndicatorCategory, dimension: str) -> str | None:
    return own or IDENTIFIER_OF.get((category, dimension))


def unit_of(identifier: str) -> str:
    return ENERGY_UNIT if identifier.startswith("cae_2.") else GHG_UNIT


def factor_to(unit: str, identifier: str) -> Decimal | None:
    """The factor from ``unit`` to the referential's unit of ``identifier`` (``desktop.units``,
    the import's table of units); None when the unit is not one of that family or not
    recognised. A yearly rate ("t CO2e/an") is the year's amount."""
    written = parse_unit(re.sub(r"\s*/\s*(an|year|yr)\.?\s*$", "", unit.strip(), flags=re.I))
    wanted = parse_unit(unit_of(identifier))
    if written is None or wanted is None or not written.canonical:
        return None
    return conversion_factor(written, wanted)


@dataclass(frozen=True)
class MappedIndicator:
    indicator_id: int
    code: str
    identifier: str
    factor: Decimal  # to the referential's unit
    referential: bool  # the referential's own indicator (not a custom one)


def mapped_indicators(session: Session) -> dict[str, list[MappedIndicator]]:
    """The indicators standing for each identifier whose unit converts, by identifier."""
    families = tuple(f"{family}." for family in CATEGORY_OF_FAMILY)
    # The columns only, no entities: the dashboard asks at each refresh.
    query = (
        sa.select(
            col(Indicator.id),
            col(Indicator.code),
            col(Indicator.identifier),
            col(Indicator.category),
            col(Indicator.dimension),
            col(Indicator.unit),
        )
        .where(
            sa.or_(
                col(Indicator.category).in_(list(CATEGORY_OF_FAMILY.values())),
                *(col(Indicator.identifier).startswith(prefix) for prefix in families),
            )
        )
        .order_by(col(Indicator.code))
    )
    found: dict[str, list[MappedIndicator]] = defaultdict(list)
    for indicator_id, code, own, category, dimension, unit in session.execute(query):
        identifier = _identifier(own, IndicatorCategory(category), dimension)
        factor = factor_to(unit, identifier) if identifier else None
        if identifier is not None and factor is not None:
            found[identifier].append(
                MappedIndicator(indicator_id, code, identifier, factor, bool(own))
            )
    return dict(found)


def _indicator_values(
    session: Session, territory_id: int, by_indicator: dict[int, MappedIndicator]
) -> dict[int, dict[int, Decimal]]:
    """Each indicator's values by year in the referential's unit: the value that counts for
    each year."""
    if not by_indicator:
        return {}
    # The value that counts (``services.values``: the authority's own first, a measure
    # before a model, an estimate, an illustration; a reference is never one), in one query.
    counted = value_rules.counted_by_year(session, territory_id, list(by_indicator))
    values: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for (indicator_id, year), (value, _kind) in counted.items():
        values[indicator_id][year] = value * by_indicator[indicator_id].factor
    return values


def _by_indicator(mapped: dict[str, list[MappedIndicator]]) -> dict[int, MappedIndicator]:
    return {m.indicator_id: m for group in mapped.values() for m in group}


def territory_values(
    session: Session, territory_id: int, mapped: dict[str, list[MappedIndicator]] | None = None
) -> dict[str, dict[int, Decimal]]:
    """The territory's values by identifier and year, in the referential's units; the
    indicators of one identifier add up."""
    by_indicator = _by_indicator(mapped_indicators(session) if mapped is None else mapped)
    found = _indicator_values(session, territory_id, by_indicator)
    # The referential's indicator of an identifier counts alone when it has values.
    official = {by_indicator[i].identifier for i in found if by_indicator[i].referential}
    values: dict[str, dict[int, Decimal]] = defaultdict(dict)
    for indicator_id, years in found.items():
        one = by_indicator[indicator_id]
        if one.identifier in official and not one.referential:
            continue
        total = values[one.identifier]
        for year, value in years.items():
            total[year] = total.get(year, Decimal(0)) + value
    return dict(values)


def inventory_kinds(
    session: Session, territory_id: int, year: int
) -> dict[str, ObservationKind | None]:
    """How the inventory values of ``year`` by identifier were obtained: the weakest kind of
    the values that count for it (None: measured), those of the nearest years when the year
    itself has none (the reference interpolates then). Marks a reference computed from an
    estimated or illustrative inventory as such."""
    mapped = mapped_indicators(session)
    by_indicator = _by_indicator(mapped)
    if not by_indicator:
        return {}
    counted = value_rules.counted_by_year(session, territory_id, list(by_indicator))
    official = {by_indicator[i].identifier for i, _y in counted if by_indicator[i].referential}
    kinds: dict[str, dict[int, set[ObservationKind]]] = defaultdict(lambda: defaultdict(set))
    for (indicator_id, found_year), (_value, kind) in counted.items():
        one = by_indicator[indicator_id]
        if one.identifier in official and not one.referential:
            continue
        kinds[one.identifier][found_year].add(kind)
    result: dict[str, ObservationKind | None] = {}
    for identifier, by_year in kinds.items():
        if year in by_year:
            used = by_year[year]
        else:
            before = max((y for y in by_year if y < year), default=None)
            after = min((y for y in by_year if y > year), default=None)
            used = set().union(*(by_year[y] for y in (before, after) if y is not None))
        result[identifier] = value_rules.weakest(used)
    return result


@dataclass(frozen=True)
class PlanTarget:
    identifier: str
    horizon_year: int
    value: Decimal  # in the referential's unit
    indicator_code: str


def plan_targets(
    session: Session,
    territory_id: int,
    plan_id: int | None,
    mapped: dict[str, list[MappedIndicator]] | None = None,
) -> dict[str, dict[int, PlanTarget]]:
    """The plan's targets by identifier and horizon, in the referential's units; a relative
    target is resolved against the territory's value in its reference year (none: left out)."""
    by_indicator = _by_indicator(mapped_indicators(session) if mapped is None else mapped)
    if not by_indicator:
        return {}
    query = select(Target).where(
        Target.territory_id == territory_id, col(Target.indicator_id).in_(list(by_indicator))
    )
    query = query.where(Target.plan_id == plan_id) if plan_id is not None else query
    values = _indicator_values(session, territory_id, by_indicator)
    targets = list(session.exec(query.order_by(col(Target.horizon_year))))
    # A referential total without a value of its own counts as the sum of its parts (the
    # window's analysis reads it so): a target in % of it is resolved on that sum.
    totals = referential.resolved_values(
        session,
        territory_id,
        {
            by_indicator[t.indicator_id].identifier
            for t in targets
            if t.value is None and by_indicator[t.indicator_id].referential
        },
    )
    # by identifier, horizon and whether the indicator is the referential's: the summed value
    found: dict[tuple[str, int, bool], tuple[Decimal, str]] = {}
    for target in targets:
        one = by_indicator[target.indicator_id]
        if target.value is not None:
            value = target.value * one.factor
        else:
            year = target.reference_year or 0
            base = values.get(target.indicator_id, {}).get(year)
            if base is None and year in totals.get(one.identifier, {}):
                base = totals[one.identifier][year].value * one.factor
            if base is None or target.relative_change_percent is None:
                continue
            value = base * (1 + target.relative_change_percent / 100)
        key = (one.identifier, target.horizon_year, one.referential)
        known = found.get(key)
        found[key] = (value + (known[0] if known else Decimal(0)), one.code)
    result: dict[str, dict[int, PlanTarget]] = defaultdict(dict)
    for (identifier, year, own), (value, code) in found.items():
        if not own and (identifier, year, True) in found:
            continue  # the referential indicator's target counts alone
        result[identifier][year] = PlanTarget(identifier, year, value, code)
    return dict(result)
