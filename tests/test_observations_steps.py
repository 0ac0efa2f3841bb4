"""The steps of reading observations, one by one, on small rows held in memory: classifying
the columns, reading the headers' units, then a row's territory, notes, year, indicator and
values (``observations_columns``, ``observations_rows``)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop.io.layout import Layout
from desktop.io.observations_columns import ColumnUnits, classify_columns, column_units
from desktop.io.observations_records import ParsedObservations, ValueRecord
from desktop.io.observations_rows import REJECTED, Line, RowReader
from desktop.io.summary import ImportSummary
from desktop.models import IndicatorCategory


def _layout(*names: str) -> Layout:
    return Layout(0, 1, list(names), [""] * len(names))


def _reader(
    mapping: dict[int, str], names: list[str], *, year: int | None = None
) -> tuple[RowReader, ParsedObservations, ImportSummary]:
    parsed, summary = ParsedObservations(), ImportSummary()
    roles = classify_columns(mapping)
    units = column_units(parsed, _layout(*names), mapping, roles.indicator_columns, summary, {})
    return RowReader(roles, units, names, "Feuil1", summary, parsed, year), parsed, summary


def _line(number: int = 2, territory: str = "") -> Line:
    return Line(number, territory, territory, "", "")


# -- once per sheet -------------------------------------------------------------------------------


def test_columns_are_classified_by_role_and_the_first_of_a_field_wins() -> None:
    roles = classify_columns(
        {
            0: "territory_siren",
            1: "indicator_name",
            2: "year",
            3: "value",
            4: "value#2",
            5: "year#2",
            6: "year:2019",
            7: "indicator",
            8: "indicator_name",
            9: "territory_insee",
        }
    )
    assert (roles.siren, roles.indicator_name, roles.year, roles.value) == (0, 1, 2, 3)
    assert roles.insee is None  # a SIREN column decides the territory
    assert roles.blocks == [2] and roles.year_columns == [(6, 2019)]
    assert roles.indicator_columns == [7] and sorted(roles.value_columns) == [3, 4, 6]
    assert roles.name_column == 1 and roles.spec_columns == [1]
    assert classify_columns({0: "indicator_code"}).name_column == 0


def test_headers_give_units_indicators_and_warnings() -> None:
    names = ["SIREN", "Valeur (GWh)", "Valeur (furlongs)", "Surface boisée (ha)", "Truc (zz)"]
    mapping = {0: "territory_siren", 1: "value", 2: "value#2", 3: "indicator", 4: "indicator"}
    parsed, summary = ParsedObservations(), ImportSummary()
    found = column_units(parsed, _layout(*names), mapping, [3, 4], summary, {})
    assert isinstance(found, ColumnUnits)
    assert found.units[1] is not None and found.units[1].text == "GWh"
    assert found.bad == {2, 4}
    assert found.specs == {3: 0} and parsed.specs[0].name == "Surface boisée"
    assert len(summary.warnings) == 2
    assert any("Truc (zz)" in w for w in summary.warnings)
    assert any("Valeur (furlongs)" in w for w in summary.warnings)


# -- a row's context ------------------------------------------------------------------------------


def test_a_row_s_territory_is_its_siren_else_its_name_else_a_commune() -> None:
    reader, _parsed, _summary = _reader(
        {0: "territory_siren", 1: "territory_name"}, ["SIREN", "EPCI"]
    )
    assert reader.territory(["200 054 781", "CC Test"], 2) == ("200054781", "200054781")
    assert reader.territory(["", "CC du Test"], 2) == ("cc du test", "CC du Test")
    assert reader.territory([""], 1) == ("", "")  # a short row
    communes, _parsed, _summary = _reader({0: "territory_insee"}, ["INSEE"])
    assert communes.territory([1053], 1) == ("insee:01053", "INSEE 01053")


def test_a_row_s_notes_are_its_comment_and_source() -> None:
    reader, _parsed, _summary = _reader({0: "comment", 1: "source"}, ["Commentaire", "Source"])
    assert reader.notes(["  estimé ", "OREC"], 2) == ("estimé", "OREC")
    assert reader.notes([None], 1) == ("", "")


def test_a_row_s_year_is_its_cell_else_the_import_s() -> None:
    reader, _parsed, summary = _reader({0: "year", 1: "value"}, ["Année", "Valeur"], year=2015)
    assert reader.year([2019, 1], 2, 2) == 2019
    assert reader.year(["2019", 1], 2, 3) == 2019
    assert reader.year(["", 1], 2, 4) == 2015
    assert reader.year(["l'an dernier", 1], 2, 5) == REJECTED
    assert [(r.row, r.column) for r in summary.rejections] == [(5, "Année")]
    no_column, _parsed, _summary = _reader({0: "value"}, ["Valeur"], year=2015)
    assert no_column.year([1], 1, 2) == 2015


def test_a_bad_year_beside_year_columns_is_left_to_each_value() -> None:
    reader, _parsed, summary = _reader({0: "year", 1: "year:2019"}, ["Année", "2019"])
    assert reader.year(["?", 1], 2, 2) is None
    assert summary.rejections == []


# -- a row's indicator ----------------------------------------------------------------------------


def test_a_row_s_indicator_is_defined_once_and_found_again() -> None:
    reader, parsed, _summary = _reader(
        {0: "indicator_code", 1: "indicator_name", 2: "unit"}, ["Code", "Indicateur", "Unité"]
    )
    first = reader.indicator(["A1", "Consommation d'énergie", "GWh"], 3, 2)
    again = reader.indicator(["A1", "Consommation d'énergie", "GWh"], 3, 3)
    other = reader.indicator(["", "Émissions de GES (tCO2e)", ""], 3, 4)
    assert (first, again, other) == (0, 0, 1)
    assert parsed.specs[0].category is IndicatorCategory.ENERGY_CONSUMPTION
    assert (parsed.specs[1].name, parsed.specs[1].unit_text) == ("Émissions de GES", "tCO2e")
    assert reader.indicator(["", "", ""], 3, 5) is None


def test_a_category_and_a_sector_name_an_observatory_s_indicator() -> None:
    reader, parsed, _summary = _reader(
        {0: "category", 1: "sector", 2: "unit"}, ["Catégorie", "Secteur", "Unité"]
    )
    assert reader.indicator(["GES", "Résidentiel", "tCO2e"], 3, 2) == 0
    assert parsed.specs[0].name == "GES - Résidentiel"


def test_the_number_of_indicators_a_file_defines_is_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from desktop.io import expansion
    from desktop.io.safety import FileRefused

    monkeypatch.setattr(expansion, "MAX_INDICATORS", 1)
    reader, _parsed, _summary = _reader({0: "indicator_name"}, ["Indicateur"])
    reader.indicator(["A (t)"], 1, 2)
    with pytest.raises(FileRefused):
        reader.indicator(["B (t)"], 1, 3)


def test_values_without_an_indicator_are_reported() -> None:
    reader, _parsed, summary = _reader({0: "indicator_name", 1: "value"}, ["Indicateur", "Valeur"])
    reader.values_without_indicator(["", ""], 2, 2)
    reader.values_without_indicator(["", 12], 2, 3)
    assert [(r.row, r.column) for r in summary.rejections] == [(3, "Indicateur")]


# -- a row's values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (12, "12"),
        (1.5, "1.5"),
        ("1,5", "1.5"),
        ("1 234,5", "1234.5"),
        ("0", "0"),
    ],
)
def test_a_long_layout_s_value_is_read_as_canonical_text(cell: Any, text: str) -> None:
    reader, parsed, _summary = _reader({0: "indicator_name", 1: "value"}, ["Indicateur", "Valeur"])
    spec = reader.indicator(["A (t)", cell], 2, 2)
    assert spec == 0
    reader.long_value(
        ["A (t)", cell], 2, spec, 2019, Line(2, "200054781", "200054781", "note", "src")
    )
    assert parsed.records == [
        ValueRecord(2, "Valeur", 0, "200054781", "200054781", 2019, text, "note", "src")
    ]


def test_a_bad_value_or_a_value_without_year_is_rejected_and_marks_its_indicator() -> None:
    reader, parsed, summary = _reader({0: "value"}, ["Valeur"])
    reader.long_value(["beaucoup"], 1, 0, 2019, _line(2))
    reader.long_value([12], 1, 1, None, _line(3))
    reader.long_value([""], 1, 2, 2019, _line(4))  # missing: nothing
    assert parsed.records == []
    assert [r.row for r in summary.rejections] == [2, 3]
    assert parsed.refused_specs == {0, 1}


def test_a_value_column_s_unit_becomes_its_indicator_s() -> None:
    reader, parsed, _summary = _reader(
        {0: "indicator_name", 1: "value"}, ["Indicateur", "Valeur (GWh)"]
    )
    spec = reader.indicator(["Consommation"], 2, 2)
    assert spec is not None
    reader.long_value(["Consommation", 3], 2, spec, 2019, _line(2))
    assert parsed.specs[spec].unit_text == "GWh"
    assert parsed.records[0].unit is not None and parsed.records[0].unit.text == "GWh"


def test_blocks_take_their_own_year_and_comment() -> None:
    names = ["Indicateur", "Valeur 1", "Année 1", "Commentaire 1", "Valeur 2", "Année 2"]
    mapping = {
        0: "indicator_name",
        1: "value#1",
        2: "year#1",
        3: "comment#1",
        4: "value#2",
        5: "year#2",
    }
    reader, parsed, summary = _reader(mapping, names)
    row = ["A (t)", 1, 2018, "vu", 2, "jamais"]
    assert reader.indicator(row, 6, 2) == 0
    reader.block_values(row, 0, None, Line(2, "", "", "ligne", ""))
    assert [(r.year, r.value, r.comment) for r in parsed.records] == [(2018, "1", "vu")]
    assert [(r.row, r.column) for r in summary.rejections] == [(2, "Année 2")]
    assert parsed.refused_specs == {0}


def test_year_columns_and_indicator_columns_give_one_value_each() -> None:
    reader, parsed, _summary = _reader(
        {0: "indicator_name", 1: "year:2019", 2: "year:2020"}, ["Indicateur", "2019", "2020"]
    )
    assert reader.indicator(["A (t)", 1, ""], 3, 2) == 0
    reader.year_column_values(["A (t)", 1, ""], 3, 0, _line(2))
    assert [(r.year, r.value) for r in parsed.records] == [(2019, "1")]
    names = ["SIREN", "Surface (ha)", "Truc (zz)"]
    reader, parsed, summary = _reader({0: "territory_siren", 1: "indicator", 2: "indicator"}, names)
    reader.indicator_column_values(["200054781", 40, 7], 3, 2019, _line(2, territory="200054781"))
    assert [(r.spec, r.column, r.value) for r in parsed.records] == [(0, "Surface (ha)", "40")]
    assert [r.column for r in summary.rejections] == ["Truc (zz)"]  # its unit is unknown
