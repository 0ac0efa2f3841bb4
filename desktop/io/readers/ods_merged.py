"""Merged ranges of an OpenDocument sheet, which python-calamine does not report: cells with
``table:number-rows-spanned`` / ``number-columns-spanned`` in ``content.xml``. Parsed through
defusedxml (no entities), on files the safety scan has already bounded."""

from __future__ import annotations

import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException, ElementTree

from .base import Merge

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
# Covered cells (under a merge) take a position like any cell.
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or "1"))
    except ValueError:
        return 1


def ods_merged_ranges(path: Path, name: str) -> list[Merge]:
    merged: list[Merge] = []
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
            inside = False
            row = col = 0
            for event, element in ElementTree.iterparse(stream, events=("start", "end")):
                tag = element.tag
                if tag == f"{_TABLE}table":
                    if event == "start":
                        inside = element.get(f"{_TABLE}name") == name
                        row = 0
                    elif inside:
                        break
                    element.clear()
                    continue
                if not inside:
                    if event == "end":
                        element.clear()
                    continue
                if tag == f"{_TABLE}table-row":
                    if event == "start":
                        col = 0
                    else:
                        row += _int(element.get(f"{_TABLE}number-rows-repeated"))
                        element.clear()
                elif tag in _CELLS and event == "start":
                    rows = _int(element.get(f"{_TABLE}number-rows-spanned"))
                    cols = _int(element.get(f"{_TABLE}number-columns-spanned"))
                    if rows > 1 or cols > 1:
                        merged.append((row, col, row + rows - 1, col + cols - 1))
                    col += _int(element.get(f"{_TABLE}number-columns-repeated"))
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError, DefusedXmlException):
        return []
    return merged
