"""The steps of reading one data row of observations: its territory, its comment and source,
its year, its indicator, then its values (the value column of a long layout, repeated blocks,
year columns, indicator columns). Bad cells become rejections; nothing touches the store.

These steps run for every row of files of 100,000 rows, so what repeats is cached across rows
(texts of territories, years, indicator definitions) and a number cell that is already a number
(or plain digits) is read without the general parser."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from operator import itemgetter
from typing import Any, Final, NamedTuple

from ..i18n import _
from ..services.text import normalise_name
from . import expansion
from .observations_columns import Columns, ColumnUnits
from .observations_records import (
    CACHE_LIMIT,
    ParsedObservations,
    ValueRecord,
    insee_code,
    spec_from_name,
    text_of,
)
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

# Digits with at most one decimal mark: no grouping or sign question for Babel to settle.
_SIMPLE_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?").fullmatch
# What ``RowReader.year`` returns for a row rejected for its year (a year is never negative).
REJECTED: Final = -1
_new_record = tuple.__new__


class Line(NamedTuple):
    """What every value of a row shares."""

    number: int  # the row's number in the sheet (1-based)
    territory: str  # SIREN, normalised name or "insee:CODE"; "" for the default territory
    territory_label: str
    comment: str
    source: str


class RowReader:
    """Reads rows into ``parsed``, reporting rejections in ``summary`` under ``sheet``."""

    def __init__(
        self,
        columns: Columns,
        units: ColumnUnits,
        names: list[str],
        sheet: str,
        summary: ImportSummary,
        parsed: ParsedObservations,
        default_year: int | None,
    ) -> None:
        self.columns, self.units, self.names, self.sheet = columns, units, names, sheet
        self.summary, self.parsed, self.default_year = summary, parsed, default_year
        self.name_column = names[columns.name_column] if columns.name_column < len(names) else ""
        value = columns.value
        # The one value column of a long layout, when nothing about it needs the general case.
        self.fast_column = (
            value
            if (value is not None and value not in units.bad and units.units.get(value) is None)
            else -1
        )
        self.fast_name = names[self.fast_column] if self.fast_column >= 0 else ""
        spec_columns = columns.spec_columns
        self.spec_columns = spec_columns
        self.last_spec_column = max(spec_columns, default=-1)
        # A tuple of the cells, taken in C (itemgetter of one column gives the cell itself).
        self.spec_cells: Callable[[list[Any]], Any] = (
            itemgetter(*spec_columns) if spec_columns else (lambda row: ())
        )
        # A year's error rejects the row unless the row's values are only its indicator's.
        self.year_error_rejects = bool(columns.indicator_columns) or "value" in columns.by_field
        self._sirens: dict[str, str] = {}
        self._normalised: dict[str, str] = {}
        self._years: dict[Any, int | None] = {}  # year cells read without error, as read
        # The cells that define an indicator, as read -> its index in ``specs`` (None: no
        # indicator on the row); the description is read once, from the indicator's first row.
        self._raw_specs: dict[Any, int | None] = {}
        self._spec_keys: dict[tuple[str, str, str, str], int] = {}
        self._numbers: dict[str, str] = {}  # repeated number texts ("0", "100")

    def reject(self, number: int, col: int | None, reason: str, value: Any = "") -> None:
        label = self.names[col] if col is not None and col < len(self.names) else ""
        self.summary.reject(self.sheet, number, label, reason, clean_text(value))

    def _cell(self, row: list[Any], field: str) -> Any:
        col = self.columns.by_field.get(field)
        return row[col] if col is not None and col < len(row) else None

    # -- the row's context --------------------------------------------------------------------

    def territory(self, row: list[Any], width: int) -> tuple[str, str]:
        """The row's territory key and label: its SIREN, else its name (normalised), else a
        commune's INSEE code; ("", "") for the default territory."""
        columns = self.columns
        siren = ""
        if columns.siren is not None and columns.siren < width:
            raw = row[columns.siren]
            siren = self._sirens.get(raw, "") if type(raw) is str else ""
            if not siren:
                siren = "".join(clean_text(raw).split())
                if type(raw) is str and len(self._sirens) < CACHE_LIMIT:
                    self._sirens[raw] = siren
        name_col = columns.territory_name
        name = text_of(row[name_col]) if name_col is not None and name_col < width else ""
        territory, label = siren or self._normalise(name), siren or name
        insee_col = columns.insee
        if insee_col is not None and insee_col < width and not is_missing(row[insee_col]):
            insee = insee_code(row[insee_col])
            territory, label = f"insee:{insee}", f"INSEE {insee}"
        return territory, label

    def _normalise(self, text: str) -> str:
        found = self._normalised.get(text)
        if found is None:
            found = normalise_name(text)
            if len(self._normalised) < CACHE_LIMIT:
                self._normalised[text] = found
        return found

    def notes(self, row: list[Any], width: int) -> tuple[str, str]:
        """The row's comment and source."""
        comment_col, source_col = self.columns.comment, self.columns.source
        comment = ""
        if comment_col is not None and comment_col < width:
            comment = row[comment_col]
            comment = comment.strip() if type(comment) is str else clean_text(comment)
        source = text_of(row[source_col]) if (source_col is not None and source_col < width) else ""
        return comment, source

    def year(self, row: list[Any], width: int, number: int) -> int | None:
        """The row's year (its cell, else the import's year; None: none), or ``REJECTED``."""
        year_col = self.columns.year
        if year_col is None:
            return self.default_year
        raw = row[year_col] if year_col < width else None
        known = self._years.get(raw, -1)  # -1: not read yet
        if known != -1:
            return known or self.default_year
        try:
            parsed_year = parse_year(raw)
        except CellError as error:
            if not self.year_error_rejects:
                return None  # each value is then rejected for its missing year
            self.reject(number, year_col, str(error), raw)
            return REJECTED
        if len(self._years) < CACHE_LIMIT:
            self._years[raw] = parsed_year
        return parsed_year or self.default_year

    # -- the row's indicator ------------------------------------------------------------------

    def indicator(self, row: list[Any], width: int, number: int) -> int | None:
        """The index in ``parsed.specs`` of the row's indicator (None: the row names none).
        Texts are worked out once per indicator, not once per row."""
        raw_spec = (
            self.spec_cells(row)
            if width > self.last_spec_column
            else tuple([row[c] if c < width else None for c in self.spec_columns])
        )
        index = self._raw_specs.get(raw_spec, -1)
        if index == -1:
            index = self._indicator_from_cells(row, width, number)
            if len(self._raw_specs) < CACHE_LIMIT:
                self._raw_specs[raw_spec] = index
        return index

    def _indicator_from_cells(self, row: list[Any], width: int, number: int) -> int | None:
        columns = self.columns

        def text(col: int | None) -> str:
            return text_of(row[col]) if col is not None and col < width else ""

        code, name = text(columns.code), text(columns.indicator_name)
        if columns.sector is not None and columns.sector < width:
            # an observatory's long layout: "GES" + "Résidentiel" names the indicator
            sector = text(columns.sector)
            measure = name or text(columns.category)
            name = f"{measure} - {sector}" if measure and sector else measure or sector
        if not (code or name):
            return None
        key = (code, name, text(columns.unit), text(columns.category))
        index = self._spec_keys.get(key)
        if index is None:
            spec = spec_from_name(
                code,
                name or code,
                key[2],
                key[3],
                clean_text(self._cell(row, "description")),
                number,
                self.name_column,
            )
            index = self._spec_keys[key] = len(self.parsed.specs)
            if index >= expansion.MAX_INDICATORS:
                raise expansion.too_many("indicators", expansion.MAX_INDICATORS)
            self.parsed.specs.append(spec)
        return index

    def values_without_indicator(self, row: list[Any], width: int, number: int) -> None:
        """Values on a row that names no indicator are reported, never dropped silently."""
        if any(col < width and not is_missing(row[col]) for col in self.columns.value_columns):
            self.reject(
                number, self.columns.name_column, _("no indicator (code or name) on this row")
            )

    # -- the row's values ---------------------------------------------------------------------

    def indicator_values(
        self, row: list[Any], width: int, spec: int, year: int | None, line: Line
    ) -> None:
        """The values of the row's own indicator, whatever the layout."""
        columns = self.columns
        if columns.value is not None:
            self.long_value(row, width, spec, year, line)
        if columns.blocks:
            self.block_values(row, spec, year, line)
        if columns.year_columns:
            self.year_column_values(row, width, spec, line)

    def long_value(
        self, row: list[Any], width: int, spec: int, year: int | None, line: Line
    ) -> None:
        """The value column of a long layout: plain numbers are read on the spot."""
        col = self.columns.value
        assert col is not None
        raw: Any = row[col] if col < width else None
        value: str | None = None
        if col == self.fast_column and year is not None:
            kind = type(raw)
            if kind is float and raw - raw == 0.0:  # finite
                value = number_text(raw)
            elif kind is int:
                value = str(raw)
            elif kind is str:
                value = self._numbers.get(raw)
                if value is None and _SIMPLE_NUMBER(raw):
                    value = decimal_text(Decimal(raw.replace(",", ".")))
                    if len(self._numbers) < 1000:
                        self._numbers[raw] = value
        if value is not None:
            self.parsed.records.append(
                _new_record(
                    ValueRecord,
                    (
                        line.number,
                        self.fast_name,
                        spec,
                        line.territory,
                        line.territory_label,
                        year,
                        value,
                        line.comment,
                        line.source,
                        None,
                    ),
                )
            )
        else:
            self.add(col, spec, year, raw, line.comment, line)

    def block_values(self, row: list[Any], spec: int, year: int | None, line: Line) -> None:
        """Repeated "value / year / comment" blocks; a block's year is the row's without its
        own column."""
        by_field = self.columns.by_field
        for block in self.columns.blocks:
            value_cell = self._cell(row, f"value#{block}")
            if is_missing(value_cell):
                continue
            year_field = f"year#{block}"
            try:
                block_year = (
                    parse_year(self._cell(row, year_field)) if (year_field in by_field) else year
                )
            except CellError as error:
                self.parsed.refused_specs.add(spec)
                self.reject(
                    line.number, by_field[year_field], str(error), self._cell(row, year_field)
                )
                continue
            comment = clean_text(self._cell(row, f"comment#{block}")) or line.comment
            self.add(by_field[f"value#{block}"], spec, block_year, value_cell, comment, line)

    def year_column_values(self, row: list[Any], width: int, spec: int, line: Line) -> None:
        """A wide layout's year columns: the header gives the year."""
        for col, column_year in self.columns.year_columns:
            self.add(col, spec, column_year, row[col] if col < width else None, line.comment, line)

    def indicator_column_values(
        self, row: list[Any], width: int, year: int | None, line: Line
    ) -> None:
        """Columns that are an indicator each: one value per row's territory."""
        specs, bad = self.units.specs, self.units.bad
        for col in self.columns.indicator_columns:
            if col in specs or col in bad:
                self.add(
                    col,
                    specs.get(col, -1),
                    year,
                    row[col] if col < width else None,
                    line.comment,
                    line,
                )

    def add(
        self, col: int, spec_at: int, year: int | None, raw: Any, comment: str, line: Line
    ) -> None:
        """The general case of one value cell (any type, any column)."""
        parsed, number = self.parsed, line.number
        if col in self.units.bad:
            if not is_missing(raw):
                parsed.refused_specs.add(spec_at)
                self.reject(number, col, _("unknown unit in the column header"), raw)
            return
        try:
            value = parse_number(raw)
        except CellError as error:
            parsed.refused_specs.add(spec_at)
            self.reject(number, col, str(error), raw)
            return
        if value is None:
            return
        if year is None:
            parsed.refused_specs.add(spec_at)
            self.reject(number, col, _("no year for this value"), raw)
            return
        column_unit = self.units.units.get(col)
        spec = parsed.specs[spec_at] if spec_at >= 0 else None
        if column_unit is not None and spec is not None and not spec.unit_text:
            # "Valeur (GWh)" with no unit column: the header gives the indicator its unit.
            spec.unit_text, spec.unit = column_unit.text, column_unit
        parsed.records.append(
            ValueRecord(
                number,
                self.names[col],
                spec_at,
                line.territory,
                line.territory_label,
                year,
                decimal_text(value),
                comment,
                line.source,
                column_unit,
            )
        )
