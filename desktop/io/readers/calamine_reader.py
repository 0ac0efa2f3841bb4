"""Bulk reading of xlsx/xlsm/xls with python-calamine (about 10x openpyxl's speed).

Every guard that bounds what calamine may allocate (sizes, ratios, entities, the sheet's
dimensions: calamine aborts the whole process when asked for an absurd grid) runs before it
opens the file. Only the search for formulas without a cached value, a report and never a
refusal of its own, runs on a thread while calamine parses the sheet XML: that parse releases
the GIL, so with a second core the search costs no wall time (0.15 s saved on a 100,000-row
sheet of formulas, 0.03 s on one without).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook, PasswordError

from ...i18n import _
from ..expansion import calamine_limit
from ..safety import SafetyReport, check_file, check_text_cells, refuse, scan_formulas
from .base import Book, Sheet


class CalamineBook(Book):
    def __init__(self, path: Path) -> None:
        self.path = path
        self._ooxml = path.suffix.lower() in (".xlsx", ".xlsm")
        # On one core the scan beside calamine would only take turns with it, and cost more
        # than the same search done inline.
        beside = self._ooxml and (os.cpu_count() or 1) > 1
        self.report: SafetyReport = check_file(path, formulas=not beside)
        self._formulas_scanned = not beside
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
            if "limit exceeded" in text:
                raise calamine_limit(path) from None
            raise refuse(path, _("the file is truncated or damaged")) from None
        self.sheet_names = list(self._workbook.sheet_names)
        if not self.sheet_names:
            raise refuse(path, _("the workbook has no sheet"))

    def _parse(self, name: str) -> Any:
        """Calamine's parse of the sheet, with the formula scan alongside the first time."""
        if self._formulas_scanned:
            return self._workbook.get_sheet_by_name(name)
        failure: list[BaseException] = []

        def scan() -> None:
            try:
                scan_formulas(self.path, self.report)
            except BaseException as error:  # handed to the reading thread, raised there
                failure.append(error)

        worker = threading.Thread(target=scan, name="formula-scan", daemon=True)
        worker.start()
        try:
            raw = self._workbook.get_sheet_by_name(name)
        finally:
            worker.join()  # even when calamine failed: no thread outlives the reading
            # Scanned once for every sheet, even if this one failed to parse: another
            # sheet read later must not note the same cells twice.
            self._formulas_scanned = not failure
        if failure:
            raise failure[0]
        return raw

    def sheet(self, name: str) -> Sheet:
        try:
            raw = self._parse(name)
            rows: list[list[Any]] = raw.to_python(skip_empty_area=False)
        except (CalamineError, OSError, ValueError) as error:
            if "limit exceeded" in str(error).lower():
                raise calamine_limit(self.path) from None
            raise refuse(self.path, _("the file is truncated or damaged")) from None
        check_text_cells(self.path, name, rows)
        sheet = Sheet(name=name, rows=rows, date1904=self.report.date1904)
        suffix = self.path.suffix.lower()
        from .openpyxl_reader import merged_ranges, sheet_part

        if self._ooxml:
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
        else:
            sheet.merged = [(a[0], a[1], b[0], b[1]) for a, b in merged or []]
        return sheet
