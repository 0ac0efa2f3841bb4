"""Reads an official SNBC reference trajectory: a file with TeT identifiers per row and years as
columns, as Territoires en Transitions exports an authority's trajectory, or the result sheet of
ADEME's territorialised SNBC workbook.

Territoires en Transitions' indicator export (one sheet per indicator, the indicator and its
children as rows) writes the header ``Identifiant | Nom | Type de données | Unité | 2015 | ...``;
the trajectory it computed with ADEME's tool is the rows whose type names the SNBC ("Objectifs
SNBC"), beside the authority's own results and objectives, which are not the reference and are
left out. A table without a type column is taken whole. ADEME's workbook keeps its result in
sheet "TOUS SECTEURS", rows 221 to 297, columns G to AP (2015 to 2050), the rows being fixed
sub-sectors and sectors (``ADEME_ROWS``), and the SIREN of the territory in
"Caract_territoire"!F6.

Values are converted to the referential's units (kteq CO2, GWh). Anything unreadable refuses the
file whole, with the cell and the reason; nothing is half-read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ..i18n import _
from ..services.snbc_reference import ENERGY_UNIT, GHG_UNIT
from ..services.text import fold
from .layout import column_letter
from .parsing import CellError, clean_text, parse_number
from .readers import Book, Sheet, open_book
from .safety import FileRefused, refuse
from .units import conversion_factor, convert, parse_unit

IDENTIFIER: Final = re.compile(r"^(cae_\d+)\.[a-z0-9_]+$")
# The referential's unit of each family of identifiers kept: emissions and consumption.
# Sequestration (cae_63) and technological capture (cae_1.csc), whose signs the tool and the
# referential write the other way round, are left out and named in ``ignored``.
FAMILY_UNITS: Final = {"cae_1": GHG_UNIT, "cae_2": ENERGY_UNIT}
LEFT_OUT: Final = frozenset({"cae_1.csc"})
FIRST_YEAR, LAST_YEAR = 2000, 2100
HEADER_SEARCH_ROWS: Final = 30

_IDENTIFIER_HEADERS: Final = {
    "identifiant",
    "identifiant referentiel",
    "identifiantreferentiel",
    "identifier",
    "id",
}
_UNIT_HEADERS: Final = {"unite", "unit"}
_TYPE_HEADERS: Final = {"type de donnees", "type", "data type"}
_REFERENCE_TYPE: Final = re.compile(r"snbc|trajectoire|trajectory", re.IGNORECASE)

# ADEME's workbook: result rows of sheet "TOUS SECTEURS" from row 221, in order; "" is a row
# that carries no indicator. Documented by Territoires en Transitions, which reads it.
ADEME_SHEET: Final = "TOUS SECTEURS"
ADEME_FIRST_ROW: Final = 221  # 1-based, as the spreadsheet shows it
ADEME_FIRST_COLUMN: Final = 6  # G, 0-based
ADEME_YEARS: Final = range(2015, 2051)
ADEME_SIREN_SHEET, ADEME_SIREN_CELL = "Caract_territoire", (5, 5)  # F6, 0-based
ADEME_ROWS: Final[tuple[str, ...]] = (
    "cae_1.ca",
    "cae_1.cb",
    "cae_1.cc",
    "cae_1.da",
    "cae_1.db",  # 221 residential, tertiary
    "cae_1.ia",
    "cae_1.ib",
    "cae_1.ic",
    "cae_1.id",
    "cae_1.ie",
    "cae_1.if",
    "cae_1.ig",  # 226
    "cae_1.ga",
    "cae_1.gb",
    "cae_1.gc",  # 233 agriculture
    "cae_1.ea",
    "cae_1.eb",
    "cae_1.f",
    "",
    "",  # 236 transport
    "cae_63.b",
    "cae_63.ca",
    "cae_63.cb",
    "cae_63.da",
    "cae_63.db",
    "cae_63.e",
    "",
    "",
    "",  # 241
    "cae_2.ea",
    "cae_2.eb",
    "cae_2.ec",
    "cae_2.fa",
    "cae_2.fb",  # 250 consumption
    "cae_2.ka",
    "cae_2.kb",
    "cae_2.kc",
    "cae_2.kd",
    "cae_2.ke",
    "cae_2.kf",
    "cae_2.kg",  # 255
    "",
    "",
    "",
    "",
    "",
    "",  # 262
    "cae_1.c",
    "cae_1.d",
    "cae_1.i",
    "cae_1.g",
    "cae_1.k",
    "cae_1.h",
    "cae_1.j",  # 268 sectors
    "cae_63.a",
    "cae_1.csc",
    "cae_1.aa",
    "",
    "cae_1.a",  # 275 totals
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",  # 280
    "cae_2.k",
    "cae_2.m",
    "cae_2.e",
    "cae_2.f",
    "cae_2.i",
    "cae_2.j",
    "cae_2.l_pcaet",  # 290
    "cae_2.a",  # 297
)


@dataclass
class ReferenceFile:
    """What a reference file holds, in the referential's units."""

    series: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    layout: str = ""  # "tet" or "ademe"
    siren: str | None = None  # the territory the file says it is about, when it says
    sheets: list[str] = field(default_factory=list)  # the sheets read
    ignored: list[str] = field(default_factory=list)  # identifiers left out (sequestration)

    @property
    def values(self) -> int:
        return sum(len(years) for years in self.series.values())


