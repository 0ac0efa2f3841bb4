"""Readers turn a file into sheets of Python values, whatever its format.

``open_book`` checks the file (``desktop.io.safety``) then picks the reader: python-calamine for
the bulk of the cells of xlsx/xlsm/xls, openpyxl only for merged ranges of xlsx, our own
streamed reader for .ods (whose repeated cells and rows calamine expands without bound), and
the CSV reader for .csv/.txt.
"""

from __future__ import annotations

from pathlib import Path

from ...i18n import _
from ..safety import refuse
from .base import Book, Sheet

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
SUPPORTED_SUFFIXES = SPREADSHEET_SUFFIXES + TEXT_SUFFIXES


class _ReadOnce(Book):
    """A book whose sheets are each read once: the import first asks whether the file is a
    reference trajectory, then analyses the same sheets, and a second calamine parse of a
    100,000-row sheet cost as much as the first. The bounds of ``desktop.io.expansion`` cap
    what all sheets of one file hold together, so keeping them is bounded too."""

    def __init__(self, book: Book) -> None:
        self._book = book
        self.path = book.path
        self.sheet_names = book.sheet_names
        self._read: dict[str, Sheet] = {}

    def sheet(self, name: str) -> Sheet:
        if name not in self._read:
            self._read[name] = self._book.sheet(name)
        return self._read[name]


def open_book(path: Path) -> Book:
    """The file's reader, each sheet read once however often it is asked for."""
    return _ReadOnce(_open(path))


def _open(path: Path) -> Book:
    suffix = path.suffix.lower()
    if suffix == ".ods":
        from .ods_reader import OdsBook

        return OdsBook(path)
    if suffix in SPREADSHEET_SUFFIXES:
        from .calamine_reader import CalamineBook

        return CalamineBook(path)
    if suffix in TEXT_SUFFIXES:
        from .csv_reader import CsvBook

        return CsvBook(path)
    raise refuse(path, _("this type of file cannot be imported (use xlsx, xls, ods or csv)"))


__all__ = ["SUPPORTED_SUFFIXES", "Book", "Sheet", "open_book"]
