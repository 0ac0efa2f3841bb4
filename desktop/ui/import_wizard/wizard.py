"""The import wizard: file > sheet > header row > column mapping > preview of every rejected
cell > dry-run summary > import.

The wizard holds the state (the analysed file, the options, the dry run's summary) and the
pages read and change it. Reading the file, the dry run and the import run in the background
through ``operations.run_in_background`` (progress dialog with cancel); the import itself is
``desktop.io.importer``, the same code as ``pcaet import``. A known layout (a saved profile of
the same fingerprint) goes from the file straight to the preview: next year's file from the
same partner imports in one step.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ... import palette
from ...errors import UserError
from ...i18n import _, format_number, ngettext
from ...io.importer import ImportRequest, Prepared, native_importer, prepare, reanalyse
from ...io.readers import SUPPORTED_SUFFIXES
from ...io.summary import ImportSummary
from ...progress import Progress
from ..context import AppContext
from ..operations import Operation, run_in_background
from ..window.state import fit_dialog
from .sheet_models import SheetRowsModel

FILE_PAGE, SHEET_PAGE, HEADER_PAGE, MAPPING_PAGE, PREVIEW_PAGE, SUMMARY_PAGE, RUN_PAGE = range(7)
ERROR_STYLE = f"color: {palette.OFF_TRACK};"


def kind_label(kind: str) -> str:
    labels = {
        "observations": _("Indicator values"),
        "actions": _("Action plan"),
        "organisations": _("Organisations and commitments"),
        "projects": _("National register of ecological-transition projects"),
        "native": _("Workbook exported by this application"),
    }
    return labels.get(kind, kind)


class ImportWizard(QWizard):
    """Import one spreadsheet into the open store. ``path`` (a dropped file) may be given."""

    def __init__(
        self, context: AppContext, path: Path | None = None, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.path: Path | None = None
        self.prepared: Prepared | None = None
        self.native: Any = None  # the native-workbook importer when the file is one
        self.dry_run: ImportSummary | None = None
        self.imported: ImportSummary | None = None
        self.operation: Operation | None = None
        # Options of the mapping page.
        self.territory: str | None = None  # SIREN or UUID (``territories.territory_key``)
        self.plan: str | None = None  # the name of a new plan
        self.plan_id: int | None = None  # the existing plan that receives actions
        self.new_plan = False  # the user chose "new plan" over the existing ones
        self.year: int | None = None
        self.create_territories = False
        self.profile_name: str | None = None  # save the confirmed mapping under this name
        self.review_mapping = False

        self.setWindowTitle(_("Import a spreadsheet"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Import"))
        self.resize(1000, 680)
        fit_dialog(self)

        from .pages import HeaderPage, MappingPage
        from .preview import PreviewPage, RunPage, SummaryPage

        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.header_page = HeaderPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.summary_page = SummaryPage(self)
        self.run_page = RunPage(self)
        for page_id, page in enumerate(
            (
                self.file_page,
                self.sheet_page,
                self.header_page,
                self.mapping_page,
                self.preview_page,
                self.summary_page,
                self.run_page,
            )
        ):
            self.setPage(page_id, page)
        self.setStartId(FILE_PAGE)
        if path is not None:
            self.file_page.set_path(Path(path))

    # State shared by the pages ---------------------------------------------------------------
    def invalidate(self) -> None:
        """Something the dry run depends on changed: it must run again."""
        self.dry_run = None

    def set_prepared(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self.invalidate()

    def remember_options(self, options: dict[str, str]) -> None:
        """The territory and plan a saved profile chose last time, if the store has them."""
        from ...models import Plan
        from ...services.queries import records
        from ...services.territories import find_territory, territory_key

        with self.context.store.session() as session:
            territory = find_territory(session, options.get("territory"))
            self.territory = territory_key(territory) if territory is not None else None
            plan_uuid = options.get("plan")
            if plan_uuid:
                plan = records.record_by_uuid(session, Plan, plan_uuid)
                self.plan_id = plan.id if plan is not None else None

    def request(self, *, dry_run: bool) -> ImportRequest:
        assert self.path is not None
        prepared = self.prepared
        return ImportRequest(
            path=self.path,
            kind=prepared.kind if prepared is not None else "auto",
            sheet=prepared.sheet.name if prepared is not None else None,
            header_row=prepared.layout.header_row if prepared is not None else None,
            mapping=dict(prepared.mapping) if prepared is not None else None,
            territory=self.territory,
            plan=self.plan,
            plan_id=self.plan_id,
            year=self.year,
            save_profile=None if dry_run else self.profile_name,
            create_territories=self.create_territories,
            dry_run=dry_run,
        )

    def import_work(self, *, dry_run: bool) -> Callable[[Progress], ImportSummary]:
        """The job of a dry run or of the import, for the background helper."""
        store, actor = self.context.store, self.context.actor
        request = self.request(dry_run=dry_run)
        native, prepared = self.native, self.prepared

        def work(progress: Progress) -> ImportSummary:
            if native is not None:
                summary: ImportSummary = native(store, request.path, actor, dry_run=dry_run)
                return summary
            assert prepared is not None
            from ...io.importer import run_import

            return run_import(store, prepared, request, actor, progress)

        return work

    def start(
        self,
        work: Callable[[Progress], Any],
        label: str,
        *,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_cancel: Callable[[], None],
    ) -> Operation:
        """Run ``work`` in the background with the shell's progress dialog (cancel included)."""
        if self.operation is not None and not self.operation.done:
            self.operation.cancel()

        def ended() -> None:
            if self.operation is operation:
                self.operation = None

        def current() -> bool:
            # A result that arrives after newer work started (another file, a changed
            # mapping) is stale: dropped.
            return self.operation is operation

        operation = run_in_background(
            work,
            parent=self,
            label=label,
            on_success=lambda result: on_success(result) if current() else None,
            on_error=lambda error: on_error(error) if current() else None,
            on_cancel=lambda: on_cancel() if current() else None,
        )
        operation.ended.connect(ended)
        self.operation = operation
        return operation

    @property
    def busy(self) -> bool:
        return self.operation is not None and not self.operation.done

    def stop(self) -> None:
        """Cancel the work under way (reading or checking); its result will be dropped."""
        operation = self.operation
        self.operation = None
        if operation is not None and not operation.done:
            operation.cancel()
            # The worker may take a moment to notice; its progress dialog, a child of this
            # wizard, must not outlive it. (operations.py has no public way to detach it.)
            operation._close_dialog()

    def reject(self) -> None:
        # Closing while the file is read or checked: stop the work; nothing was written.
        self.stop()
        super().reject()