def read_reference_file(path: Path) -> ReferenceFile:
    """The trajectory a file holds. Raises ``FileRefused`` with the reason."""
    path = Path(path)
    book = open_book(path)
    result = ReferenceFile()
    if ADEME_SHEET in book.sheet_names:
        _read_ademe(path, book.sheet(ADEME_SHEET), result)
        if ADEME_SIREN_SHEET in book.sheet_names:
            result.siren = _siren(book.sheet(ADEME_SIREN_SHEET))
    else:
        for name in book.sheet_names:
            _read_table(path, book.sheet(name), result)
    if not result.series:
        raise refuse(
            path,
            _(
                "no SNBC trajectory was found: the file needs a column of TeT identifiers "
                "(cae_1.c...), years as columns and, when it has a data type column, rows "
                'of type "Objectifs SNBC"'
            ),
        )
    return result


def is_reference_book(book: Book) -> bool:
    """Whether an open spreadsheet is an SNBC reference trajectory: ADEME's workbook (its
    result sheet), or a table of TeT identifiers by year whose data type names the SNBC or a
    trajectory (Territoires en Transitions' download). The ordinary import refuses such a file:
    a reference is never a value of the territory. A table without a data type column (an
    indicator export of values) is not one."""
    if ADEME_SHEET in book.sheet_names:
        return True
    for name in book.sheet_names:
        rows = book.sheet(name).rows
        found = _header(rows)
        if found is None or "type" not in found[1]:
            continue
        header, named, _years = found
        if any(
            IDENTIFIER.match(_cell_text(row, named["identifier"]))
            and _REFERENCE_TYPE.search(_cell_text(row, named["type"]))
            for row in rows[header + 1 :]
        ):
            return True
    return False


def _siren(sheet: Sheet) -> str | None:
    row, column = ADEME_SIREN_CELL
    if len(sheet.rows) <= row or len(sheet.rows[row]) <= column:
        return None
    text = "".join(clean_text(sheet.rows[row][column]).split())
    return text if len(text) == 9 and text.isdigit() else None


def _read_ademe(path: Path, sheet: Sheet, result: ReferenceFile) -> None:
    result.layout = "ademe"
    result.sheets.append(sheet.name)
    for offset, identifier in enumerate(ADEME_ROWS):
        if not identifier:
            continue
        index = ADEME_FIRST_ROW - 1 + offset
        row = sheet.rows[index] if index < len(sheet.rows) else []
        for position, year in enumerate(ADEME_YEARS):
            column = ADEME_FIRST_COLUMN + position
            raw = row[column] if column < len(row) else None
            where = (sheet.name, index, column)
            value = _number(path, raw, where)
            if value is not None:
                _add(path, result, identifier, year, value, _family_unit(identifier), where)


