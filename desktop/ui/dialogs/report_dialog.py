"""Prepare a report: kind, language, plan and meeting, sections, period, action sheets and
charts; generated in the background with progress, then previewed or printed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ... import i18n, paths
from ...i18n import _, format_date, ngettext
from ...labels import term_explanation
from ...models import Meeting, Plan
from ...progress import Progress
from ...reports.kinds import FORMATS as REPORT_FORMATS
from ...reports.kinds import KINDS as REPORT_KINDS
from ...reports.kinds import title as kind_title
from ...reports.names import file_filter, format_name, report_file_name
from ...services.plans import flat_sections
from ...services.queries import plans as plan_queries
from ...services.queries import records
from ...services.report_data import ReportOptions
from ..change_notice import ChangeNotice
from ..context import AppContext
from ..operations import Operation, run_in_background

LANGUAGE_NAMES = {"fr": "Français", "en": "English", "nl": "Nederlands"}
NO_YEAR = 1900  # the spin boxes' "no bound" value, shown as a word
# What each kind of report covers: committee and mid-term reports follow the PCAET.
KIND_TERMS = {"committee": "PCAET", "midterm": "PCAET", "cotri": "COTRI"}


def _kind_explanation(kind: str) -> str:
    term = KIND_TERMS.get(kind)
    return term_explanation(term) if term else ""


class ReportDialog(QDialog):
    def __init__(
        self, context: AppContext, meeting_id: int | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.result_path: Path | None = None
        self.operation: Operation | None = None
        self.setWindowTitle(_("Prepare a report"))
        self.setMinimumWidth(560)

        self.kind = QComboBox()
        for kind in REPORT_KINDS:
            self.kind.addItem(kind_title(kind), kind)
            # What the plan or contract it reports on is (PCAET, COTRI), on the list's item.
            self.kind.setItemData(
                self.kind.count() - 1, _kind_explanation(kind), Qt.ItemDataRole.ToolTipRole
            )
        self.kind.currentIndexChanged.connect(self._explain_kind)
        self._explain_kind()
        self.format = QComboBox()
        for fmt in REPORT_FORMATS:
            self.format.addItem(format_name(fmt), fmt)
        self.language = QComboBox()
        for code in i18n.LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.plan = QComboBox()
        self.meeting = QComboBox()
        self.sections = QListWidget()
        self.sections.setMaximumHeight(140)
        self.period_start = self._year_box()
        self.period_end = self._year_box()
        self.sheets = QCheckBox(_("One-page sheet for each action"))
        self.sheets.setChecked(True)
        self.charts = QCheckBox(_("Charts"))
        self.charts.setChecked(True)
        self.out = QLineEdit()
        browse = QPushButton(_("Choose…"))
        browse.clicked.connect(self._browse)

        period = QHBoxLayout()
        period.addWidget(self.period_start)
        period.addWidget(QLabel(_("to")))
        period.addWidget(self.period_end)
        period.addStretch(1)
        output = QHBoxLayout()
        output.addWidget(self.out, 1)
        output.addWidget(browse)
        form = QFormLayout()
        form.addRow(_("Kind of report"), self.kind)
        form.addRow(_("Format"), self.format)
        form.addRow(_("Language"), self.language)
        form.addRow(_("Plan"), self.plan)
        form.addRow(_("Committee"), self.meeting)
        form.addRow(_("Sections"), self.sections)
        form.addRow(_("Years shown"), period)
        form.addRow("", self.sheets)
        form.addRow("", self.charts)
        form.addRow(_("Save as"), output)

        self.status = QLabel(_("Choose the options, then generate the report."))
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.generate_button = buttons.addButton(
            _("Generate"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button = buttons.addButton(
            _("Preview"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button = buttons.addButton(_("Print…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.generate_button.setDefault(True)
        self.preview_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.generate_button.clicked.connect(self.generate)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_report)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

        self._load_plans(meeting_id)
        self.plan.currentIndexChanged.connect(self._plan_changed)
        self.kind.currentIndexChanged.connect(self._suggest_name)
        self.meeting.currentIndexChanged.connect(self._suggest_name)
        self.language.currentIndexChanged.connect(self._suggest_name)
        self.format.currentIndexChanged.connect(self._suggest_name)
        self._suggest_name()

    # ---- options -----------------------------------------------------------------------

    def _explain_kind(self) -> None:
        """The chosen kind's acronyms explained on the closed box too, and to screen readers."""
        explanation = _kind_explanation(str(self.kind.currentData()))
        self.kind.setToolTip(explanation)
        self.kind.setAccessibleDescription(explanation)

    def _year_box(self) -> QSpinBox:
        box = QSpinBox()
        box.setRange(NO_YEAR, 2100)
        box.setSpecialValueText(_("any"))
        box.setValue(NO_YEAR)
        return box

    def _load_plans(self, meeting_id: int | None) -> None:
        with self.context.store.session() as session:
            plans = plan_queries.plans_by_title(session)
            meeting = records.record(session, Meeting, meeting_id or None)
        for plan in plans:
            self.plan.addItem(plan.title, plan.id)
        wanted = meeting.plan_id if meeting and meeting.plan_id else self.context.plan_id
        if wanted is not None and self.plan.findData(wanted) >= 0:
            self.plan.setCurrentIndex(self.plan.findData(wanted))
        self._plan_changed()
        if meeting_id is not None and self.meeting.findData(meeting_id) >= 0:
            self.meeting.setCurrentIndex(self.meeting.findData(meeting_id))

    def _plan_changed(self) -> None:
        plan_id = self.plan.currentData()
        self.meeting.clear()
        self.meeting.addItem(_("No committee"), None)
        self.sections.clear()
        if plan_id is None:
            return
        with self.context.store.session() as session:
            plan = records.record(session, Plan, plan_id)
            territory_id = plan.territory_id if plan else None
            meetings = plan_queries.territory_meetings(session, territory_id)
            sections = flat_sections(session, plan_id)
        for meeting in meetings:
            if meeting.plan_id in (None, plan_id):
                text = f"{format_date(meeting.held_on)} — {meeting.title}"
                self.meeting.addItem(text, meeting.id)
        if len(meetings):
            self.meeting.setCurrentIndex(1)
        for depth, section in sections:
            if depth > 1 or not section.code:
                continue  # parts and their first level are enough to choose from
            item = QListWidgetItem("    " * depth + f"{section.code} {section.title}")
            item.setData(Qt.ItemDataRole.UserRole, section.code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.sections.addItem(item)

    def _meeting_date(self) -> date:
        meeting_id = self.meeting.currentData()
        if meeting_id is not None:
            with self.context.store.session() as session:
                meeting = records.record(session, Meeting, meeting_id)
                if meeting is not None:
                    return meeting.held_on
        return date.today()

    def _suggest_name(self) -> None:
        """The file's name in the report's language, dated by the committee it is for."""
        folder = Path(self.out.text()).parent if self.out.text() else paths.data_dir() / "reports"
        name = report_file_name(
            str(self.kind.currentData()),
            self.chosen_format(),
            str(self.language.currentData()),
            self._meeting_date(),
        )
        self.out.setText(str(folder / name))

    def chosen_format(self) -> str:
        return str(self.format.currentData() or "pdf")

    def _browse(self) -> None:
        fmt = self.chosen_format()
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as"), self.out.text(), file_filter(fmt)
        )
        if chosen:
            suffix = f".{fmt}"
            self.out.setText(chosen if chosen.lower().endswith(suffix) else chosen + suffix)

    def options(self) -> ReportOptions:
        codes = [
            str(self.sections.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.sections.count())
            if self.sections.item(i).checkState() == Qt.CheckState.Checked
        ]
        every = len(codes) == self.sections.count()
        start, end = self.period_start.value(), self.period_end.value()
        return ReportOptions(
            kind=str(self.kind.currentData()),
            language=str(self.language.currentData()),
            plan_id=self.plan.currentData(),
            meeting_id=self.meeting.currentData(),
            # Only sub-sections ticked under an unticked part: keep just what is ticked.
            section_codes=() if every else tuple(codes) or ("\0",),
            period_start=None if start == NO_YEAR else start,
            period_end=None if end == NO_YEAR else end,
            include_action_sheets=self.sheets.isChecked(),
            include_charts=self.charts.isChecked(),
            format=self.chosen_format(),
        )

    # ---- generation, preview, print -----------------------------------------------------

    def generate(self) -> Operation | None:
        out = Path(self.out.text()).expanduser()
        if not self.out.text().strip() or out.suffix.lower() != f".{self.chosen_format()}":
            QMessageBox.warning(
                self,
                _("Prepare a report"),
                _("Choose where to save the report (a {suffix} file).").format(
                    suffix=f".{self.chosen_format()}"
                ),
            )
            return None
        if out.parent == paths.data_dir() / "reports":
            # The suggested folder is ours to create; a folder the user named must exist.
            out.parent.mkdir(parents=True, exist_ok=True)
        options = self.options()
        store = self.context.store
        from ...reports.build import build_report

        if options.include_charts:
            # PySide6 creates its classes on first use, not safely from two threads at once:
            # the charts' modules load here, on the GUI thread, rather than on the worker.
            from ...charts import images  # noqa: F401

        def work(progress: Progress) -> Any:
            progress.set_total(100)

            def step(fraction: float, text: str) -> None:
                progress.check()
                progress.message(text)
                progress.advance(max(0, int(fraction * 100) - progress.done))

            return build_report(store, options, out, progress=step)

        self.generate_button.setEnabled(False)
        self.status.setText(_("Generating the report…"))
        self.operation = run_in_background(
            work,
            parent=self,
            label=_("Generating the report…"),
            on_success=self._generated,
            on_error=self._failed,
            on_cancel=lambda: self._finish(_("Cancelled; no report was written.")),
        )
        return self.operation

    def _generated(self, result: Any) -> None:
        self.result_path = Path(result.path)
        notes = "\n".join(result.notes)
        if result.format == "pptx":
            written = ngettext(
                "{n} slide written to {path}.", "{n} slides written to {path}.", result.pages
            )
        else:
            written = ngettext(
                "{n} page written to {path}.", "{n} pages written to {path}.", result.pages
            )
        self._finish(
            written.format(n=result.pages, path=result.path) + ("\n" + notes if notes else "")
        )
        self.preview_button.setEnabled(True)
        # The printer takes the PDF; a Word document or slides print from their application.
        self.print_button.setEnabled(result.format == "pdf")
        self.context.notify(ChangeNotice.of("report_snapshot"))

    def _failed(self, error: BaseException) -> None:
        from .errors import show_error

        self._finish(_("The report could not be written."))
        show_error(self, error)

    def _finish(self, text: str) -> None:
        self.status.setText(text)
        self.generate_button.setEnabled(True)

    def preview(self) -> bool:
        """Open the PDF with the system's viewer; without one, say so and offer the folder."""
        if self.result_path is None:
            return False
        from ..window.open_files import open_file

        return open_file(self, self.result_path, kind="PDF")

    def print_report(self) -> None:
        """Choose a printer with Qt's dialog, then hand the PDF to the system's spooler (Qt
        Essentials has no PDF renderer to paint it page by page)."""
        if self.result_path is None:
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        target = printer.outputFileName()
        try:
            if target:  # "print to file": the PDF is already what was asked
                shutil.copyfile(self.result_path, target)
            elif sys.platform == "win32":
                os.startfile(str(self.result_path), "print")  # type: ignore[attr-defined]
            else:
                # Without a printer name, lp sends the job to the system's default printer.
                command = ["lp", "-n", str(printer.copyCount())]
                if printer.printerName():
                    command += ["-d", printer.printerName()]
                subprocess.run(
                    [*command, str(self.result_path)], check=True, capture_output=True, timeout=60
                )
        except (OSError, subprocess.SubprocessError) as error:
            QMessageBox.warning(
                self,
                _("Print"),
                _(
                    "The report could not be sent to the printer ({error}). Open it with "
                    "Preview and print it from there."
                ).format(error=error),
            )
            return
        self.status.setText(_("Sent to the printer."))
