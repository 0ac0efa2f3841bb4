"""A simplified SNBC sector reference for a territory: the maths, without the store.

What it is, and is not. ADEME's territorialised SNBC tool (which Territoires en Transitions runs
for an EPCI) models each sub-sector with its own drivers. This module does something much
simpler, and says so wherever its figures appear: it applies to each sector of the territory's
2015 inventory the national sector reductions of the second SNBC (adopted by decree 2020-457 of
21 April 2020), from 2015:

    transport (road and other)        -28 % in 2030, full decarbonisation in 2050
    buildings (residential, tertiary) -49 % in 2030, full decarbonisation in 2050
    agriculture                       -19 % in 2030, -46 % in 2050
    industry (excluding energy)       -35 % in 2030, -81 % in 2050
    energy production (energy branch) -33 % in 2030, full decarbonisation in 2050
    waste                             -35 % in 2030, -66 % in 2050

"Full decarbonisation" is drawn as zero in 2050. Between 2015, 2030 and 2050 the reference is a
straight line (2015 to 2030, then 2030 to 2050), the same rule as a plan's trajectory to its
targets (``trajectory``), so the two lines compare year by year without one of them bending.

Energy consumption. No SNBC-2 sector figures for final energy consumption are sourced here, so
no sector consumption reference is computed. The only sourced national figure is the target of
the Code de l'énergie, article L100-4 (I, 2°): final energy consumption -20 % in 2030 and -50 %
in 2050 against 2012. It gives the reference of the territory's total final consumption
(``cae_2.a``) from its 2012 value, on a straight line 2012-2030-2050. An official reference
imported from ADEME's tool (``reference_file``) carries its own sector consumption series.

The inventory. As Territoires en Transitions does before it computes a trajectory: a sector's
2015 value is its 2015 value, else a straight line between the nearest years on each side of
2015; at least 4 emission rows and 3 consumption rows must have one, else the reference is not
computed and the missing identifiers are listed. Identifiers are those of the TeT referential.

Decimal throughout: the figures are compared with targets and printed in committee reports,
and the hand-derived checks (653,598 x 0.72) must come out exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise
from typing import Final

INVENTORY_YEAR: Final = 2015
FIRST_YEAR: Final = 2015
LAST_YEAR: Final = 2050
MILESTONE_YEAR: Final = 2030
# Computed values keep this many decimals (the store's NUMERIC keeps 8).
PLACES: Final = Decimal("0.000001")

GHG_UNIT: Final = "kteq CO2"
ENERGY_UNIT: Final = "GWh"

# The rows TeT feeds ADEME's tool with (and counts before computing), in its order. A row of
# several identifiers is their sum and has a value only when each of them has one.
EMISSION_ROWS: Final[tuple[tuple[str, ...], ...]] = (
    ("cae_1.c",),  # residential
    ("cae_1.d",),  # tertiary
    ("cae_1.i",),  # industry excluding the energy branch
    ("cae_1.g",),  # agriculture
    ("cae_1.e",),  # road transport
    ("cae_1.f",),  # other transport
    ("cae_1.h",),  # waste
    ("cae_1.j",),  # energy branch
)
CONSUMPTION_ROWS: Final[tuple[tuple[str, ...], ...]] = (
    ("cae_2.e",),  # residential
    ("cae_2.f",),  # tertiary
    ("cae_2.k",),  # industry excluding the energy branch
    ("cae_2.i",),  # agriculture
    ("cae_2.g", "cae_2.h"),  # road and other transport
    ("cae_2.j",),  # waste
    ("cae_2.l_pcaet",),  # energy branch
)
MIN_EMISSION_ROWS: Final = 4
MIN_CONSUMPTION_ROWS: Final = 3

EMISSIONS_TOTAL: Final = "cae_1.a"
TRANSPORT_TOTAL: Final = "cae_1.k"
CONSUMPTION_TOTAL: Final = "cae_2.a"
TRANSPORT_CONSUMPTION: Final = "cae_2.m"


@dataclass(frozen=True)
class SectorReduction:
    """An SNBC sector: the TeT sectors it covers and its reductions from 2015."""

    key: str
    identifiers: tuple[str, ...]
    by_2030: Decimal  # 0.28 is a 28 % fall from 2015
    by_2050: Decimal


# SNBC-2 (decree 2020-457), sector reductions from 2015.
SNBC2_REDUCTIONS: Final[tuple[SectorReduction, ...]] = (
    SectorReduction("buildings", ("cae_1.c", "cae_1.d"), Decimal("0.49"), Decimal("1")),
    SectorReduction("transport", ("cae_1.e", "cae_1.f"), Decimal("0.28"), Decimal("1")),
    SectorReduction("agriculture", ("cae_1.g",), Decimal("0.19"), Decimal("0.46")),
    SectorReduction("industry", ("cae_1.i",), Decimal("0.35"), Decimal("0.81")),
    SectorReduction("energy", ("cae_1.j",), Decimal("0.33"), Decimal("1")),
    SectorReduction("waste", ("cae_1.h",), Decimal("0.35"), Decimal("0.66")),
)
REDUCTION_OF: Final[dict[str, SectorReduction]] = {
    identifier: sector for sector in SNBC2_REDUCTIONS for identifier in sector.identifiers
}

# Code de l'énergie L100-4: final energy consumption against 2012.
CONSUMPTION_BASE_YEAR: Final = 2012
CONSUMPTION_BY_2030: Final = Decimal("0.20")
CONSUMPTION_BY_2050: Final = Decimal("0.50")
# TeT's formula of cae_2.a: val() terms are required, opt_val() terms count when present.
CONSUMPTION_REQUIRED: Final = ("cae_2.e", "cae_2.i")
CONSUMPTION_OPTIONAL: Final = ("cae_2.f", "cae_2.j", "cae_2.m", "cae_2.k", "cae_2.l_pcaet")

Series = dict[str, dict[int, Decimal]]


@dataclass(frozen=True)
class YearValue:
    """A value for a given year, read or interpolated, and the years it comes from."""

    value: Decimal
    years: tuple[int, ...]  # (2015,) when read; (2012, 2018) when interpolated

    @property
    def interpolated(self) -> bool:
        return len(self.years) > 1


def value_in(values: Mapping[int, Decimal], year: int) -> YearValue | None:
    """TeT's rule: the year's value, else a straight line between the nearest years before
    and after it; None when one side has no value."""
    if year in values:
        return YearValue(values[year], (year,))
    before = max((y for y in values if y < year), default=None)
    after = min((y for y in values if y > year), default=None)
    if before is None or after is None:
        return None
    low, high = values[before], values[after]
    value = low + (high - low) * Decimal(year - before) / Decimal(after - before)
    return YearValue(value.quantize(PLACES), (before, after))


@dataclass(frozen=True)
class Inventory:
    """The 2015 values of the inventory rows, and what is missing for a reference."""

    values: dict[str, YearValue]  # by identifier, for the identifiers that have one
    emission_rows: int  # how many emission rows have a value
    consumption_rows: int
    missing: list[str]  # identifiers of the rows that have none, in TeT's order

    @property
    def enough(self) -> bool:
        return (
            self.emission_rows >= MIN_EMISSION_ROWS
            and self.consumption_rows >= MIN_CONSUMPTION_ROWS
        )


def _rows_with_values(
    rows: Iterable[tuple[str, ...]], found: dict[str, YearValue], missing: list[str]
) -> int:
    count = 0
    for row in rows:
        absent = [identifier for identifier in row if identifier not in found]
        missing.extend(absent)
        count += not absent
    return count


def inventory(series: Mapping[str, Mapping[int, Decimal]], year: int = INVENTORY_YEAR) -> Inventory:
    """The inventory of ``year`` from the values by identifier and year (in TeT's units)."""
    wanted = {i for row in EMISSION_ROWS + CONSUMPTION_ROWS for i in row}
    found: dict[str, YearValue] = {}
    for identifier in sorted(wanted):
        value = value_in(series.get(identifier, {}), year)
        if value is not None:
            found[identifier] = value
    missing: list[str] = []
    emission_rows = _rows_with_values(EMISSION_ROWS, found, missing)
    consumption_rows = _rows_with_values(CONSUMPTION_ROWS, found, missing)
    return Inventory(found, emission_rows, consumption_rows, missing)


def line(points: Iterable[tuple[int, Decimal]], first: int, last: int) -> dict[int, Decimal]:
    """Every year from ``first`` to ``last`` on the straight lines through ``points``."""
    known = sorted(points)
    result: dict[int, Decimal] = {}
    for year in range(first, last + 1):
        for (y0, v0), (y1, v1) in pairwise(known):
            if y0 <= year <= y1:
                value = v0 + (v1 - v0) * Decimal(year - y0) / Decimal(y1 - y0)
                result[year] = value.quantize(PLACES)
                break
    return result


def sector_line(value_2015: Decimal, sector: SectorReduction) -> dict[int, Decimal]:
    """One sector's reference, 2015 to 2050."""
    return line(
        (
            (FIRST_YEAR, value_2015),
            (MILESTONE_YEAR, value_2015 * (1 - sector.by_2030)),
            (LAST_YEAR, value_2015 * (1 - sector.by_2050)),
        ),
        FIRST_YEAR,
        LAST_YEAR,
    )


def _sum(series: Iterable[Mapping[int, Decimal]]) -> dict[int, Decimal]:
    total: dict[int, Decimal] = {}
    for one in series:
        for year, value in one.items():
            total[year] = total.get(year, Decimal(0)) + value
    return total


@dataclass(frozen=True)
class SectorReference:
    """The reference by TeT identifier and year, and what kept it from being complete."""

    emissions: Series = field(default_factory=dict)  # in GHG_UNIT
    consumption: Series = field(default_factory=dict)  # in ENERGY_UNIT
    inventory: Inventory | None = None
    consumption_base: YearValue | None = None  # the 2012 total it starts from
    missing: list[str] = field(default_factory=list)

    @property
    def computed(self) -> bool:
        return bool(self.emissions or self.consumption)


def emission_reference(found: Inventory) -> Series:
    """The sector reference of each emission sector of the inventory, with the transport total
    (``cae_1.k``) and the territory's total (``cae_1.a``) by TeT's formulas: road transport,
    residential, tertiary and agriculture are required for the total, the others count when
    present (a territory may have no energy branch)."""
    if not found.enough:
        return {}
    series: Series = {}
    for row in EMISSION_ROWS:
        identifier = row[0]
        known = found.values.get(identifier)
        if known is not None:
            series[identifier] = sector_line(known.value, REDUCTION_OF[identifier])
    if "cae_1.e" in series:
        series[TRANSPORT_TOTAL] = _sum(series[i] for i in ("cae_1.e", "cae_1.f") if i in series)
    if all(i in series for i in ("cae_1.c", "cae_1.d", "cae_1.g", TRANSPORT_TOTAL)):
        parts = ("cae_1.c", "cae_1.d", "cae_1.g", "cae_1.h", "cae_1.i", "cae_1.j", TRANSPORT_TOTAL)
        series[EMISSIONS_TOTAL] = _sum(series[i] for i in parts if i in series)
    return series


def consumption_base(series: Mapping[str, Mapping[int, Decimal]]) -> YearValue | None:
    """The territory's total final consumption in 2012 (TeT's rule for the year): its own
    ``cae_2.a`` value, else the sum of its sectors by TeT's formula."""
    total = value_in(series.get(CONSUMPTION_TOTAL, {}), CONSUMPTION_BASE_YEAR)
    if total is not None:
        return total
    parts: dict[str, YearValue] = {}
    for identifier in (*CONSUMPTION_REQUIRED, *CONSUMPTION_OPTIONAL, "cae_2.g", "cae_2.h"):
        value = value_in(series.get(identifier, {}), CONSUMPTION_BASE_YEAR)
        if value is not None:
            parts[identifier] = value
    if TRANSPORT_CONSUMPTION not in parts and "cae_2.g" in parts:
        transport = [parts[i] for i in ("cae_2.g", "cae_2.h") if i in parts]
        parts[TRANSPORT_CONSUMPTION] = YearValue(
            sum((p.value for p in transport), Decimal(0)),
            tuple(sorted({y for p in transport for y in p.years})),
        )
    if not all(i in parts for i in CONSUMPTION_REQUIRED):
        return None
    used = [parts[i] for i in (*CONSUMPTION_REQUIRED, *CONSUMPTION_OPTIONAL) if i in parts]
    return YearValue(
        sum((p.value for p in used), Decimal(0)),
        tuple(sorted({y for p in used for y in p.years})),
    )


def consumption_reference(base: YearValue) -> dict[int, Decimal]:
    """Total final consumption, 2015 to 2050, on the line 2012-2030-2050 of article L100-4."""
    value = base.value
    return line(
        (
            (CONSUMPTION_BASE_YEAR, value),
            (MILESTONE_YEAR, value * (1 - CONSUMPTION_BY_2030)),
            (LAST_YEAR, value * (1 - CONSUMPTION_BY_2050)),
        ),
        FIRST_YEAR,
        LAST_YEAR,
    )


def sector_reference(series: Mapping[str, Mapping[int, Decimal]]) -> SectorReference:
    """The simplified reference from the territory's values by TeT identifier and year, in
    kteq CO2 and GWh. Nothing is computed when the 2015 inventory is too thin (TeT's rule);
    ``missing`` lists the rows without a 2015 value, then the 2012 total consumption when
    there is none."""
    found = inventory(series)
    emissions = emission_reference(found)
    base = consumption_base(series) if found.enough else None
    consumption = {CONSUMPTION_TOTAL: consumption_reference(base)} if base is not None else {}
    missing = list(found.missing)
    if found.enough and base is None:
        missing.append(CONSUMPTION_TOTAL)
    return SectorReference(emissions, consumption, found, base, missing)
