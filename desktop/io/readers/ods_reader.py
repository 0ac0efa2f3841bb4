"""OpenDocument spreadsheets (.ods), read with expat in one streamed pass over content.xml.

An OpenDocument file says "this cell, repeated 16,384 times" and "this row, repeated a million
times" in a few bytes: calamine expands every repeat into its dense grid, so a 1 KB file asked
for gigabytes, and rows placed after a long run of repeated empty rows were cut off at its row
limit without a word. Here every repeat is counted against the limits of ``expansion`` before
anything is built (the first limit passed refuses the file, naming it); runs of empty rows cost
one shared empty list per row, so data after them is read at its true row number; data that a
file places beyond the last row a spreadsheet has (1,048,576) is not read, and the sheet says so
(``Sheet.notes``, shown in the import's summary). Merged ranges and formulas without a saved
value come out of the same pass.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from xml.parsers import expat

from ...i18n import _, format_number
from ..expansion import (
    MAX_CELL_CHARS,
    SHEET_COLUMNS,
    SHEET_ROWS,
    Tally,
    cell_too_long,
    row_of,
    too_many_columns,
)
from ..layout import column_letter
from ..safety import check_file, refuse
from .base import Book, Merge, Sheet

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0 "
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0 "
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0 "
TABLE, ROW = _TABLE + "table", _TABLE + "table-row"
CELL, COVERED = _TABLE + "table-cell", _TABLE + "covered-table-cell"
PARAGRAPH, SPACES = _TEXT + "p", _TEXT + "s"
TAB, LINE_BREAK = _TEXT + "tab", _TEXT + "line-break"
ANNOTATION = _OFFICE + "annotation"
NAME = _TABLE + "name"
ROWS_REPEATED = _TABLE + "number-rows-repeated"
COLUMNS_REPEATED = _TABLE + "number-columns-repeated"
ROWS_SPANNED, COLUMNS_SPANNED = _TABLE + "number-rows-spanned", _TABLE + "number-columns-spanned"
VALUE_TYPE, VALUE = _OFFICE + "value-type", _OFFICE + "value"
DATE_VALUE, TIME_VALUE = _OFFICE + "date-value", _OFFICE + "time-value"
BOOLEAN_VALUE, STRING_VALUE = _OFFICE + "boolean-value", _OFFICE + "string-value"
FORMULA = _TABLE + "formula"
NUMBERS = ("float", "percentage", "currency")

# Every run of empty rows shares this one list: nothing writes into an empty row (``fill_merged``
# writes only within a row's length), and a million of them then cost 8 MB, not 60.
_EMPTY_ROW: list[Any] = []


def _count(attrs: dict[str, str], name: str) -> int:
    try:
        return max(1, int(attrs.get(name, "1")))
    except ValueError:
        return 1


class _SheetBuilder:
    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[list[Any]] = []
        self.merged: list[Merge] = []
        self.formulas: list[str] = []
        self.notes: list[str] = []
        self.pending_rows = 0  # empty rows not yet added: only if data follows them
        self.data_rows = 0
        self.closed = False  # data beyond the last row of a spreadsheet: the rest is not read

    def sheet(self) -> Sheet:
        return Sheet(
            name=self.name,
            rows=self.rows,
            merged=self.merged,
            formulas_without_value=sorted(set(self.formulas)),
            notes=self.notes,
        )


class _Reader:
    """The expat handlers: one cell, one row, one table at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.tally = Tally(path)
        self.sheets: dict[str, Sheet] = {}
        self.table: _SheetBuilder | None = None
        self.cells: list[Any] | None = None  # the row being read
        self.row_repeat = 1
        self.row_text = 0
        self.pending_cells = 0  # empty cells not yet added: only if a value follows them
        self.cell: dict[str, str] | None = None
        self.covered = False
        self.cell_repeat = 1
        self.text: list[str] = []
        self.text_chars = 0
        self.paragraphs = 0
        self.in_paragraph = 0
        self.in_annotation = 0

    # -- elements --------------------------------------------------------------------------
    def start(self, name: str, attrs: dict[str, str]) -> None:
        if self.cell is not None:
            self._start_in_cell(name, attrs)
        elif name == ROW and self.table is not None:
            self.cells, self.row_repeat, self.row_text = [], _count(attrs, ROWS_REPEATED), 0
            self.pending_cells = 0
        elif name in (CELL, COVERED) and self.cells is not None:
            self.cell, self.covered = attrs, name == COVERED
            self.cell_repeat = _count(attrs, COLUMNS_REPEATED)
            self.text, self.text_chars, self.paragraphs = [], 0, 0
            rows, cols = _count(attrs, ROWS_SPANNED), _count(attrs, COLUMNS_SPANNED)
            if (rows > 1 or cols > 1) and self.table is not None:
                row = len(self.table.rows) + self.table.pending_rows
                col = len(self.cells) + self.pending_cells
                self.table.merged.append((row, col, row + rows - 1, col + cols - 1))
        elif name == TABLE and self.table is None:
            self.table = _SheetBuilder(attrs.get(NAME, "") or f"{len(self.sheets) + 1}")

    def _start_in_cell(self, name: str, attrs: dict[str, str]) -> None:
        if name == ANNOTATION:
            self.in_annotation += 1
        elif self.in_annotation:
            return
        elif name == PARAGRAPH:
            if self.paragraphs:
                self._add_text("\n")
            self.paragraphs += 1
            self.in_paragraph += 1
        elif name == SPACES:
            self._add_text(" " * min(_count(attrs, _TEXT + "c"), MAX_CELL_CHARS + 1))
        elif name == TAB:
            self._add_text("\t")
        elif name == LINE_BREAK:
            self._add_text("\n")

    def end(self, name: str) -> None:
        if self.cell is not None:
            if name in (CELL, COVERED):
                self._end_cell()
            elif name == ANNOTATION:
                self.in_annotation -= 1
            elif name == PARAGRAPH and not self.in_annotation:
                self.in_paragraph -= 1
        elif name == ROW and self.cells is not None:
            self._end_row()
        elif name == TABLE and self.table is not None:
            self.sheets.setdefault(self.table.name, self.table.sheet())
            self.table = None

    def characters(self, data: str) -> None:
        if self.cell is not None and self.in_paragraph and not self.in_annotation:
            self._add_text(data)

    # -- values ------------------------------------------------------------------------------
    def _add_text(self, text: str) -> None:
        self.text_chars += len(text)
        if self.text_chars > MAX_CELL_CHARS:
            raise cell_too_long(self.path, self._where())
        self.text.append(text)

    def _where(self) -> str:
        assert self.table is not None and self.cells is not None
        cell = (
            f"{column_letter(len(self.cells) + self.pending_cells)}"
            f"{format_number(len(self.table.rows) + self.table.pending_rows + 1)}"
        )
        return _("cell {cell} of sheet {sheet}").format(cell=cell, sheet=self.table.name)

    def _value(self, attrs: dict[str, str]) -> Any:
        kind = attrs.get(VALUE_TYPE)
        text = "".join(self.text)
        try:
            if kind in NUMBERS:
                return float(attrs[VALUE])
            if kind == "date":
                return _date(attrs[DATE_VALUE])
            if kind == "time":
                return _time(attrs[TIME_VALUE]) or text
            if kind == "boolean":
                return attrs[BOOLEAN_VALUE].strip().lower() in ("true", "1")
        except (KeyError, ValueError, OverflowError):
            return text
        if kind == "string" and STRING_VALUE in attrs:
            text = attrs[STRING_VALUE]
            if len(text) > MAX_CELL_CHARS:
                raise cell_too_long(self.path, self._where(), len(text))
        if self.covered:
            return ""
        if kind is None and FORMULA in attrs and self.table is not None and self.cells is not None:
            # A formula whose result was never saved: said in the summary, as for xlsx.
            row = len(self.table.rows) + self.table.pending_rows + 1
            self.table.formulas.append(
                f"{column_letter(len(self.cells) + self.pending_cells)}{row}"
            )
        return text

    def _end_cell(self) -> None:
        assert self.cells is not None and self.cell is not None and self.table is not None
        value = self._value(self.cell)
        repeat = self.cell_repeat
        self.cell = None
        if value == "" and not self.covered:
            self.pending_cells += repeat  # trailing empty cells are never added
            return
        # A covered cell is kept, empty, even at the end of its row: the merged value is
        # copied into it later (``layout.fill_merged``).
        width = len(self.cells) + self.pending_cells + repeat
        if width > SHEET_COLUMNS:
            raise too_many_columns(
                self.path,
                row_of(self.table.name, len(self.table.rows) + self.table.pending_rows + 1),
                width,
            )
        if self.pending_cells:
            self.cells.extend([""] * self.pending_cells)
            self.pending_cells = 0
        self.cells.extend([value] * repeat)
        if type(value) is str:
            self.row_text += len(value) * repeat

    def _end_row(self) -> None:
        table, cells, repeat = self.table, self.cells, self.row_repeat
        assert table is not None and cells is not None
        self.cells = None
        if table.closed:
            return
        if not cells:
            table.pending_rows += repeat
            return
        first = len(table.rows) + table.pending_rows + 1
        beyond = max(0, first + repeat - 1 - SHEET_ROWS)
        if beyond:
            # What the file places past the last row of a spreadsheet is not read (no
            # spreadsheet application shows it either), and the summary says so.
            table.closed = True
            note = (
                _(
                    "Sheet {sheet}: after {empty} repeated empty rows, the file places rows past "
                    "row {last}, the last row a spreadsheet has; they were not read."
                )
                if table.pending_rows
                else _(
                    "Sheet {sheet}: the file repeats rows past row {last}, the last row a "
                    "spreadsheet has; those were not read."
                )
            )
            table.notes.append(
                note.format(
                    sheet=table.name,
                    last=format_number(SHEET_ROWS),
                    empty=format_number(table.pending_rows),
                )
            )
            repeat -= beyond
            if repeat <= 0:
                return
        self.tally.add_rows(table.name, first, repeat, len(cells), table.data_rows)
        self.tally.add_text(self.row_text * repeat)
        table.rows.extend([_EMPTY_ROW] * table.pending_rows)
        table.pending_rows = 0
        table.rows.append(cells)
        table.rows.extend(list(cells) for _copy in range(repeat - 1))
        table.data_rows += repeat


