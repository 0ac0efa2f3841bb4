"""The main window's dialogs: import wizard (also for a dropped spreadsheet), report, settings
and about. Each opens window-modal without blocking and is kept alive while open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox, QWidget

from ...i18n import _
from ..change_notice import ChangeNotice

if TYPE_CHECKING:
    from .main_window import MainWindow

SPREADSHEET_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"})


class WindowDialogs:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.open_dialogs: list[QWidget] = []  # non-modal dialogs kept alive while open

    def open_import(self, path: Path | None) -> QWidget | None:
        """Start the import wizard, on ``path`` if given (a dropped file)."""
        if self.window.context is None:
            return None
        from ..import_wizard.wizard import ImportWizard

        wizard = ImportWizard(self.window.context, path, parent=self.window)
        wizard.finished.connect(self._after_import)
        self.keep_open(wizard)
        return wizard

    def _after_import(self, _result: int = 0) -> None:
        if self.window.context is not None:
            # Whatever the import wrote: every view reloads.
            self.window.context.notify(ChangeNotice.everything())

    def open_report(self) -> QWidget | None:
        if self.window.context is None:
            return None
        from ..dialogs.report_dialog import ReportDialog

        target = self.window.selected
        meeting_id = target.record_id if target is not None and target.kind == "meeting" else None
        dialog = ReportDialog(self.window.context, meeting_id, parent=self.window)
        self.keep_open(dialog)
        return dialog

    def open_export(self) -> QWidget | None:
        """File > Export: the workbook, or a plan in Territoires en Transitions' layout."""
        if self.window.context is None:
            return None
        from ..dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.window.context, parent=self.window)
        self.keep_open(dialog)
        return dialog

    def open_settings(self) -> QWidget:
        from ..dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window.settings, self.window.store, parent=self.window)

        def saved() -> None:
            if dialog.language_changed():
                self.window.apply_language(dialog.effective_language())
            if self.window.context is not None:
                # Thresholds and rates change what views compute.
                self.window.context.notify(ChangeNotice.everything())

        dialog.accepted.connect(saved)
        self.keep_open(dialog)
        return dialog

    def open_about(self) -> QWidget:
        from ..dialogs.about_dialog import AboutDialog

        dialog = AboutDialog(self.window.store, parent=self.window)
        self.keep_open(dialog)
        return dialog

    def keep_open(self, dialog: Any) -> None:
        """Open without blocking (window-modal) and keep a reference until it closes."""
        self.open_dialogs.append(dialog)
        dialog.finished.connect(lambda _r=0: self.open_dialogs.remove(dialog))
        dialog.open()

    def handle_dropped(self, dropped: list[Path]) -> bool:
        """Import the first spreadsheet dropped; refuse anything else with a polite word."""
        spreadsheet = next((p for p in dropped if p.suffix.lower() in SPREADSHEET_SUFFIXES), None)
        if spreadsheet is None:
            names = ", ".join(p.name for p in dropped) or "?"
            QMessageBox.information(
                self.window,
                _("Cannot import this file"),
                _(
                    "Only spreadsheets can be dropped here (.xlsx, .xlsm, .xls, .ods, .csv, "
                    ".txt); {names} is not one."
                ).format(names=names),
            )
            return False
        return self.open_import(spreadsheet) is not None
