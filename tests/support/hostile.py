"""Hostile spreadsheets, small on disk and enormous once read: repeated cells and rows of
OpenDocument, shared strings referenced many times, absurd positions, huge lines and fields.
Each generator writes one file into a folder and returns its path; ``FAMILIES`` names them
with the words the refusal must say (the true reason, in English)."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# OpenDocument -----------------------------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"'
)


def ods(path: Path, body: str, *, sheet: str = "Feuille1") -> Path:
    """An OpenDocument spreadsheet whose one table holds ``body`` (rows as XML)."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f'<office:body><office:spreadsheet><table:table table:name="{sheet}">{body}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def ods_cell(value: object, *, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}"'
            f"{repeated}><text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"{repeated}>'
        f"<text:p>{value}</text:p></table:table-cell>"
    )


def ods_row(*cells: object, repeat: int = 1) -> str:
    repeated = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f"<table:table-row{repeated}>"
        + "".join(c if isinstance(c, str) and c.startswith("<") else ods_cell(c) for c in cells)
        + "</table:table-row>"
    )


ODS_HEADER = ods_row("Indicateur", "Année", "Valeur")
ODS_EMPTY_ROWS = (
    '<table:table-row table:number-rows-repeated="{n}"><table:table-cell/></table:table-row>'
)


def ods_bomb(folder: Path) -> Path:
    """About 1 KB: a row of 16,384 repeated cells, repeated over 1,048,575 rows."""
    return ods(
        folder / "bomb.ods", ODS_HEADER + ods_row(ods_cell("x", repeat=16_384), repeat=1_048_575)
    )


def ods_deep_rows(folder: Path) -> Path:
    return ods(
        folder / "deep.ods", ODS_HEADER + ods_row("Conso (GWh)", 2019, 1, repeat=100_000_000)
    )


def ods_wide_columns(folder: Path) -> Path:
    return ods(folder / "wide.ods", ODS_HEADER + ods_row(ods_cell("x", repeat=100_000_000)))


def ods_long_texts(folder: Path) -> Path:
    """A text of 30,000 characters repeated in 40 columns of 40 rows: 48 million characters."""
    return ods(
        folder / "texts.ods", ODS_HEADER + ods_row(ods_cell("y" * 30_000, repeat=40), repeat=40)
    )


def ods_rows_after_a_huge_empty_run(folder: Path, empty_rows: int = 2_000_000) -> Path:
    """Data, a run of repeated empty rows, then more data: the second value sits at row
    ``empty_rows + 3``."""
    return ods(
        folder / f"gap-{empty_rows}.ods",
        ODS_HEADER
        + ods_row("Conso (GWh)", 2019, 1)
        + ODS_EMPTY_ROWS.format(n=empty_rows)
        + ods_row("Conso (GWh)", 2020, 2),
    )


# Office Open XML -----------------------------------------------------------------------------

_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType='
    '"application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="'
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml"'
    ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings'
    '+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxml'
    'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/'
    'workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxml'
    'formats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships"><sheets><sheet name="Feuil1" sheetId="1" '
    'r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
    '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="'
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def xlsx(path: Path, strings: list[str], rows: str, *, padding: int = 0) -> Path:
    """A workbook with these shared strings and these ``<row>`` elements; ``padding`` bytes
    of noise in a picture make the file as large as a real one carrying such a sheet."""
    shared = (
        '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main">'
        + "".join(f"<si><t>{s}</t></si>" for s in strings)
        + "</sst>"
    )
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + rows
        + "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CT)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", shared)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if padding:
            archive.writestr("xl/media/image1.png", os.urandom(padding), zipfile.ZIP_STORED)
    return path


XLSX_HEADER = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Indicateur</t></is></c><c r="B1" '
    't="inlineStr"><is><t>Année</t></is></c><c r="C1" t="inlineStr"><is><t>Valeur'
    "</t></is></c></row>"
)


