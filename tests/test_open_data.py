"""Open data recognised without a hand mapping: regional observatories' exports (long or wide,
by SIREN or by commune INSEE code, one territory or hundreds) stored as their modelled
inventory, beside the authority's own values."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import xlsxwriter
from sqlmodel import col, func, select

from desktop.io.importer import ImportRequest, import_file
from desktop.models import (
    Commune,
    Indicator,
    Observation,
    ObservationKind,
    Territory,
    TerritoryKind,
    ValueOrigin,
)
from desktop.services import indicators as indicator_service
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store

BOULONNAIS = "200041960"


def _values(store: Store, identifier: str) -> dict[tuple[str | None, int, str], Decimal]:
    with store.session() as session:
        rows = session.exec(
            select(Territory.siren, Observation.year, Observation.origin, Observation.value)
            .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
            .join(Territory, col(Territory.id) == col(Observation.territory_id))
            .where(Indicator.identifier == identifier)
        ).all()
    return {(name, year, origin): value for name, year, origin, value in rows}


def _siren(first_eight: str) -> str:
    """A valid SIREN (Luhn key) from its first eight digits."""
    for last in "0123456789":
        digits = [int(c) for c in first_eight + last]
        total = sum(
            d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
        )
        if total % 10 == 0:
            return first_eight + last
    raise AssertionError(first_eight)


def test_a_long_observatory_export_for_hundreds_of_epci(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    # GIVEN the long export of a regional observatory: one row per EPCI, year and sector
    path = tmp_path / "oreca_inventaire_epci.csv"
    sirens = [_siren(f"2000{n:04d}") for n in range(300)]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(
            ["Année", "SIREN EPCI", "Nom EPCI", "Catégorie", "Secteur", "Valeur", "Unité"]
        )
        for n, siren in enumerate(sirens):
            for sector, value in (("Résidentiel", 100 + n), ("Transport routier", 200 + n)):
                writer.writerow(
                    [2019, siren, f"EPCI {n}", "Émissions de GES", sector, value * 1000, "teqCO2"]
                )
    # WHEN it is imported as it is, creating the territories it names
    summary = import_file(store, ImportRequest(path, create_territories=True), actor)
    # THEN every value lands on the referential, as the observatory's modelled inventory
    assert summary.rejected == 0 and summary.inserted == 600
    assert summary.created_indicators == [] and len(summary.created_territories) == 300
    assert sorted(set(summary.matched_indicators)) == [
        "Émissions de GES - Résidentiel → cae_1.c",
        "Émissions de GES - Transport routier → cae_1.e",
    ]
    residential = _values(store, "cae_1.c")
    assert residential[(sirens[7], 2019, ValueOrigin.OBSERVATORY)] == Decimal("107")
    with store.session() as session:
        kinds = set(session.exec(select(Observation.kind)))
    assert kinds == {ObservationKind.MODELLED}


def test_a_wide_export_by_commune_adds_communes_into_their_epci(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    with store.transaction() as session:
        territory = create_territory(
            session, actor, name="CA du Boulonnais", siren=BOULONNAIS, kind=TerritoryKind.CA
        )
        for name, code in (("Boulogne-sur-Mer", "62160"), ("Wimereux", "62893")):
            session.add(Commune(territory_id=territory.pk, name=name, insee_code=code))
        # the authority's own value of the same year stays the one that counts
        own = session.exec(select(Indicator).where(Indicator.identifier == "cae_2.e")).one()
        indicator_service.set_observation(
            session,
            actor,
            indicator=own,
            territory_id=territory.pk,
            year=2018,
            value=Decimal("410"),
        )
    path = tmp_path / "Atmo Hauts-de-France - consommations communales.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Consommations")
    rows = [
        ["Code INSEE", "Commune", "Indicateur", "Unité", "2016", "2018"],
        [62160, "Boulogne-sur-Mer", "Consommation d'énergie - Résidentiel", "MWh", 300000, 290000],
        [62893, "Wimereux", "Consommation d'énergie - Résidentiel", "MWh", 120000, 118000],
        [62001, "Ablain-Saint-Nazaire", "Consommation d'énergie - Résidentiel", "MWh", 9, 9],
    ]
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    summary = import_file(store, ImportRequest(path), actor)
    assert {r.reason for r in summary.rejections} == {"territoire inconnu INSEE 62001"}
    values = _values(store, "cae_2.e")
    assert values == {
        (BOULONNAIS, 2016, ValueOrigin.OBSERVATORY): Decimal("420"),
        (BOULONNAIS, 2018, ValueOrigin.OBSERVATORY): Decimal("408"),
        (BOULONNAIS, 2018, ValueOrigin.AUTHORITY): Decimal("410"),
    }


def test_an_authority_s_own_file_is_stored_as_its_measures(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    with store.transaction() as session:
        create_territory(session, actor, name="CA du Boulonnais", siren=BOULONNAIS)
    path = tmp_path / "bilan.csv"
    path.write_text(
        "Indicateur;Année;Valeur;Unité\nGES - Agriculture;2020;88;kteqCO2\n", encoding="utf-8"
    )
    summary = import_file(store, ImportRequest(path), actor)
    assert summary.inserted == 1
    assert _values(store, "cae_1.g") == {(BOULONNAIS, 2020, ValueOrigin.AUTHORITY): Decimal("88")}
    # and a file named as asked: the same values, from another origin, beside them
    again = import_file(
        store,
        ImportRequest(path, origin=ValueOrigin.CITEPA, value_kind=ObservationKind.ESTIMATED),
        actor,
    )
    assert again.inserted == 1
    with store.session() as session:
        count = session.exec(select(func.count()).select_from(Observation)).one()
    assert count == 2
