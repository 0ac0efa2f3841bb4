"""The public case of the SNBC reference: the Eurométropole de Strasbourg (SIREN 246700488) and
its 2015 inventory, as a store; and the files an official reference comes in.

The 2015 figures are public (t CO2e and GWh). The plan's targets here are ILLUSTRATIVE test
values, chosen so that some sectors aim below the reference and some above it.

The official-reference files are built here from the documented layouts, not downloaded:
Territoires en Transitions' indicator export (header ``Identifiant | Nom | Type de données |
Unité | years...``, one sheet per indicator with its children, the trajectory as rows of type
"Objectifs SNBC") and ADEME's territorialised SNBC workbook (result sheet "TOUS SECTEURS",
rows 221-297, columns G-AP for 2015-2050; SIREN in "Caract_territoire"!F6). Their figures are
made up for the tests (a smooth curve per sector), not ADEME's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from desktop.models import IndicatorCategory, Plan, PlanKind, PlanStatus, TerritoryKind
from desktop.services import changes, indicators, plans, territories
from desktop.services.changes import Actor
from desktop.store import Store

SIREN = "246700488"
NAME = "Eurométropole de Strasbourg"
ACTOR = Actor(user="test", source="test")

# 2015, t CO2e, by sector of the arrêté of 4 August 2016.
EMISSIONS_2015 = {
    "residential": Decimal("447868"),
    "tertiary": Decimal("471107"),
    "road_transport": Decimal("653598"),
    "other_transport": Decimal("21492"),
    "agriculture": Decimal("28839"),
    "waste": Decimal("39791"),
    "industry_excl_energy": Decimal("348525"),
    "energy_industry": Decimal("13500"),
}
# 2015, GWh.
CONSUMPTION_2015 = {
    "residential": Decimal("3092.7"),
    "tertiary": Decimal("3295.15"),
    "agriculture": Decimal("61"),
    "industry_excl_energy": Decimal("2668.65"),
}
# ILLUSTRATIVE targets of the plan: change against 2015, in percent.
TARGETS = {
    "residential": {2030: Decimal("-40"), 2050: Decimal("-80")},
    "road_transport": {2030: Decimal("-35"), 2050: Decimal("-90")},
    "industry_excl_energy": {2030: Decimal("-30"), 2050: Decimal("-85")},
}


@dataclass
class StrasbourgStore:
    territory_id: int
    plan_id: int
    indicator_ids: dict[str, int]  # "ghg:residential" -> id


def build(store: Store, *, adopted: date | None = date(2024, 3, 29)) -> StrasbourgStore:
    with store.transaction() as session:
        territory = territories.create_territory(
            session, ACTOR, name=NAME, siren=SIREN, kind=TerritoryKind.METROPOLE
        )
        plan = plans.create_plan(
            session,
            ACTOR,
            territory_id=territory.pk,
            title="PCAET (test)",
            kind=PlanKind.PCAET,
            status=PlanStatus.ADOPTED,
            reference_year=2015,
        )
        changes.update(session, plan, {"adoption_date": adopted}, ACTOR)
        ids: dict[str, int] = {}
        for prefix, category, unit, values in (
            ("ghg", IndicatorCategory.GHG_EMISSIONS, "t CO2e", EMISSIONS_2015),
            ("energy", IndicatorCategory.ENERGY_CONSUMPTION, "GWh", CONSUMPTION_2015),
        ):
            for sector, value in values.items():
                indicator = indicators.create_indicator(
                    session,
                    ACTOR,
                    code=f"EMS-{prefix}-{sector}",
                    name=f"{prefix} {sector}",
                    unit=unit,
                    category=category,
                    dimension=sector,
                )
                ids[f"{prefix}:{sector}"] = indicator.pk
                indicators.set_observation(
                    session,
                    ACTOR,
                    indicator=indicator,
                    territory_id=territory.pk,
                    year=2015,
                    value=value,
                    source="public inventory 2015",
                )
                for horizon, change in (TARGETS.get(sector, {}) if prefix == "ghg" else {}).items():
                    indicators.set_target(
                        session,
                        ACTOR,
                        indicator=indicator,
                        territory_id=territory.pk,
                        horizon_year=horizon,
                        relative_change_percent=change,
                        reference_year=2015,
                        plan_id=plan.pk,
                        source="illustrative (test)",
                    )
        return StrasbourgStore(territory.pk, plan.pk, ids)


def plan_of(store: Store, plan_id: int) -> Plan | None:
    with store.session() as session:
        return session.get(Plan, plan_id)


# 2015 levels of the made-up official trajectory: the inventory in kteq CO2 (ADEME's tool
# starts from it), and an ILLUSTRATIVE total final consumption in GWh.
OFFICIAL_2015 = {
    "cae_1.c": 447.868,
    "cae_1.d": 471.107,
    "cae_1.e": 653.598,
    "cae_1.i": 348.525,
    "cae_1.a": 2024.72,
    "cae_2.a": 15200.0,
}


def official_value(identifier: str, year: int) -> float:
    """A made-up official trajectory: a smooth fall from the 2015 level (-85 % by 2050)."""
    progress = (year - 2015) / 35
    return round(OFFICIAL_2015[identifier] * (1 - 0.85 * progress**1.1), 3)


TET_ROWS = (
    ("cae_1.a", "Émissions de gaz à effet de serre", "kteq CO2"),
    ("cae_1.c", "Emissions de gaz à effet de serre - résidentiel", "kteq CO2"),
    ("cae_1.d", "Emissions de gaz à effet de serre - tertiaire", "kteq CO2"),
    ("cae_1.e", "Emissions de gaz à effet de serre - transport routier", "kteq CO2"),
    ("cae_1.i", "Emissions de gaz à effet de serre - industrie hors branche énergie", "kteq CO2"),
)


def tet_export(path: Path) -> Path:
    """A Territoires en Transitions indicator export holding the authority's results and its
    SNBC trajectory, plus a consumption sheet in MWh (converted on import)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    # Excel keeps 31 characters of a sheet name; TeT cuts "{identifier}-{title}" there.
    sheet.title = "cae_1.a-Émissions de gaz à effet de serre"[:31]
    years = list(range(2015, 2051))
    sheet.append(["Identifiant", "Nom", "Type de données", "Unité", *years])
    for identifier, title, unit in TET_ROWS:
        sheet.append([identifier, title, "Mes resultats", unit, 999.0, *[None] * 35])
        sheet.append(
            [
                identifier,
                title,
                "Objectifs SNBC",
                unit,
                *[official_value(identifier, y) for y in years],
            ]
        )
    energy = book.create_sheet("cae_2.a-Consommation énergétique"[:31])
    energy.append(["Identifiant", "Nom", "Type de données", "Unité", *years])
    energy.append(
        [
            "cae_2.a",
            "Consommation énergétique finale",
            "Objectifs SNBC",
            "MWh",
            *[official_value("cae_2.a", y) * 1000 for y in years],
        ]
    )
    book.save(path)
    return path


def ademe_workbook(path: Path, siren: str = SIREN) -> Path:
    """ADEME's territorialised SNBC workbook, reduced to what is read: the SIREN and the result
    rows of cae_1.c (row 268) and cae_1.a (row 279)."""
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Caract_territoire"
    first["F6"] = int(siren)
    result = book.create_sheet("TOUS SECTEURS")
    result["A220"] = "Résultats"
    for row, identifier in ((268, "cae_1.c"), (279, "cae_1.a")):
        result.cell(row=row, column=2, value=identifier)
        for offset, year in enumerate(range(2015, 2051)):
            result.cell(row=row, column=7 + offset, value=official_value(identifier, year))
    book.save(path)
    return path
