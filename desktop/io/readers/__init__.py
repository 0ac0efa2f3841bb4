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


def open_book(path: Path) -> Book:
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