def _date(text: str) -> date | datetime:
    text = text.strip()
    if "T" not in text:
        return date.fromisoformat(text[:10])
    moment = datetime.fromisoformat(text.split(".")[0])
    return moment.date() if moment.time() == time() else moment


def _time(text: str) -> time | None:
    """ "PT12H30M00S" -> 12:30:00; a duration of a day or more is kept as text."""
    text = text.strip().upper()
    if not text.startswith("PT"):
        return None
    number, hours, minutes, seconds = "", 0, 0, 0.0
    for char in text[2:]:
        if char.isdigit() or char == ".":
            number += char
        elif char == "H":
            hours, number = int(number or 0), ""
        elif char == "M":
            minutes, number = int(number or 0), ""
        elif char == "S":
            seconds, number = float(number or 0), ""
    if hours >= 24:
        return None
    return time(hours, minutes, int(seconds))


def read_ods(path: Path) -> dict[str, Sheet]:
    """Every sheet of ``path``, in order; ``FileRefused`` past a limit or on a damaged file."""
    reader = _Reader(path)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def no_declarations(*_args: Any) -> None:
        raise refuse(path, _("the file declares XML entities (possible entity attack)"))

    parser.StartDoctypeDeclHandler = no_declarations
    parser.EntityDeclHandler = no_declarations
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.characters
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            parser.ParseFile(stream)
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, expat.ExpatError):
        raise refuse(path, _("the file is truncated or damaged")) from None
    return reader.sheets


class OdsBook(Book):
    def __init__(self, path: Path) -> None:
        self.path = path
        check_file(path)
        self._sheets = read_ods(path)
        self.sheet_names = list(self._sheets)
        if not self.sheet_names:
            raise refuse(path, _("the workbook has no sheet"))

    def sheet(self, name: str) -> Sheet:
        return self._sheets[name]
