"""Each parser rule: numbers, years, dates, booleans, units, layout detection."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from desktop.io.kinds import OBSERVATIONS
from desktop.io.layout import detect_header
from desktop.io.mapping import suggest
from desktop.io.parsing import (
    CellError,
    parse_bool,
    parse_date,
    parse_number,
    parse_year,
    split_list,
)
from desktop.io.readers.csv_reader import detect_delimiter, detect_encoding
from desktop.io.units import conversion_factor, parse_unit, unit_in_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,5", "1234.5"),
        ("1\u00a0234,5", "1234.5"),
        ("1\u202f234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("12,5 %", "12.5"),
        ("\u22127,5", "-7.5"),
        ("1e3", "1000"),
        ("1.234,5", "1234.5"),
        (1823609.0, "1823609"),
        (3.3156527272727274, "3.3156527272727274"),
    ],
)
def test_numbers(text: object, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize("marker", ["", "-", "NR", "n.d.", "s.o.", " nr "])
def test_missing_markers(marker: str) -> None:
    assert parse_number(marker) is None


def test_not_a_number() -> None:
    with pytest.raises(CellError):
        parse_number("douze")


def test_years() -> None:
    assert parse_year("2 019") == 2019
    assert parse_year(2016.0) == 2016
    with pytest.raises(CellError, match="1999-2009"):
        parse_year("1999-2009")
    with pytest.raises(CellError):
        parse_year(19)


def test_dates_both_systems_and_text() -> None:
    assert parse_date(44881.0) == date(2022, 11, 16)
    assert parse_date(43419, date1904=True) == date(2022, 11, 16)
    assert parse_date("16/11/2022") == date(2022, 11, 16)
    assert parse_date("2022-11-16") == date(2022, 11, 16)
    with pytest.raises(CellError):
        parse_date("31/02/2022")


def test_booleans() -> None:
    assert parse_bool("VRAI") is True and parse_bool("FAUX") is False
    assert parse_bool("oui") is True and parse_bool("non") is False
    with pytest.raises(CellError):
        parse_bool("peut-être")


def test_lists_in_one_cell() -> None:
    assert split_list("Marie PAUL, Pierre GWEN") == ["Marie PAUL", "Pierre GWEN"]
    assert split_list("- DREAL ;\n- Région, \n- etc.") == ["DREAL", "Région"]


def test_units_and_conversions() -> None:
    gwh, mwh = parse_unit("GWh"), parse_unit("MWh")
    assert gwh and mwh and conversion_factor(gwh, mwh) == 1000
    kt, t = parse_unit("kteq CO2"), parse_unit("tCO2e")
    assert kt and t and conversion_factor(kt, t) == 1000
    kg, tonnes = parse_unit("kg"), parse_unit("tonnes")
    assert kg and tonnes and conversion_factor(kg, tonnes) == Decimal("0.001")
    assert parse_unit("teq CO2") is not None and parse_unit("teq CO2").canonical == "tCO2e"
    assert conversion_factor(gwh, t) is None  # energy is not mass
    assert parse_unit("VOL -> CARB") is None  # unknown: an error, not a guess
    assert unit_in_text("Consommation (GWh)") == ("Consommation", "GWh")


def test_csv_detection() -> None:
    assert detect_encoding("é".encode("utf-8-sig")) == "utf-8-sig"
    assert detect_encoding("é;a".encode("utf-16")) == "utf-16"
    assert detect_encoding("é;a".encode("cp1252")) == "cp1252"
    assert detect_delimiter("a;b;c\n1;2,5;3\n") == ";"
    assert detect_delimiter("a\tb\n1\t2\n") == "\t"
    assert detect_delimiter("a,b\n1,2\n") == ","


def test_header_detection_skips_titles_and_blank_rows() -> None:
    rows: list[list[object]] = [
        ["Indicateurs du territoire 2023", "", ""],
        ["", "", ""],
        ["Indicateur", "Année", "Valeur"],
        ["Consommation (GWh)", 2019, 12.5],
    ]
    assert detect_header(rows) == 2
    assert suggest(OBSERVATIONS, ["Indicateur", "Année", "Valeur (GWh)"]) == {
        0: "indicator_name",
        1: "year",
        2: "value",
    }


@pytest.mark.parametrize(
    "text",
    [
        "12.50",
        "1E+3",
        "100",
        "0.000",
        "-0.0",
        "-7.5",
        "1234.5",
        "0.00012",
        "3.3156527272727274",
        "1.2E+2",
        "5E-7",
    ],
)
def test_decimal_text_is_the_stores_canonical_text(text: str) -> None:
    from desktop.io.parsing import decimal_text
    from desktop.models.types import canonical_decimal

    value = Decimal(text)
    assert decimal_text(value) == format(canonical_decimal(value), "f")


@pytest.mark.parametrize(
    "value",
    [0.1, 1e-5, 1.5e16, 123.0, -0.5, -0.0, 1000.37, 2.5e-10, 1e300, 123456.789, 3.3156527272727274],
)
def test_number_text_of_a_float_cell_is_what_the_general_parser_gives(value: float) -> None:
    from desktop.io.parsing import decimal_text, number_text

    parsed = parse_number(value)
    assert parsed is not None
    assert number_text(value) == decimal_text(parsed)


def test_new_observation_keys_are_ordered_version_7_uuids() -> None:
    import uuid

    from desktop.io.bulk import OrderedUuids

    keys = OrderedUuids()
    taken = keys.take(3) + keys.take(2)
    carry = OrderedUuids()
    carry.counter = (1 << 48) - 2  # across the carry into the fourth group
    carried = carry.take(4)
    for sequence in (taken, carried):
        assert sequence == sorted(sequence) and len(set(sequence)) == len(sequence)
    assert carried[1].endswith("-8000-ffffffffffff") and carried[2].endswith("-8001-000000000000")
    parsed = [uuid.UUID(k) for k in taken + carried]
    assert {p.version for p in parsed} == {7} and {p.variant for p in parsed} == {uuid.RFC_4122}
    assert OrderedUuids().take(1)[0][:8] >= taken[0][:8]  # time first: later keys sort after
