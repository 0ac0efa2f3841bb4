"""Bulk reading of xlsx/xlsm/xls/ods with python-calamine (about 10x openpyxl's speed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from ...i18n import _
from ..safety import SafetyReport, check_file, check_text_cells, refuse
from .base import Book, Sheet


class CalamineBook(Book):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.report: SafetyReport = check_file(path)
        try:
            self._workbook = CalamineWorkbook.from_path(str(path))
        except PasswordError:
            raise refuse(
                path, _("the file is protected by a password; save it without one")
            ) from None
        except (CalamineError, OSError, ValueError) as error:
            text = str(error).lower()
            if "password" in text or "encrypt" in text:
                raise refuse(
                    path, _("the file is protected by a password; save it without one")
                ) from None
            raise refuse(path, _("the file is truncated or damaged")) from None
        self.sheet_names = list(self._workbook.sheet_names)
        if not self.sheet_names:
            raise refuse(path, _("the workbook has no sheet"))

    def sheet(self, name: str) -> Sheet:
        try:
            raw = self._workbook.get_sheet_by_name(name)
            rows: list[list[Any]] = raw.to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError):
            raise refuse(self.path, _("the file is truncated or damaged")) from None
        check_text_cells(self.path, rows)
        sheet = Sheet(name=name, rows=rows, date1904=self.report.date1904)
        suffix = self.path.suffix.lower()
        from .openpyxl_reader import merged_ranges, sheet_part

        if suffix in (".xlsx", ".xlsm"):

            part = sheet_part(self.path, name)
            sheet.formulas_without_value = sorted(
                set(self.report.formulas_without_value.get(part or "", []))
            )
        try:
            merged = raw.merged_cell_ranges
        except (CalamineError, AttributeError):
            merged = None
        if merged is None and suffix in (".xlsx", ".xlsm"):
            sheet.merged = merged_ranges(self.path, name)
        elif merged is None and suffix == ".ods":
            from .ods_merged import ods_merged_ranges

            sheet.merged = ods_merged_ranges(self.path, name)
        else:
            sheet.merged = [(a[0], a[1], b[0], b[1]) for a, b in merged or []]
        return sheet
