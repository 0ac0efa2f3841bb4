"""Imports match the referential before creating anything: by identifier, TeT's short numbers,
titles in three languages and the usual words of observatories; a unit that cannot be the
indicator's refuses the match; what is created is listed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import xlsxwriter
from sqlmodel import col, select

from desktop.io.importer import ImportRequest, import_file
from desktop.models import Indicator, Observation, TerritoryKind
from desktop.services.changes import Actor
from desktop.services.referential_match import _TABLE, read_words
from desktop.services.territories import create_territory
from desktop.store import Store
from desktop.units import parse_unit

SIREN = "200041960"


@pytest.mark.parametrize(
    ("name", "identifier"),
    [
        ("GES - Résidentiel (kteqCO2)", "cae_1.c"),
        ("Emissions de gaz à effet de serre du transport routier", "cae_1.e"),
        ('Emissions de GES de secteurs "autres transports"', "cae_1.f"),
        ("Émissions de GES - Industrie hors branche énergie", "cae_1.i"),
        ("Emissions de gaz à effet de serre de l'industrie branche énergie", "cae_1.j"),
        ("Émissions de GES - production d'énergie", "cae_1.j"),
        ("Conso. énergie finale tertiaire", "cae_2.f"),
        ("Consommation d'énergie - Produits pétroliers", "pcaet_2.oil"),
        ("Consommation énergétique pour la chaleur et le rafraîchissement", "cae_2.c"),
        ("NOx agriculture", "cae_4.ac"),
        ("Emissions de NOx - Résidentiel & Tertiaire", "cae_4.a1"),
        ("Émissions de PM2.5 - Transport routier", "cae_4.cg"),
        ("Production EnR - éolien", "cae_3.ad"),
        ("Production d'électricité photovoltaïque", "cae_3.ac"),
        ("Production de chaleur renouvelable", "cae_24.a"),
        ("Séquestration nette de dioxyde de carbone des sols et de la forêt", "cae_63.a"),
        ("Séquestration dans les terres agricoles et les prairies", "cae_63.c"),
    ],
)
def test_usual_words_name_one_identifier(name: str, identifier: str) -> None:
    words = read_words(name)
    assert words is not None and _TABLE.get(words) == identifier, words


@pytest.mark.parametrize(
    "name",
    [
        "Emissions de GES par habitant",  # a ratio
        "Part des énergies renouvelables (%)",
        "Consommation d'énergie finale des bâtiments publics",  # another scope
        "Consommation d'énergie renouvelable",  # not a production, not a total
        "Conso (GWh)",  # which energy?
        "Nombre de logements rénovés",
    ],
)
def test_names_outside_the_referential_are_not_matched(name: str) -> None:
    words = read_words(name)
    assert words is None or _TABLE.get(words) is None


@pytest.fixture
def territory(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        create_territory(
            session, actor, name="CA du Boulonnais", siren=SIREN, kind=TerritoryKind.CA
        )
    return store


def _xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Données")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def test_an_observatory_file_goes_onto_the_referential_and_creates_only_the_rest(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    path = _xlsx(
        tmp_path / "observatoire.xlsx",
        [
            ["SIREN", "Indicateur", "Unité", "Année", "Valeur"],
            [SIREN, "Émissions GES - Résidentiel", "teqCO2", 2018, 211000],
            [SIREN, "Consommation d'énergie finale - Tertiaire", "MWh", 2018, 1200000],
            [SIREN, "cae_1.h", "kteq CO2", 2018, 25.5],
            [SIREN, "Émissions GES - Résidentiel", "GWh", 2019, 3],  # no GHG in GWh
            [SIREN, "Nombre de bornes de recharge", "nb", 2018, 40],
        ],
    )
    summary = import_file(territory, ImportRequest(path), actor)
    assert summary.rejected == 0
    assert summary.matched_indicators == [
        "Émissions GES - Résidentiel → cae_1.c",
        "Consommation d'énergie finale - Tertiaire → cae_2.f",
        "cae_1.h → cae_1.h",
    ]
    # the last resort, listed: a GHG name in GWh, and what the referential does not have
    assert [c.split(" ", 1)[1] for c in summary.created_indicators] == [
        "Émissions GES - Résidentiel",
        "Nombre de bornes de recharge",
    ]
    with territory.session() as session:
        stored = {
            (i.identifier, o.year): o.value
            for o, i in session.exec(
                select(Observation, Indicator)
                .join(Indicator)
                .where(col(Indicator.identifier).is_not(None))
            )
        }
    assert {k: str(v) for k, v in stored.items()} == {
        ("cae_1.c", 2018): "211",  # t CO2e into kt
        ("cae_2.f", 2018): "1200",  # MWh into GWh
        ("cae_1.h", 2018): "25.5",
    }


def test_a_tet_short_number_needs_a_compatible_unit(territory: Store, actor: Actor) -> None:
    from desktop.io.observations_import import KnownIndicator, referential_index

    with territory.session() as session:
        rows = session.exec(
            select(
                Indicator.id,
                Indicator.uuid,
                Indicator.code,
                Indicator.unit,
                Indicator.normalised_name,
                Indicator.identifier,
            )
        ).all()
    index = referential_index([KnownIndicator(*row) for row in rows])
    tonnes = parse_unit("teq CO2")
    assert index.match("1c", "Emissions de GES du résidentiel", tonnes).identifier == "cae_1.c"
    assert index.match("2h", "Consommation autres transports", tonnes) is None
    assert index.match("5", "Part modale de la voiture", None) is None
    assert index.match("", "Greenhouse gas emissions - residential", None).identifier == (
        "cae_1.c"
    )  # the English title


def test_a_tet_indicator_file_round_trips_by_identifier(
    territory: Store, actor: Actor, tmp_path: Path
) -> None:
    from desktop.cli.main import main as cli_main
    from desktop.services import indicators as indicator_service

    with territory.transaction() as session:
        for identifier, year, value in (
            ("cae_1.c", 2018, "211.5"),
            ("cae_2.f", 2019, "1200"),
            ("cae_63.b", 2018, "12.25"),
        ):
            indicator = session.exec(
                select(Indicator).where(Indicator.identifier == identifier)
            ).one()
            indicator_service.set_observation(
                session, actor, indicator=indicator, territory_id=1, year=year, value=Decimal(value)
            )
    out = tmp_path / "tet-indicateurs.xlsx"
    assert (
        cli_main(
            ["export", "--db", str(territory.path), "--out", str(out), "--format", "tet-indicators"]
        )
        == 0
    )
    # into a store of its own: the same values on the same identifiers, nothing created
    from desktop.store import open_store

    copy = open_store(tmp_path / "copy.pcaet")
    with copy.transaction() as session:
        create_territory(session, actor, name="CA du Boulonnais", siren=SIREN)
    summary = import_file(copy, ImportRequest(out), actor)
    assert summary.rejected == 0 and summary.created_indicators == []
    assert summary.inserted == 3
    with copy.session() as session:
        values = {
            (i.identifier, o.year): str(o.value)
            for o, i in session.exec(select(Observation, Indicator).join(Indicator))
        }
    copy.close()
    assert values == {
        ("cae_1.c", 2018): "211.5",
        ("cae_2.f", 2019): "1200",
        ("cae_63.b", 2018): "12.25",
    }
    # and back into the first store: unchanged
    again = import_file(territory, ImportRequest(out), actor)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
