"""``pcaet template KIND --out FILE.xlsx``: a blank, documented template whose column names the
importer recognises, with drop-down lists where a column takes values from a list. Each kind's
columns are its ``template`` (``desktop/io/import_kinds/``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import xlsxwriter

from ..i18n import _
from .kinds import import_kind

DATA_ROWS = 500


def write_template(kind: str, out: Path) -> Path:
    from ..outputs import write_output  # temporary file, the user's umask, then renamed

    with write_output(out) as partial:
        _write_template(kind, partial)
    return out


def _write_template(kind: str, out: Path) -> None:
    # Headers and choices stay in French: they are the words partners' files use and the
    # importer reads; help lines are translated when the template is written.
    columns = import_kind(kind).template
    book = xlsxwriter.Workbook(str(out))
    try:
        title = book.add_format({"bold": True, "font_size": 14})
        header = book.add_format(
            {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}
        )
        note = book.add_format({"italic": True, "font_color": "#555555", "text_wrap": True})
        sheet = book.add_worksheet(_("Data")[:31])
        sheet.write(0, 0, _("Import template: {kind}").format(kind=kind), title)
        sheet.write(
            1,
            0,
            _(
                "Fill one row per record from row 4; keep the column names. "
                "Missing values: leave empty or write NR."
            ),
            note,
        )
        for col, (name, help_text, choices) in enumerate(columns):
            sheet.write(2, col, name, header)
            sheet.set_column(col, col, 24)
            sheet.write_comment(2, col, _(help_text))
            if choices:
                sheet.data_validation(
                    3,
                    col,
                    3 + DATA_ROWS,
                    col,
                    {"validate": "list", "source": choices, "input_message": _(help_text)},
                )
            elif "date" in name.lower():
                sheet.data_validation(
                    3,
                    col,
                    3 + DATA_ROWS,
                    col,
                    {
                        "validate": "date",
                        "criteria": ">=",
                        "minimum": date(1990, 1, 1),
                        "input_message": _(help_text),
                    },
                )
        sheet.freeze_panes(3, 0)
        help_sheet = book.add_worksheet(_("Help")[:31])
        help_sheet.set_column(0, 0, 32)
        help_sheet.set_column(1, 1, 70)
        for row, (name, help_text, choices) in enumerate(columns):
            help_sheet.write(row, 0, name, header)
            listed = ": " + ", ".join(choices) if choices else ""
            help_sheet.write(row, 1, _(help_text) + listed, note)
    finally:
        book.close()
