"""A faster row writer for the workbook's hidden data sheets (a million observation rows).

Those sheets hold only text. openpyxl's write-only mode turns every value into a cell object and
writes it element by element (about 15 microseconds a cell, most of the export's time); here a
row of plain strings becomes one lxml element written at once, in the form openpyxl itself
writes (inline strings, ``xml:space="preserve"`` where spaces lead or trail). A row holding a
styled cell (formula-like text, marked as quoted) still goes through openpyxl.

This plugs into openpyxl's write-only sheet the way its own ``_write_rows`` does; when that
inner structure is not there (another openpyxl, no lxml), ``plain_rows`` returns None and the
caller appends rows the ordinary way.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from typing import Any

from openpyxl.utils import get_column_letter

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Append = Callable[[Sequence[Any]], None]


def plain_rows(sheet: Any) -> Append | None:
    """An ``append(row)`` for ``sheet`` (write-only, nothing written yet), or None."""
    try:
        from lxml.etree import Element, SubElement
        from openpyxl import LXML
    except ImportError:
        return None
    needed = ("_get_writer", "_values_to_row", "_rows")
    if not LXML or not all(hasattr(sheet, name) for name in needed) or sheet._rows is not None:
        return None
    sheet._get_writer()
    if not hasattr(sheet._writer, "xf") or not hasattr(sheet._writer, "write_row"):
        return None
    letters: list[str] = []

    def element(values: Sequence[Any], index: int) -> Any:
        row = Element("row", r=str(index))
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        for column, value in enumerate(values):
            if value is None or value == "":
                continue
            cell = SubElement(row, "c", r=f"{letters[column]}{index}", t="inlineStr")
            text = SubElement(SubElement(cell, "is"), "t")
            if value != value.strip():
                text.set(XML_SPACE, "preserve")
            text.text = value
        return row

    def rows() -> Generator[None, Sequence[Any], None]:
        xf = sheet._writer.xf.send(True)
        with xf.element("sheetData"):
            index = 1
            try:
                while True:
                    values = yield
                    if all(v is None or isinstance(v, str) for v in values):
                        xf.write(element(values, index))
                    else:  # a styled cell: openpyxl writes the row
                        sheet._writer.write_row(xf, sheet._values_to_row(values, index), index)
                    index += 1
            except GeneratorExit:
                pass
        sheet._writer.xf.send(None)

    stream = rows()
    next(stream)
    sheet._rows = stream  # ``close()`` ends this generator as it ends its own
    return stream.send
