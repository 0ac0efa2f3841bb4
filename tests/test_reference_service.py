"""The SNBC reference over the store: the Strasbourg case, saving, the official reference that
counts over the simplified one, the comparison with the plan's targets, horizons of a plan."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import func, select
from support import strasbourg

from desktop.io.reference_file import FileRefused, read_reference_file
from desktop.models import Observation, ReferenceKind, ReferenceSeries, ReferenceValue
from desktop.services import reference_trajectory as rt
from desktop.services import store_settings
from desktop.services.horizons import plan_horizons
from desktop.services.reference_comparison import chart_reference, comparison
from desktop.store import Store

D = Decimal


def test_the_strasbourg_inventory_in_tonnes_gives_the_reference_in_kteq(store: Store) -> None:
    case = strasbourg.build(store)
    with store.session() as session:
        reference = rt.reference_for(session, case.territory_id)
    assert reference.kind == ReferenceKind.SIMPLIFIED_SNBC and not reference.saved
    # road transport 2030 = 653,598 t x 0.72, in kteq
    assert reference.emissions["cae_1.e"][2030] == D("653598") * D("0.72") / 1000
    assert reference.emissions["cae_1.i"][2050] == D("348.525") * D("0.19")
    assert reference.missing == ["cae_2.g", "cae_2.h", "cae_2.j", "cae_2.l_pcaet", "cae_2.a"]


def test_saving_keeps_the_figures_and_their_inventory(store: Store, actor) -> None:
    case = strasbourg.build(store)
    with store.transaction() as session:
        saved = rt.save_simplified(session, actor, case.territory_id, today=date(2026, 12, 7))
    assert saved.saved and saved.source_date == date(2026, 12, 7)
    with store.session() as session:
        series = session.exec(select(ReferenceSeries)).one()
        count = session.exec(select(func.count()).select_from(ReferenceValue)).one()
        assert "653.598" in series.inputs and series.method == rt.SIMPLIFIED_METHOD
    # 8 sectors + transport + total, 36 years each
    assert count == 10 * 36
    # The inventory changes: the saved reference is out of date, the figures follow the data.
    with store.transaction() as session:
        from desktop.models import Indicator
        from desktop.services import indicators

        road = session.get(Indicator, case.indicator_ids["ghg:road_transport"])
        assert road is not None
        indicators.set_observation(
            session,
            actor,
            indicator=road,
            territory_id=case.territory_id,
            year=2015,
            value=D("600000"),
        )
    with store.session() as session:
        now = rt.reference_for(session, case.territory_id)
    assert now.out_of_date and not now.saved
    assert now.emissions["cae_1.e"][2030] == D("432")  # 600 x 0.72
    with store.transaction() as session:
        again = rt.save_simplified(session, actor, case.territory_id)
        assert session.exec(select(func.count()).select_from(ReferenceSeries)).one() == 1
    assert again.saved and not again.out_of_date


def test_an_official_reference_counts_over_the_simplified_one(
    store: Store, actor, tmp_path: Path
) -> None:
    case = strasbourg.build(store)
    read = read_reference_file(strasbourg.tet_export(tmp_path / "trajectoire.xlsx"))
    with store.transaction() as session:
        rt.save_official(
            session,
            actor,
            case.territory_id,
            read.series,
            method="tet-export",
            source="trajectoire.xlsx",
            inputs={"sheets": read.sheets},
        )
    with store.session() as session:
        reference = rt.reference_for(session, case.territory_id)
    assert reference.kind == ReferenceKind.OFFICIAL
    assert float(reference.emissions["cae_1.c"][2030]) == strasbourg.official_value("cae_1.c", 2030)
    with store.transaction() as session:
        assert rt.remove_official(session, actor, case.territory_id)
    with store.session() as session:
        assert rt.reference_for(session, case.territory_id).kind == ReferenceKind.SIMPLIFIED_SNBC


def test_the_plan_targets_are_compared_sector_by_sector(store: Store) -> None:
    case = strasbourg.build(store)
    with store.session() as session:
        table = comparison(session, case.territory_id, case.plan_id)
    rows = {row.identifier: row for row in table.rows}
    road = rows["cae_1.e"]
    # plan: -35 % in 2030 = 424.8387 kt; reference: -28 % = 470.59056 kt
    assert road.plan[2030] == D("653.598") * D("0.65")
    assert road.gap(2030) == D("653.598") * D("0.65") - D("470.59056") == D("-45.75186")
    assert road.gap_share(2030) == D("-0.07")  # 7 points of 2015 below the reference
    # plan -90 % in 2050 against full decarbonisation: 10 points of 2015 above it
    assert road.gap(2050) == D("65.3598") and road.gap_share(2050) == D("0.1")
    industry = rows["cae_1.i"]
    assert industry.gap_share(2030) == D("0.05") and industry.gap_share(2050) == D("-0.04")
    assert rows["cae_1.d"].plan == {2030: None, 2050: None} and rows["cae_1.d"].gap(2030) is None
    assert list(rows) == [
        "cae_1.c",
        "cae_1.d",
        "cae_1.e",
        "cae_1.f",
        "cae_1.k",
        "cae_1.g",
        "cae_1.h",
        "cae_1.i",
        "cae_1.j",
        "cae_1.a",
    ]


def test_a_chart_gets_the_reference_in_its_own_unit(store: Store) -> None:
    case = strasbourg.build(store)
    with store.session() as session:
        line = chart_reference(session, case.territory_id, "cae_1.e", "tCO2e", case.plan_id)
        assert chart_reference(session, case.territory_id, "cae_1.e", "GWh") is None
    assert line is not None and dict(line.points)[2030] == pytest.approx(470590.56)
    assert dict(line.targets)[2030] == pytest.approx(653598 * 0.65)


def test_a_thin_inventory_saves_nothing_and_says_what_is_missing(store: Store, actor) -> None:
    case = strasbourg.build(store)
    with store.transaction() as session:
        from desktop.models import Observation

        for observation in session.exec(select(Observation)).all():
            session.delete(observation)
    with store.transaction() as session:
        reference = rt.save_simplified(session, actor, case.territory_id)
    assert reference.kind is None and not reference.exists
    assert reference.missing[:2] == ["cae_1.c", "cae_1.d"]
    with store.session() as session:
        assert session.exec(select(ReferenceSeries)).first() is None


def test_horizons_come_from_the_plan_adoption_date(store: Store) -> None:
    adopted_2019 = strasbourg.build(store, adopted=date(2019, 12, 20))
    with store.session() as session:
        assert plan_horizons(session, adopted_2019.plan_id) == [2021, 2026, 2030, 2050]
        assert plan_horizons(session, None, today=date(2026, 1, 1)) == [2026, 2030, 2031, 2050]
    with store.transaction() as session:
        store_settings.put(session, store_settings.TARGET_HORIZONS, [2028, 2040])
    with store.session() as session:  # an authority's own horizons stay its own
        assert plan_horizons(session, adopted_2019.plan_id) == [2028, 2040]


def test_reference_files_are_read_by_identifier_and_year(tmp_path: Path) -> None:
    tet = read_reference_file(strasbourg.tet_export(tmp_path / "export.xlsx"))
    assert tet.layout == "tet" and len(tet.sheets) == 2
    assert sorted(tet.series) == ["cae_1.a", "cae_1.c", "cae_1.d", "cae_1.e", "cae_1.i", "cae_2.a"]
    # "Mes resultats" (999) is the authority's own value, not the reference
    assert float(tet.series["cae_1.a"][2015]) == strasbourg.official_value("cae_1.a", 2015)
    # MWh converted to GWh
    assert float(tet.series["cae_2.a"][2040]) == pytest.approx(
        strasbourg.official_value("cae_2.a", 2040)
    )
    ademe = read_reference_file(strasbourg.ademe_workbook(tmp_path / "outil.xlsx"))
    assert ademe.layout == "ademe" and ademe.siren == strasbourg.SIREN
    assert sorted(ademe.series) == ["cae_1.a", "cae_1.c"] and len(ademe.series["cae_1.c"]) == 36


def test_a_broken_reference_file_is_refused_with_the_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Identifiant", "Unité", 2015, 2030])
    sheet.append(["cae_1.c", "kteq CO2", 447.868, "beaucoup"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(FileRefused, match="D2"):
        read_reference_file(tmp_path / "bad.xlsx")
    sheet["D2"] = 228.4
    sheet["B2"] = "litres"
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(FileRefused, match="litres"):
        read_reference_file(tmp_path / "bad.xlsx")
    empty = Workbook()
    empty.save(tmp_path / "empty.xlsx")
    with pytest.raises(FileRefused):
        read_reference_file(tmp_path / "empty.xlsx")


def test_the_referential_indicators_count_before_custom_ones(store: Store, actor) -> None:
    """Values entered on the installed TeT indicators (kteq CO2) are the inventory; a custom
    indicator of the same sector is not added to them, and an SNBC reference stored as an
    observation is never taken for a value of the territory."""
    from desktop.models import Indicator, ValueOrigin

    case = strasbourg.build(store)
    with store.transaction() as session:

        def tet(identifier: str) -> Indicator:
            return session.exec(select(Indicator).where(Indicator.identifier == identifier)).one()

        road = tet("cae_1.e")
        assert road.unit == "kteq CO2"
        session.add(
            Observation(
                indicator_id=road.pk,
                territory_id=case.territory_id,
                year=2015,
                value=D("650"),
                origin=ValueOrigin.AUTHORITY,
            )
        )
        session.add(
            Observation(
                indicator_id=road.pk,
                territory_id=case.territory_id,
                year=2015,
                value=D("640"),
                origin=ValueOrigin.OBSERVATORY,
            )
        )
        session.add(
            Observation(
                indicator_id=tet("cae_1.g").pk,
                territory_id=case.territory_id,
                year=2015,
                value=D("1"),
                origin=ValueOrigin.SNBC_REFERENCE,
            )
        )
    with store.session() as session:
        reference = rt.reference_for(session, case.territory_id)
    # 650 (the authority's, on the referential indicator) x 0.72, not 653.598 + 650
    assert reference.emissions["cae_1.e"][2030] == D("468")
    assert reference.emissions["cae_1.c"][2030] == D("447.868") * D("0.51")
    # agriculture: the custom indicator's 28,839 t, not the reference stored as a value
    assert reference.emissions["cae_1.g"][2030] == D("28.839") * D("0.81")


@pytest.mark.parametrize(
    ("unit", "identifier", "factor"),
    [
        ("kteq CO2", "cae_1.c", "1"),
        ("t CO2e", "cae_1.c", "0.001"),
        ("teq.CO2/an", "cae_1.c", "0.001"),
        ("MtCO2e", "cae_1.a", "1000"),
        ("kgCO2e", "cae_1.c", "0.000001"),
        ("MWh", "cae_2.e", "0.001"),
        ("GWh/an", "cae_2.a", "1"),
        ("ktep", "cae_2.a", "11.63"),
        ("MWh", "cae_1.c", None),  # energy is not an emission
        ("logements", "cae_2.a", None),
    ],
)
def test_units_convert_to_the_referentials_by_the_imports_table(
    unit: str, identifier: str, factor: str | None
) -> None:
    from desktop.services.reference_inputs import factor_to
    from desktop.units import conversion_factor, parse_unit

    found = factor_to(unit, identifier)
    assert found == (None if factor is None else D(factor))
    if found is not None:  # the same factor as the import's table of units gives
        wanted = "GWh" if identifier.startswith("cae_2.") else "kteq CO2"
        written = parse_unit(unit.removesuffix("/an"))
        assert written is not None and conversion_factor(written, parse_unit(wanted)) == found
