"""What a file becomes once read, counted before (or while) it is read, against the limits an
import keeps to so that its process stays under 500 MB whatever the file.

Readers build Python lists of every cell of a sheet, and calamine a dense grid behind them
(from A1 to the last row and column holding data): a 1 KB OpenDocument file repeating one cell
over a million rows and 16,384 columns, or an 8 MB workbook whose one long shared text fills
300,000 cells, would ask for tens of gigabytes. So the scans before reading count what the
file expands to: rows and columns (repeats included), cells, characters of text (shared texts
once per cell that uses them, repeated cells once per repeat), the size of the shared-text
table; and the first limit passed refuses the file, naming it with the figures.

The limits, measured on this product's import of observations (peak resident size of the
importing process, the store's writes included; ``bench/bench_hostile.py``): the largest files
accepted, 149,999 rows of 10 columns of distinct texts, take 366 MB as xlsx, 371 MB as ods,
381 MB as csv, and 420 MB when their values belong to 20,000 indicators. Real partner files are
far below (the largest known, 100,000 rows of 7 columns, takes 240 MB).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, format_number

MAX_ROWS = 150_000  # rows of a sheet, up to the last one holding data
MAX_CELLS = 1_500_000  # cells of the whole file, as the readers build them
MAX_TEXT_CHARS = 40_000_000  # characters of text of the whole file, every repeat counted
MAX_SHARED_TEXTS = 1_500_000  # texts of the shared-text table (xlsx, xls) the reader loads
MAX_CELL_CHARS = 32_767  # what a spreadsheet cell may hold (Excel's and LibreOffice's limit)
# What one file may bring, past which an import would spend its memory (one object and one
# log entry each) and its time (actions and organisations are written one by one, with
# their partners, fundings and history) on something no partner file holds: a national
# referential defines about a thousand indicators, an action plan a few hundred actions.
MAX_INDICATORS = 20_000  # distinct indicators a file of values defines
MAX_TERRITORIES = 5_000  # distinct territories it names (France has about 1,250 EPCI)
MAX_ACTIONS = 2_000  # rows of an action plan
MAX_ORGANISATIONS = 10_000  # rows of a list of organisations
SHEET_ROWS = 1_048_576  # rows a spreadsheet has
SHEET_COLUMNS = 16_384  # columns a spreadsheet has


def _refuse(path: Path, reason: str) -> Exception:
    from .safety import refuse  # safety imports this module

    return refuse(path, reason)


def too_many_rows(path: Path, sheet: str, rows: int) -> Exception:
    return _refuse(
        path,
        _(
            "sheet {sheet} has more rows than an import reads ({limit}): {rows} at least; split "
            "the file"
        ).format(sheet=sheet, rows=format_number(rows), limit=format_number(MAX_ROWS)),
    )


def too_many_columns(path: Path, where: str, columns: int) -> Exception:
    """``where``: "row 2 of sheet Feuille1", "line 2" (translated)."""
    return _refuse(
        path,
        _(
            "{where} has {columns} cells or more; a spreadsheet row has at most {limit} columns"
        ).format(where=where, columns=format_number(columns), limit=format_number(SHEET_COLUMNS)),
    )


def row_of(sheet: str, row: int) -> str:
    return _("row {row} of sheet {sheet}").format(row=format_number(row), sheet=sheet)


def cell_too_long(
    path: Path, where: str, chars: int | None = None, *, line: bool = False
) -> Exception:
    """``where``: a cell ("cell A2 of sheet Feuille1") or, with ``line``, a line of a text
    file; ``chars`` when known (the reader may stop counting at the limit)."""
    limit = format_number(MAX_CELL_CHARS)
    if line:
        reason = _(
            "{where} holds a cell of more than {limit} characters, more than a "
            "spreadsheet cell may hold"
        ).format(where=where, limit=limit)
    elif chars is None:
        reason = _(
            "{where} holds more than {limit} characters, more than a spreadsheet cell may hold"
        ).format(where=where, limit=limit)
    else:
        reason = _(
            "{where} holds {chars} characters; a spreadsheet cell holds at most {limit}"
        ).format(where=where, chars=format_number(chars), limit=limit)
    return _refuse(path, reason)


@dataclass
class Tally:
    """Running totals of one file; each ``add_*`` refuses (raises ``FileRefused``) as soon as
    a limit is passed, so that a scan stops at the first sign of a bomb."""

    path: Path
    cells: int = 0
    text_chars: int = 0
    unchecked: int = 0  # characters bounded (by the size of the XML holding them), not counted

    def add_grid(self, sheet: str, rows: int, columns: int) -> None:
        """A sheet that calamine reads as a dense grid from A1 to (``rows``, ``columns``)."""
        if rows > MAX_ROWS:
            raise too_many_rows(self.path, sheet, rows)
        if columns > SHEET_COLUMNS:
            raise too_many_columns(self.path, _("sheet {sheet}").format(sheet=sheet), columns)
        self.cells += rows * columns
        if self.cells > MAX_CELLS:
            raise _refuse(
                self.path,
                _(
                    "the file expands to {cells} cells (sheet {sheet}: {rows} rows × {columns} "
                    "columns, from A1 to its last cell); an import reads at most {limit} cells"
                ).format(
                    cells=format_number(self.cells),
                    sheet=sheet,
                    rows=format_number(rows),
                    columns=format_number(columns),
                    limit=format_number(MAX_CELLS),
                ),
            )

    def add_rows(
        self,
        sheet: str,
        first_row: int,
        count: int,
        cells_per_row: int,
        rows_so_far: int,
        cells: int | None = None,
    ) -> None:
        """``count`` rows of ``cells_per_row`` cells each (a repeated row), or of at most
        that many and ``cells`` in all (a block of rows of a text file); ``rows_so_far`` rows
        of the sheet read before them."""
        if rows_so_far + count > MAX_ROWS:
            raise too_many_rows(self.path, sheet, rows_so_far + count)
        if cells_per_row > SHEET_COLUMNS:
            raise too_many_columns(self.path, row_of(sheet, first_row), cells_per_row)
        self.cells += count * cells_per_row if cells is None else cells
        if self.cells > MAX_CELLS:
            raise _refuse(
                self.path,
                _(
                    "the file expands to {cells} cells, repeated cells and rows included; an "
                    "import reads at most {limit} cells"
                ).format(cells=format_number(self.cells), limit=format_number(MAX_CELLS)),
            )

    def add_text(self, chars: int) -> None:
        self.text_chars += chars
        if self.text_chars > MAX_TEXT_CHARS:
            raise _refuse(
                self.path,
                _(
                    "the file expands to {chars} characters of text or more (texts repeated in "
                    "many cells or over many rows); an import reads at most {limit}"
                ).format(chars=format_number(self.text_chars), limit=format_number(MAX_TEXT_CHARS)),
            )

    def add_shared_texts(self, count: int) -> None:
        if count > MAX_SHARED_TEXTS:
            raise _refuse(
                self.path,
                _(
                    "the file's table of shared texts holds {count} texts or more; an import "
                    "reads at most {limit}"
                ).format(count=format_number(count), limit=format_number(MAX_SHARED_TEXTS)),
            )


def too_many(what: str, limit: int) -> Exception:
    """``what``: "indicators", "territories", "actions", "organisations" (the refusal says
    which, with the limit)."""
    from .safety import FileRefused

    messages = {
        "indicators": _(
            "The file defines more than {limit} indicators; an import reads at "
            "most {limit} at once: split the file."
        ),
        "territories": _(
            "The file names more than {limit} territories; an import reads at "
            "most {limit} at once: split the file."
        ),
        "actions": _(
            "The file holds more than {limit} actions; an import reads at most "
            "{limit} at once: split the file."
        ),
        "organisations": _(
            "The file holds more than {limit} organisations; an import reads "
            "at most {limit} at once: split the file."
        ),
    }
    return FileRefused(messages[what].format(limit=format_number(limit)))


def calamine_limit(path: Path) -> Exception:
    """calamine's own refusal of an absurd grid, should one get past the scans."""
    return _refuse(
        path,
        _("the file expands to more cells than an import reads ({limit})").format(
            limit=format_number(MAX_CELLS)
        ),
    )
