"""Reading indicator observations from a sheet: long layout (one row per indicator, year,
value), wide layout (years as columns, or repeated value/year/comment blocks) and by indicator
column (one value per territory, unit in the header). Every cell is parsed and checked here;
nothing touches the store (``observations_import`` resolves and writes)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import Any, NamedTuple

from ..i18n import _
from ..models import IndicatorCategory
from ..progress import Progress
from ..services.text import fold, normalise_name
from .expansion import MAX_INDICATORS, too_many
from .layout import Layout
from .mapping import INDICATOR_COLUMN
from .parsing import (
    CellError,
    clean_text,
    decimal_text,
    is_missing,
    number_text,
    parse_number,
    parse_year,
)
from .summary import ImportSummary
from .units import Unit, parse_unit, unit_in_text

_CATEGORY_WORDS: list[tuple[str, IndicatorCategory]] = [
    (r"gaz a effet de serre|\bges\b|greenhouse|co2|emissions? de carbone",
     IndicatorCategory.GHG_EMISSIONS),
    (r"sequestration|stock(age)? de carbone|stock carbone|puits",
     IndicatorCategory.CARBON_SEQUESTRATION),
    (r"production d.?energie renouvelable|production d.?electricite renouvelable|"
     r"\benr\b|renewable|production de chaleur", IndicatorCategory.RENEWABLE_PRODUCTION),
    (r"consommation (d.?energie|energetique)|energy consumption",
     IndicatorCategory.ENERGY_CONSUMPTION),
    (r"\bnox\b|\bpm10\b|\bpm2|\bcov\b|\bso2\b|\bnh3\b|polluant|pollutant",
     IndicatorCategory.AIR_POLLUTANTS),
]


def guess_category(text: str) -> IndicatorCategory:
    folded = fold(text)
    for pattern, category in _CATEGORY_WORDS:
        if re.search(pattern, folded):
            return category
    return IndicatorCategory.OTHER


_CACHE_LIMIT = 100_000  # texts remembered per column while reading (names repeat)
# Digits with at most one decimal mark: no grouping or sign question for Babel to settle.
_SIMPLE_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?").fullmatch


def text_of(value: Any) -> str:
    """``clean_text`` with the common case, a string, inlined: this runs for several cells of
    every one of 100,000 rows."""
    return value.strip() if type(value) is str else clean_text(value)


@dataclass
class IndicatorSpec:
    """An indicator as the file describes it."""

    code: str
    name: str
    unit_text: str
    unit: Unit | None
    category: IndicatorCategory
    description: str = ""
    row: int = 0
    column: str = ""
    # What the file's values are multiplied by besides the unit's conversion (-1: ALDO counts
    # a carbon sink negative, the referential counts sequestration positive).
    scale: Decimal = Decimal(1)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, normalise_name(self.name), self.unit_text)


class ValueRecord(NamedTuple):
    """One value read from the file. A tuple, and built with ``tuple.__new__`` in the loop
    below: 100,000 of them are made for a large file."""

    row: int
    column: str
    spec: int  # index in ParsedObservations.specs; -1 for a column without an indicator
    territory: str  # siren or normalised name; "" for the default territory
    territory_label: str
    year: int
    value: str  # canonical decimal text ("1234.5"): see ``parsing.decimal_text``
    comment: str = ""
    source: str = ""
    unit: Unit | None = None  # the unit of this value when its column says one


@dataclass
class ParsedObservations:
    specs: list[IndicatorSpec] = field(default_factory=list)
    records: list[ValueRecord] = field(default_factory=list)
    # Indicators (indexes in ``specs``) with a value cell that was rejected: one whose every
    # value was rejected is not created.
    refused_specs: set[int] = field(default_factory=set)


def insee_code(value: Any) -> str:
    """A commune's INSEE code as five characters: 1053 (a number lost its zero) -> "01053",
    "2A004" stays."""
    text = clean_text(value).upper()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(5) if text.isdigit() else text


def _spec_from_name(code: str, name_cell: str, unit_cell: str, category_cell: str,
                    description: str, row: int, column: str) -> IndicatorSpec:
    name, unit_text = name_cell, unit_cell
    if not unit_text:
        stripped, in_name = unit_in_text(name_cell)
        if in_name and parse_unit(in_name) is not None:
            name, unit_text = stripped, in_name
    name = " ".join(name.split())
    unit = parse_unit(unit_text) if unit_text else Unit("", "", (), Decimal(1))
    category = _category_from_cell(category_cell) or guess_category(name)
    return IndicatorSpec(code, name, unit_text, unit, category, description, row, column)


def _category_from_cell(text: str) -> IndicatorCategory | None:
    if not text:
        return None
    for category in IndicatorCategory:
        if fold(text) in (category.value, category.value.replace("_", " ")):
            return category
    guessed = guess_category(text)
    return None if guessed is IndicatorCategory.OTHER else guessed


def parse_observations(
    rows: list[list[Any]], layout: Layout, mapping: dict[int, str], sheet: str,
    summary: ImportSummary, *, year: int | None = None, progress: Progress | None = None,
    columns: dict[int, IndicatorSpec] | None = None,
) -> ParsedObservations:
    """Read every data row into indicator specs and values; bad cells become rejections.

    This loop runs for every row of files of 100,000 rows, so what repeats is cached (texts of
    territories, years, indicator definitions) and a number cell that is already a number (or
    plain digits) is read without the general parser."""
    parsed = ParsedObservations()
    by_field = {f: c for c, f in sorted(mapping.items(), reverse=True)}
    blocks = sorted({int(f.split("#")[1]) for f in mapping.values() if f.startswith("value#")})
    year_columns = [(c, int(f[5:])) for c, f in mapping.items() if f.startswith("year:")]
    indicator_columns = sorted(c for c, f in mapping.items() if f == INDICATOR_COLUMN)
    names = layout.names
    column_units, bad_unit_columns, column_specs = _column_units(
        parsed, layout, mapping, indicator_columns, summary, columns or {})
    value_cols = [c for c, f in mapping.items()
                  if f == "value" or f.startswith(("value#", "year:"))]

    def cell(row: list[Any], fld: str) -> Any:
        col = by_field.get(fld)
        return row[col] if col is not None and col < len(row) else None

    def reject(row_number: int, col: int | None, reason: str, value: Any = "") -> None:
        label = names[col] if col is not None and col < len(names) else ""
        summary.reject(sheet, row_number, label, reason, clean_text(value))

    records = parsed.records
    specs = parsed.specs

    def add(col: int, spec_at: int, year_value: int | None, raw: Any, note: str, number: int,
            territory: str, territory_label: str, source: str) -> None:
        """The general case of one value cell (any type, any column)."""
        if col in bad_unit_columns:
            if not is_missing(raw):
                parsed.refused_specs.add(spec_at)
                reject(number, col, _("unknown unit in the column header"), raw)
            return
        try:
            number_value = parse_number(raw)
        except CellError as error:
            parsed.refused_specs.add(spec_at)
            reject(number, col, str(error), raw)
            return
        if number_value is None:
            return
        if year_value is None:
            parsed.refused_specs.add(spec_at)
            reject(number, col, _("no year for this value"), raw)
            return
        column_unit = column_units.get(col)
        spec = specs[spec_at] if spec_at >= 0 else None
        if column_unit is not None and spec is not None and not spec.unit_text:
            # "Valeur (GWh)" with no unit column: the header gives the indicator its unit.
            spec.unit_text, spec.unit = column_unit.text, column_unit
        records.append(ValueRecord(number, names[col], spec_at, territory, territory_label,
                                   year_value, decimal_text(number_value), note, source,
                                   column_unit))

    first = layout.first_data_row
    total = len(rows) - first
    spec_cache: dict[tuple[str, str, str, str], int] = {}
    name_col = by_field.get("indicator_name", by_field.get("indicator_code", 0))
    name_column = names[name_col] if name_col < len(names) else ""
    siren_col = by_field.get("territory_siren")
    territory_col = by_field.get("territory_name")
    insee_col = by_field.get("territory_insee") if siren_col is None else None
    comment_col = by_field.get("comment")
    source_col = by_field.get("source")
    year_col = by_field.get("year")
    code_col = by_field.get("indicator_code")
    name_field = by_field.get("indicator_name")
    unit_col = by_field.get("unit")
    category_col = by_field.get("category")
    sector_col = by_field.get("sector")
    value_col = by_field.get("value")
    # The one value column of a long layout, when nothing about it needs the general case.
    fast_col = value_col if (value_col is not None and value_col not in bad_unit_columns
                             and column_units.get(value_col) is None) else -1
    fast_name = names[fast_col] if fast_col >= 0 else ""
    new_record = tuple.__new__
    sirens: dict[str, str] = {}
    names_normalised: dict[str, str] = {}
    years: dict[Any, int | None] = {}  # year cells read without error, as read
    # The cells that define an indicator, as read -> its index in ``specs`` (None: no
    # indicator on the row); the description is read once, from the indicator's first row.
    raw_specs: dict[Any, int | None] = {}
    spec_cols = [c for c in (code_col, name_field, unit_col, category_col, sector_col)
                 if c is not None]
    last_spec_col = max(spec_cols, default=-1)
    # A tuple of the cells, taken in C (itemgetter of one column gives the cell itself).
    spec_cells = itemgetter(*spec_cols) if spec_cols else (lambda row: ())
    numbers: dict[str, str] = {}  # repeated number texts ("0", "100")

    def normalised(text: str) -> str:
        found = names_normalised.get(text)
        if found is None:
            found = normalise_name(text)
            if len(names_normalised) < _CACHE_LIMIT:
                names_normalised[text] = found
        return found

    for number, row in enumerate(rows[first:], start=first + 1):
        if number % 5000 == 0 and progress is not None:
            progress.check()
            progress.message(_("Reading row {row} of {total}").format(row=number - first - 1,
                                                                       total=total))
        width = len(row)
        if row.count("") + row.count(None) == width:  # a blank row (counted in C)
            continue
        summary.rows_read += 1
        siren = ""
        if siren_col is not None and siren_col < width:
            raw_siren = row[siren_col]
            siren = sirens.get(raw_siren, "") if type(raw_siren) is str else ""
            if not siren:
                siren = "".join(clean_text(raw_siren).split())
                if type(raw_siren) is str and len(sirens) < _CACHE_LIMIT:
                    sirens[raw_siren] = siren
        territory_name = text_of(row[territory_col]) if (
            territory_col is not None and territory_col < width) else ""
        territory = siren or normalised(territory_name)
        territory_label = siren or territory_name
        if insee_col is not None and insee_col < width and not is_missing(row[insee_col]):
            insee = insee_code(row[insee_col])
            territory, territory_label = f"insee:{insee}", f"INSEE {insee}"
        comment = ""
        if comment_col is not None and comment_col < width:
            comment = row[comment_col]
            comment = comment.strip() if type(comment) is str else clean_text(comment)
        source = text_of(row[source_col]) if (
            source_col is not None and source_col < width) else ""
        row_year: int | None = year
        if year_col is not None:
            raw_year = row[year_col] if year_col < width else None
            known = years.get(raw_year, -1)  # -1: not read yet (a year is never negative)
            if known != -1:
                row_year = known or year
            else:
                try:
                    parsed_year = parse_year(raw_year)
                    if len(years) < _CACHE_LIMIT:
                        years[raw_year] = parsed_year
                    row_year = parsed_year or year
                except CellError as error:
                    if not indicator_columns and "value" not in by_field:
                        row_year = None
                    else:
                        reject(number, year_col, str(error), raw_year)
                        continue

        # One indicator per row (long and wide layouts).
        spec_index: int | None = None
        # Texts are worked out once per indicator, not once per row.
        raw_spec = spec_cells(row) if width > last_spec_col else tuple(
            [row[c] if c < width else None for c in spec_cols])
        spec_index = raw_specs.get(raw_spec, -1)
        if spec_index == -1:
            code = text_of(row[code_col]) if code_col is not None and code_col < width else ""
            name = text_of(row[name_field]) if (
                name_field is not None and name_field < width) else ""
            if sector_col is not None and sector_col < width:
                # an observatory's long layout: "GES" + "Résidentiel" names the indicator
                sector = text_of(row[sector_col])
                measure = name or (text_of(row[category_col]) if (
                    category_col is not None and category_col < width) else "")
                name = f"{measure} - {sector}" if measure and sector else measure or sector
            spec_index = None
            if code or name:
                spec_key = (code, name,
                            text_of(row[unit_col]) if unit_col is not None and unit_col < width
                            else "",
                            text_of(row[category_col]) if category_col is not None and
                            category_col < width else "")
                spec_index = spec_cache.get(spec_key)
                if spec_index is None:
                    spec = _spec_from_name(code, name or code, spec_key[2], spec_key[3],
                                           clean_text(cell(row, "description")), number,
                                           name_column)
                    spec_index = spec_cache[spec_key] = len(specs)
                    if spec_index >= MAX_INDICATORS:
                        raise too_many("indicators", MAX_INDICATORS)
                    specs.append(spec)
            if len(raw_specs) < _CACHE_LIMIT:
                raw_specs[raw_spec] = spec_index

        if spec_index is None and not indicator_columns:
            # Values without an indicator are reported, never dropped silently.
            if any(col < width and not is_missing(row[col]) for col in value_cols):
                reject(number, name_col, _("no indicator (code or name) on this row"))
            continue
        if spec_index is not None:
            if value_col is not None:
                raw: Any = row[value_col] if value_col < width else None
                value: str | None = None
                if value_col == fast_col and row_year is not None:
                    kind = type(raw)
                    if kind is float and raw - raw == 0.0:  # finite
                        value = number_text(raw)
                    elif kind is int:
                        value = str(raw)
                    elif kind is str:
                        value = numbers.get(raw)
                        if value is None and _SIMPLE_NUMBER(raw):
                            value = decimal_text(Decimal(raw.replace(",", ".")))
                            if len(numbers) < 1000:
                                numbers[raw] = value
                if value is not None:
                    records.append(new_record(ValueRecord, (
                        number, fast_name, spec_index, territory, territory_label, row_year,
                        value, comment, source, None)))
                else:
                    add(value_col, spec_index, row_year, raw, comment, number, territory,
                        territory_label, source)
            for block in blocks:
                value_cell = cell(row, f"value#{block}")
                if is_missing(value_cell):
                    continue
                try:
                    block_year = parse_year(cell(row, f"year#{block}")) if (
                        f"year#{block}" in by_field) else row_year
                except CellError as error:
                    parsed.refused_specs.add(spec_index)
                    reject(number, by_field[f"year#{block}"], str(error),
                           cell(row, f"year#{block}"))
                    continue
                add(by_field[f"value#{block}"], spec_index, block_year, value_cell,
                    clean_text(cell(row, f"comment#{block}")) or comment, number, territory,
                    territory_label, source)
            for col, column_year in year_columns:
                add(col, spec_index, column_year, row[col] if col < width else None, comment,
                    number, territory, territory_label, source)
        for col in indicator_columns:
            if col in column_specs or col in bad_unit_columns:
                add(col, column_specs.get(col, -1), row_year, row[col] if col < width else None,
                    comment, number, territory, territory_label, source)
    return parsed


def _column_units(
    parsed: ParsedObservations, layout: Layout, mapping: dict[int, str],
    indicator_columns: list[int], summary: ImportSummary,
    known: dict[int, IndicatorSpec],
) -> tuple[dict[int, Unit | None], set[int], dict[int, int]]:
    """Units stated by the value columns' headers, the columns whose unit is unknown, and
    the indicator each indicator column stands for (added to ``parsed.specs``); ``known``
    gives the indicator of a column a recognised format defines."""
    names = layout.names
    column_units: dict[int, Unit | None] = {}
    bad_unit_columns: set[int] = set()
    for col, fld in mapping.items():
        if fld == "value" or fld.startswith(("value#", "year:")):
            _name, text = unit_in_text(names[col])
            unit = parse_unit(text) if text else None
            if text and unit is None:
                bad_unit_columns.add(col)
            column_units[col] = unit
    column_specs: dict[int, int] = {}
    for col in indicator_columns:
        if col in known:
            column_specs[col] = len(parsed.specs)
            parsed.specs.append(known[col])
            continue
        name_part, unit_text = unit_in_text(names[col])
        unit = parse_unit(unit_text) if unit_text else Unit("", "", (), Decimal(1))
        if unit is None:
            summary.warnings.append(
                _("Column {column}: unknown unit \"{unit}\"; the column is not imported.").format(
                    column=names[col], unit=unit_text
                )
            )
            bad_unit_columns.add(col)
            continue
        spec = IndicatorSpec("", name_part, unit_text, unit, guess_category(name_part),
                             row=layout.header_row + 1, column=names[col])
        column_specs[col] = len(parsed.specs)
        parsed.specs.append(spec)
    for col in sorted(bad_unit_columns):
        if col not in indicator_columns:
            summary.warnings.append(
                _("Column {column}: unknown unit; its values are not imported.").format(
                    column=names[col]
                )
            )
    return column_units, bad_unit_columns, column_specs