def _header(rows: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int], dict[int, int]] | None:
    """(row, named columns, year columns) of the first row naming an identifier column and at
    least two years."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        named: dict[str, int] = {}
        years: dict[int, int] = {}
        for column, cell in enumerate(row):
            year = _year(cell)
            if year is not None:
                years[column] = year
                continue
            text = fold(clean_text(cell))
            for key, words in (
                ("identifier", _IDENTIFIER_HEADERS),
                ("unit", _UNIT_HEADERS),
                ("type", _TYPE_HEADERS),
            ):
                if text in words and key not in named:
                    named[key] = column
        if "identifier" in named and len(years) >= 2:
            return index, named, years
    return None


def _year(cell: Any) -> int | None:
    if isinstance(cell, bool):
        return None
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, str) and cell.strip().isdigit():
        cell = int(cell.strip())
    if isinstance(cell, int) and FIRST_YEAR <= cell <= LAST_YEAR:
        return cell
    return None


def _read_table(path: Path, sheet: Sheet, result: ReferenceFile) -> None:
    found = _header(sheet.rows)
    if found is None:
        return
    header, named, years = found
    result.layout = "tet"
    result.sheets.append(sheet.name)
    type_column = named.get("type")
    typed = type_column is not None and any(
        _REFERENCE_TYPE.search(clean_text(row[type_column]))
        for row in sheet.rows[header + 1 :]
        if type_column < len(row)
    )
    for index in range(header + 1, len(sheet.rows)):
        row = sheet.rows[index]
        identifier = _cell_text(row, named["identifier"])
        if not IDENTIFIER.match(identifier):
            continue
        if type_column is not None and (
            not typed or not _REFERENCE_TYPE.search(_cell_text(row, type_column))
        ):
            continue  # the authority's own results and objectives are not the reference
        unit_column = named.get("unit")
        written = _cell_text(row, unit_column) if unit_column is not None else ""
        for column, year in years.items():
            raw = row[column] if column < len(row) else None
            where = (sheet.name, index, column)
            value = _number(path, raw, where)
            if value is not None:
                _add(
                    path,
                    result,
                    identifier,
                    year,
                    value,
                    written or _family_unit(identifier),
                    where,
                )


def _cell_text(row: Sequence[Any], column: int) -> str:
    return clean_text(row[column]) if column < len(row) else ""


def _family_unit(identifier: str) -> str:
    match = IDENTIFIER.match(identifier)
    if match is None or identifier in LEFT_OUT:
        return ""
    return FAMILY_UNITS.get(match.group(1), "")


def _where(where: tuple[str, int, int]) -> str:
    sheet, row, column = where
    return _("sheet {sheet}, cell {cell}").format(
        sheet=sheet, cell=f"{column_letter(column)}{row + 1}"
    )


def _number(path: Path, raw: Any, where: tuple[str, int, int]) -> Decimal | None:
    try:
        return parse_number(raw)
    except CellError as error:
        raise refuse(
            path,
            _("{where}: {reason} ({value})").format(
                where=_where(where), reason=str(error), value=clean_text(raw)
            ),
        ) from None


def _add(
    path: Path,
    result: ReferenceFile,
    identifier: str,
    year: int,
    value: Decimal,
    written: str,
    where: tuple[str, int, int],
) -> None:
    target = _family_unit(identifier)
    if not target:
        if identifier not in result.ignored:
            result.ignored.append(identifier)
        return
    source, wanted = parse_unit(written), parse_unit(target)
    factor = conversion_factor(source, wanted) if source and wanted else None
    if factor is None:
        raise refuse(
            path,
            _("{where}: the unit {unit} of {identifier} is not one of {expected}").format(
                where=_where(where), unit=written, identifier=identifier, expected=target
            ),
        )
    value = convert(value, factor)
    known = result.series.setdefault(identifier, {})
    if year in known and known[year] != value:
        raise refuse(
            path,
            _("{where}: {identifier} has two different values for {year}").format(
                where=_where(where), identifier=identifier, year=year
            ),
        )
    known[year] = value
    result.units[identifier] = target


__all__ = ["FileRefused", "ReferenceFile", "is_reference_book", "read_reference_file"]
