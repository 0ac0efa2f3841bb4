"""Writing one sheet of the workbook in openpyxl's write-only mode: a bold frozen header with an
autofilter, column widths, wrapped text, number formats, real dates, amounts with their
currency, drop-down lists, and text that no spreadsheet program runs as a formula."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .. import palette
from .workbook_stream import plain_rows

# Leading characters that make Excel, LibreOffice or Sheets read text as a formula (or DDE).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

NUMBER_FORMATS = {
    "int": "0",
    "year": "0",
    "number": "#,##0.###",
    "decimal": "#,##0.00",
    "date": "dd/mm/yyyy",
    "datetime": "dd/mm/yyyy hh:mm",
}
CURRENCY_FORMATS = {
    "EUR": "#,##0.00 [$€-x-euro2]",
    "GBP": "[$£-809]#,##0.00",
    "USD": "[$$-409]#,##0.00",
}


# Characters XML cannot carry as they are (CR would come back as LF, control characters are
# refused) and text that already looks like an escape: written as OOXML ``_xHHHH_`` escapes,
# which Excel, LibreOffice and calamine decode.
_NEEDS_ESCAPE = re.compile(r"[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")


def _escape(match: re.Match[str]) -> str:
    found = match.group(0)
    if len(found) == 1:
        return f"_x{ord(found):04X}_"
    return "_x005F_" + found[1:]  # the underscore itself escaped: "_x005F_x000D_"


def ooxml_text(text: str) -> str:
    """Text as a cell can hold it exactly (see ``_NEEDS_ESCAPE``)."""
    return _NEEDS_ESCAPE.sub(_escape, text) if _NEEDS_ESCAPE.search(text) else text


def currency_format(unit: str) -> str:
    return CURRENCY_FORMATS.get(unit.upper(), f'#,##0.00 "{unit}"')


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14
    # text, wrap, int, year, number, decimal, date, datetime, amount (value: (number, unit))
    kind: str = "text"
    choices: tuple[str, ...] = ()  # a drop-down list of allowed values


@dataclass
class SheetSpec:
    title: str
    columns: list[Column]
    rows: Iterable[Sequence[Any]]
    hidden: bool = False
    styled: bool = True
    description: str = ""
    # Names rows for later reference (the native charts find an indicator's rows by it).
    anchor_key: Callable[[Sequence[Any]], str] | None = None
    # Filled while writing: the number of data rows and where each key's rows went.
    written: int = 0
    anchors: dict[str, int] = field(default_factory=dict)


class CellFactory:
    """Cells that share one style object per (kind, unit), copied rather than rebuilt."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.templates: dict[tuple[str, str], WriteOnlyCell] = {}

    def _template(self, kind: str, unit: str = "") -> WriteOnlyCell:
        key = (kind, unit)
        template = self.templates.get(key)
        if template is None:
            template = WriteOnlyCell(self.sheet)
            if kind == "header":
                template.font = Font(bold=True, color="FFFFFF")
                template.fill = PatternFill("solid", fgColor=palette.ACCENT.lstrip("#"))
                template.alignment = Alignment(wrap_text=True, vertical="center")
            elif kind == "wrap":
                template.alignment = Alignment(wrap_text=True, vertical="top")
            elif kind == "neutral":
                template.quotePrefix = True
            elif kind == "amount":
                template.number_format = currency_format(unit)
            elif kind in NUMBER_FORMATS:
                template.number_format = NUMBER_FORMATS[kind]
            self.templates[key] = template
        return template

    def cell(self, value: Any, kind: str = "", unit: str = "") -> WriteOnlyCell:
        cell = WriteOnlyCell(self.sheet, value)
        cell._style = copy(self._template(kind, unit)._style)
        return cell

    def text(self, value: str, kind: str = "text") -> Any:
        risky = bool(value) and is_formula_like(value)
        value = ooxml_text(value)
        if risky:
            # Kept exactly, typed as text and marked as quoted: shown as written, never run.
            cell = self.cell(value, "neutral")
            cell.data_type = "s"
            if kind == "wrap":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            return cell
        if kind == "wrap" and value:
            return self.cell(value, "wrap")
        return value

    def value(self, column: Column, value: Any) -> Any:
        if value is None or value == "":
            return None
        kind = column.kind
        if isinstance(value, str):
            return self.text(value, kind)
        if kind == "amount":
            amount, unit = value
            return None if amount is None else self.cell(amount, "amount", unit)
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)  # Excel has no time zones; exported in UTC
        if kind in NUMBER_FORMATS and isinstance(value, int | float | Decimal | date):
            return self.cell(value, kind)
        return value


def write_sheet(book: Workbook, spec: SheetSpec) -> int:
    """Write a sheet from its spec; returns the number of data rows."""
    sheet = book.create_sheet(spec.title[:31])
    if spec.hidden:
        sheet.sheet_state = "hidden"
    factory = CellFactory(sheet)
    if spec.styled:
        for index, column in enumerate(spec.columns, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = column.width
        sheet.freeze_panes = "A2"
        sheet.append([factory.cell(c.header, "header") for c in spec.columns])
    else:
        # The data sheets hold text only: rows go out through the faster plain-text writer.
        append = plain_rows(sheet) or sheet.append
        append([c.header for c in spec.columns])
    count = 0
    columns = spec.columns
    if spec.styled:
        for row in spec.rows:
            sheet.append([factory.value(c, v) for c, v in zip(columns, row, strict=False)])
            count += 1
            if spec.anchor_key is not None:
                spec.anchors[spec.anchor_key(row)] = count + 1
    else:
        text = factory.text
        for row in spec.rows:
            append([text(v) if v else None for v in row])
            count += 1
    last_row = count + 1
    if spec.styled and spec.columns:
        last = get_column_letter(len(spec.columns))
        sheet.auto_filter.ref = f"A1:{last}{max(last_row, 2)}"
        for index, column in enumerate(spec.columns, start=1):
            if column.choices and count:
                _add_list(sheet, index, column.choices, last_row)
    spec.written = count
    return count


def _add_list(sheet: Any, index: int, choices: Sequence[str], last_row: int) -> None:
    letter = get_column_letter(index)
    listed = ",".join(c.replace('"', "'").replace(",", " ") for c in choices)
    validation = DataValidation(
        type="list", formula1=f'"{listed}"', allow_blank=True, showErrorMessage=True
    )
    validation.add(f"{letter}2:{letter}{last_row}")
    sheet.data_validations.append(validation)
