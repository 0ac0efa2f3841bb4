"""Cell detail calamine does not give: which XML part holds a sheet, and merged ranges when the
installed python-calamine does not report them. openpyxl parses through defusedxml when it is
installed (it is), so entity tricks are refused there too."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException, ElementTree

from .base import Merge

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Every worksheet's zip member ("xl/worksheets/sheet2.xml") -> its sheet's name."""
    try:
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError, DefusedXmlException):
        return {}
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    parts: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = str(targets.get(sheet.get(f"{_REL}id"), ""))
        part = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join("xl", target))
        )
        parts[part] = str(sheet.get("name", ""))
    return parts


def sheet_part(path: Path, name: str) -> str | None:
    """The zip member ("xl/worksheets/sheet2.xml") of the sheet called ``name``."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
    except (zipfile.BadZipFile, OSError):
        return None
    return next((part for part, sheet in parts.items() if sheet == name), None)


def merged_ranges(path: Path, name: str) -> list[Merge]:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # Not read-only: merged ranges are only parsed by the full loader. Only used as a
        # fallback, on files the safety scan has already bounded.
        book = openpyxl.load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
        return []
    try:
        sheet = book[name]
        return [
            (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
            for r in sheet.merged_cells.ranges
        ]
    finally:
        book.close()