def xlsx_shared_string_bomb(folder: Path) -> Path:
    """8 MB: one text of 32,000 characters referenced by 300,000 cells (9.6 billion
    characters once every reference is expanded)."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c><c r="B{r}"><v>2019</v></c></row>'
        for r in range(2, 300_002)
    )
    return xlsx(
        folder / "shared-strings.xlsx", ["x" * 32_000], XLSX_HEADER + rows, padding=7_500_000
    )


def xlsx_many_shared_strings(folder: Path) -> Path:
    """Three million distinct short texts no cell uses (the reader loads them all)."""
    strings = [f"s{i}" for i in range(3_000_000)]
    return xlsx(folder / "many-strings.xlsx", strings, XLSX_HEADER)


def xlsx_deep_rows(folder: Path) -> Path:
    rows = "".join(f'<row r="{r}"><c r="B{r}"><v>1</v></c></row>' for r in (2, 400_000))
    return xlsx(folder / "deep.xlsx", [], XLSX_HEADER + rows)


def xlsx_wide_grid(folder: Path) -> Path:
    """Two cells, 16,384 columns apart, over 200 rows: 3.3 million cells in the grid."""
    return xlsx(
        folder / "wide.xlsx", [], XLSX_HEADER + '<row r="200"><c r="XFD200"><v>1</v></c></row>'
    )


# Text --------------------------------------------------------------------------------------


def csv_long_line_of_short_cells(folder: Path) -> Path:
    """A 44 MB line of 22 million one-character cells."""
    path = folder / "long-line.csv"
    with path.open("wb") as handle:
        handle.write(b"Indicateur;Ann\xc3\xa9e;Valeur\n")
        for _chunk in range(22):
            handle.write(b"1;" * 1_000_000)
        handle.write(b"1\n")
    return path


def csv_huge_field(folder: Path) -> Path:
    path = folder / "huge-field.csv"
    path.write_bytes(b"Indicateur;Ann\xc3\xa9e;Valeur\n" + b"x" * 40_000_000 + b";2019;1\n")
    return path


def csv_many_lines(folder: Path) -> Path:
    """50 MB of short lines: 4 million rows."""
    path = folder / "many-lines.csv"
    with path.open("wb") as handle:
        handle.write(b"Indicateur;Ann\xc3\xa9e;Valeur\n")
        line = b"Conso (GWh);2019;12345\n"
        for _chunk in range(50):
            handle.write(line * 45_000)
    return path


# Excel 97-2003 ----------------------------------------------------------------------------


def xls_shared_string_bomb(folder: Path) -> Path:
    """One text of 32,000 characters in 60,000 cells (the .xls shared string table)."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Feuil1")
    text = "z" * 32_000
    for r in range(600):
        for c in range(100):
            sheet.write(r, c, text)
    path = folder / "shared-strings.xls"
    book.save(str(path))
    return path


def xls_far_corner(folder: Path) -> Path:
    """A cell in A1 and one in IV65536: 16.7 million cells in the grid."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Feuil1")
    sheet.write(0, 0, "Indicateur")
    sheet.write(65535, 255, 1)
    path = folder / "far-corner.xls"
    book.save(str(path))
    return path


@dataclass(frozen=True)
class Family:
    make: Callable[[Path], Path]
    reason: str  # words of the refusal, in English


FAMILIES: dict[str, Family] = {
    "ods_bomb": Family(ods_bomb, "rows"),
    "ods_deep_rows": Family(ods_deep_rows, "rows"),
    "ods_wide_columns": Family(ods_wide_columns, "columns"),
    "ods_long_texts": Family(ods_long_texts, "characters of text"),
    "xlsx_shared_string_bomb": Family(xlsx_shared_string_bomb, "characters of text"),
    "xlsx_many_shared_strings": Family(xlsx_many_shared_strings, "shared texts"),
    "xlsx_deep_rows": Family(xlsx_deep_rows, "rows"),
    "xlsx_wide_grid": Family(xlsx_wide_grid, "cells"),
    "csv_long_line_of_short_cells": Family(csv_long_line_of_short_cells, "columns"),
    "csv_huge_field": Family(csv_huge_field, "32,767 characters"),
    "csv_many_lines": Family(csv_many_lines, "rows"),
    "xls_shared_string_bomb": Family(xls_shared_string_bomb, "characters of text"),
    "xls_far_corner": Family(xls_far_corner, "cells"),
}
