"""File > Export: the store as this application's workbook (every sheet, importable back), or
one plan in the layout of Territoires en Transitions' import template. Written in the
background with progress, by the same functions as ``pcaet export``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ... import paths
from ...i18n import _, format_number, ngettext
from ...progress import Progress
from ..context import AppContext
from ..operations import Operation, run_in_background
from ..widgets.eliding_combo import ElidingComboBox
from ..widgets.plan_choices import fill_plan_combo
from ..window.open_files import open_file, open_folder

NATIVE, TET = "native", "tet"


def export_folder() -> Path:
    return paths.data_dir() / "exports"


def _slug(text: str) -> str:
    kept = "".join(c if c.isalnum() else "-" for c in text.casefold())
    return "-".join(part for part in kept.split("-") if part)[:40] or "plan"


class ExportDialog(QDialog):
    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result_path: Path | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(_("Export to Excel"))
        self.setMinimumWidth(560)

        self.native_choice = QRadioButton(
            _("&Workbook of this application: every sheet, can be imported back")
        )
        self.tet_choice = QRadioButton(
            _("&Territoires en Transitions layout: one plan, for the platform's import")
        )
        self.formats = QButtonGroup(self)
        self.formats.addButton(self.native_choice)
        self.formats.addButton(self.tet_choice)
        self.native_choice.setChecked(True)
        self.plan = ElidingComboBox(shortest=20)  # long plan titles end in "…"
        self.plan.setObjectName("export_plan")
        self.charts = QCheckBox(_("Add the indicator &charts"))
        self.out = QLineEdit()
        self.out.setObjectName("export_path")
        browse = QPushButton(_("C&hoose…"))
        browse.clicked.connect(self._browse)
        output = QHBoxLayout()
        output.addWidget(self.out, 1)
        output.addWidget(browse)
        plan_label = QLabel(_("&Plan"))
        plan_label.setBuddy(self.plan)
        save_label = QLabel(_("&Save as"))
        save_label.setBuddy(self.out)
        form = QFormLayout()
        form.addRow(self.native_choice)
        form.addRow(self.tet_choice)
        form.addRow(plan_label, self.plan)
        form.addRow("", self.charts)
        form.addRow(save_label, output)

        self.status = QLabel(_("Choose the layout and the file, then export."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton(_("&Export"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button = buttons.addButton(_("&Open"), QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = buttons.addButton(
            _("Open the &folder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.export_button.setDefault(True)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.open_button.clicked.connect(
            lambda: self.result_path and open_file(self, self.result_path, kind="Excel")
        )
        self.folder_button.clicked.connect(
            lambda: self.result_path and open_folder(self, self.result_path)
        )
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._load_plans()
        self.formats.buttonToggled.connect(lambda _b, _on: self._format_changed())
        self.plan.currentIndexChanged.connect(lambda _i: self._suggest_name())
        self._format_changed()

    # ---- options -----------------------------------------------------------------------

    def layout_kind(self) -> str:
        return TET if self.tet_choice.isChecked() else NATIVE

    def set_layout_kind(self, kind: str) -> None:
        (self.tet_choice if kind == TET else self.native_choice).setChecked(True)

    def _load_plans(self) -> None:
        fill_plan_combo(self.plan, self.context.store)
        self.plan.setCurrentIndex(max(0, self.plan.findData(self.context.plan_id)))

    def _format_changed(self) -> None:
        tet = self.layout_kind() == TET
        self.plan.setEnabled(tet and self.plan.count() > 0)
        self.charts.setEnabled(not tet)
        self._suggest_name()

    def _suggest_name(self) -> None:
        folder = Path(self.out.text()).parent if self.out.text() else export_folder()
        today = date.today().isoformat()
        if self.layout_kind() == TET:
            title = self.plan.currentData(Qt.ItemDataRole.ToolTipRole) or ""
            name = f"tet-{_slug(str(title))}-{today}.xlsx"
        else:
            name = f"pcaet-{today}.xlsx"
        self.out.setText(str(folder / name))

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export to Excel"), self.out.text(), _("Excel workbooks (*.xlsx)")
        )
        if chosen:
            self.out.setText(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    # ---- export ------------------------------------------------------------------------

    def export(self) -> Operation | None:
        text = self.out.text().strip()
        out = Path(text).expanduser()
        if not text or out.suffix.lower() != ".xlsx":
            QMessageBox.warning(self, _("Export to Excel"), _("Choose where to save the workbook."))
            return None
        if out.parent == export_folder():
            out.parent.mkdir(parents=True, exist_ok=True)  # the folder proposed by default
        from ...outputs import OutputError, check_output

        try:
            check_output(out)  # a place that cannot be written is said before any work
        except OutputError as error:
            QMessageBox.warning(self, _("Export to Excel"), str(error))
            return None
        kind, plan_id, charts = self.layout_kind(), self.plan.currentData(), self.charts.isChecked()
        if kind == TET and plan_id is None:
            QMessageBox.warning(self, _("Export to Excel"), _("Choose the plan to export."))
            return None
        store = self.context.store
        if charts and kind == NATIVE:
            # PySide6 creates its classes on first use, not safely from two threads at once:
            # the chart modules load here, on the GUI thread, rather than on the worker.
            from ...charts import images  # noqa: F401

        def work(progress: Progress) -> tuple[str, int]:
            if kind == TET:
                from ...reports.tet_export import export_tet

                progress.message(_("Writing the plan"))
                return kind, export_tet(store, out, plan_id=plan_id)
            from ...reports.workbook import export_workbook

            counts = export_workbook(store, out, charts=charts, progress=progress)
            return kind, sum(counts.values())

        self.export_button.setEnabled(False)
        for button in (self.open_button, self.folder_button):
            button.setEnabled(False)
        self.status.setText(_("Exporting…"))
        self.operation = run_in_background(
            work,
            parent=self,
            label=_("Exporting to Excel…"),
            on_success=lambda result: self._exported(out, result),
            on_error=self._failed,
            on_cancel=lambda: self._finish(_("Cancelled; no workbook was written.")),
        )
        return self.operation

    def _exported(self, out: Path, result: Any) -> None:
        kind, count = result
        self.result_path = out
        if kind == TET:
            what = ngettext("{count} action", "{count} actions", count)
        else:
            what = ngettext("{count} row", "{count} rows", count)
        self._finish(
            _("Written to {path}: {what}.").format(
                path=out, what=what.format(count=format_number(count))
            )
        )
        for button in (self.open_button, self.folder_button):
            button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        from .errors import show_error

        self._finish(_("The workbook could not be written."))
        show_error(self, error)

    def _finish(self, text: str) -> None:
        self.status.setText(text)
        self.export_button.setEnabled(True)
        self.export_button.setDefault(True)  # Enter exports again, not Close