def error_text(error: BaseException) -> str | None:
    """The message of a known problem (a refused file, a missing territory), or None for a
    bug, which goes to the error dialog and the log."""
    if isinstance(error, UserError):
        return str(error)
    return None


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Choose the file"))
        self.setSubTitle(
            _(
                "A spreadsheet (xlsx, xls, ods) or a text file (csv) from a partner "
                "or an observatory."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("Path of the file to import"))
        self.path_edit.editingFinished.connect(self._path_typed)
        browse = QPushButton(_("Browse…"))
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.review = QCheckBox(_("Review the sheet, header row and columns anyway"))
        self.review.setVisible(False)
        self.review.toggled.connect(self._review_toggled)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(self.status)
        layout.addWidget(self.review)
        layout.addStretch(1)

    def browse(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import a spreadsheet"),
            str(self.owner.path.parent if self.owner.path else ""),
            _("Spreadsheets ({patterns})").format(patterns=patterns),
        )
        if chosen:
            self.set_path(Path(chosen))

    def _path_typed(self) -> None:
        text = self.path_edit.text().strip()
        if text and Path(text) != self.owner.path:
            self.set_path(Path(text))

    def _review_toggled(self, checked: bool) -> None:
        self.owner.review_mapping = checked

    def set_path(self, path: Path) -> None:
        """Read and analyse ``path`` in the background; the page completes when it is done."""
        owner = self.owner
        owner.path, owner.prepared, owner.native = path, None, None
        owner.invalidate()
        self.path_edit.setText(str(path))
        self.review.setVisible(False)
        self.status.setStyleSheet("")
        self.status.setText(_("Reading {file}…").format(file=path.name))
        self.completeChanged.emit()
        store = owner.context.store

        def work(progress: Progress) -> tuple[Any, Prepared | None]:
            progress.message(_("Reading {file}…").format(file=path.name))
            native = native_importer(path)
            if native is not None:
                return native, None
            return None, prepare(store, ImportRequest(path))

        owner.start(
            work,
            _("Reading the file"),
            on_success=self._analysed,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )

    def _analysed(self, result: tuple[Any, Prepared | None]) -> None:
        native, prepared = result
        owner = self.owner
        owner.native = native
        owner.territory, owner.plan_id, owner.new_plan = None, None, False
        if prepared is not None:
            owner.set_prepared(prepared)
            owner.profile_name = prepared.profile or (owner.path.stem if owner.path else None)
            owner.remember_options(prepared.options)
        self.status.setStyleSheet("")
        self.status.setText(self.describe())
        known = prepared is not None and prepared.profile is not None
        self.review.setVisible(known)
        self.review.setChecked(False)
        self.completeChanged.emit()

    def describe(self) -> str:
        owner = self.owner
        if owner.native is not None:
            return _(
                "This workbook was exported by this application: it is read as it is, "
                "without mapping."
            )
        prepared = owner.prepared
        if prepared is None:
            return ""
        columns = len(prepared.layout.names)
        rows = max(0, len(prepared.sheet.rows) - prepared.layout.first_data_row)
        text = _(
            'Sheet "{sheet}": header on row {row}, {columns}, {rows}. Recognised as: {kind}.'
        ).format(
            sheet=prepared.sheet.name,
            row=prepared.layout.header_row + 1,
            columns=ngettext("{count} column", "{count} columns", columns).format(
                count=format_number(columns)
            ),
            rows=ngettext("{count} row of data", "{count} rows of data", rows).format(
                count=format_number(rows)
            ),
            kind=kind_label(prepared.kind),
        )
        if prepared.profile is not None:
            text += "\n\n" + _(
                'This layout is known: the saved mapping "{profile}" is applied '
                "and the wizard goes straight to the preview."
            ).format(profile=prepared.profile)
        return text

    def _failed(self, error: BaseException) -> None:
        message = error_text(error)
        if message is None:
            from ..dialogs.errors import show_error

            show_error(self, error)
            message = _("The file could not be read.")
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(_("Reading cancelled."))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        owner = self.owner
        return not owner.busy and (owner.prepared is not None or owner.native is not None)

    def nextId(self) -> int:
        owner = self.owner
        if owner.native is not None:
            return SUMMARY_PAGE
        prepared = owner.prepared
        if prepared is not None and prepared.profile is not None and not owner.review_mapping:
            return PREVIEW_PAGE
        if prepared is not None and len(prepared.book.sheet_names) > 1:
            return SHEET_PAGE
        return HEADER_PAGE


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Choose the sheet"))
        self.setSubTitle(_("The sheet that looks most like a table to import is selected."))
        self.sheets = QListWidget()
        self.sheets.setMaximumHeight(140)
        self.sheets.currentTextChanged.connect(self._chosen)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableView()
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheets)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        prepared = self.owner.prepared
        assert prepared is not None
        self.sheets.blockSignals(True)
        self.sheets.clear()
        self.sheets.addItems(prepared.book.sheet_names)
        self.sheets.setCurrentRow(prepared.book.sheet_names.index(prepared.sheet.name))
        self.sheets.blockSignals(False)
        self._show(prepared)

    def _chosen(self, name: str) -> None:
        prepared = self.owner.prepared
        if not name or prepared is None or name == prepared.sheet.name:
            return
        try:
            sheet = prepared.book.sheet(name)
        except UserError as error:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(str(error))
            return
        if not sheet.rows:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(_('The sheet "{sheet}" is empty.').format(sheet=name))
            return
        prepared = reanalyse(prepared, sheet=sheet)
        self.owner.set_prepared(prepared)
        self._show(prepared)

    def _show(self, prepared: Prepared) -> None:
        self.status.setStyleSheet("")
        self.status.setText(
            _("{rows}; recognised as: {kind}.").format(
                rows=ngettext("{count} row", "{count} rows", len(prepared.sheet.rows)).format(
                    count=format_number(len(prepared.sheet.rows))
                ),
                kind=kind_label(prepared.kind),
            )
        )
        model = SheetRowsModel(prepared.sheet.rows, limit=30, parent=self.table)
        model.set_highlight(prepared.layout.header_row)
        self.table.setModel(model)
