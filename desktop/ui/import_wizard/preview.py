"""The last pages of the import wizard: the preview (a dry run, every rejected cell marked with
its reason), the dry-run summary (what will be added, updated, created) and the import."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from ...i18n import _, format_number, ngettext
from ...io.summary import ImportSummary
from ..change_notice import ChangeNotice
from .sheet_models import RejectionsModel, SheetRowsModel, rejection_marks
from .wizard import ERROR_STYLE, error_text, kind_label

if TYPE_CHECKING:
    from .wizard import ImportWizard

MAX_LISTED = 500  # names listed on the summary page; the count says how many in all


class _DryRunPage(QWizardPage):
    """A page that needs the dry run: starts it when missing, completes when it is done."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = QPushButton(_("Check again"))
        self.retry.clicked.connect(self.check)
        self.retry.setVisible(False)

    def initializePage(self) -> None:
        if self.owner.dry_run is None:
            self.check()
        else:
            self.show_result(self.owner.dry_run)

    def check(self) -> None:
        owner = self.owner
        owner.dry_run = None
        self.retry.setVisible(False)
        self.status.setStyleSheet("")
        self.status.setText(_("Checking every cell (nothing is written)…"))
        self.completeChanged.emit()
        owner.start(
            owner.import_work(dry_run=True),
            _("Checking the file"),
            on_success=self._checked,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )

    def _checked(self, summary: ImportSummary) -> None:
        self.owner.dry_run = summary
        self.status.setStyleSheet("")
        self.show_result(summary)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        message = error_text(error)
        if message is None:
            from ..dialogs.errors import show_error

            show_error(self, error)
            message = _("The file could not be checked.")
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message + "\n" + _("Go back to change the columns or the options."))
        self.retry.setVisible(True)
        self.completeChanged.emit()

    def _cancelled(self) -> None:
        self.status.setStyleSheet("")
        self.status.setText(_("Check cancelled; nothing was written."))
        self.retry.setVisible(True)
        self.completeChanged.emit()

    def show_result(self, summary: ImportSummary) -> None:
        """Fill the page from the dry run's summary; each page shows its own part."""

    def cleanupPage(self) -> None:
        # Back while checking: stop; the next visit checks again with what changed.
        if self.owner.busy:
            self.owner.stop()
            self.owner.invalidate()

    def isComplete(self) -> bool:
        return not self.owner.busy and self.owner.dry_run is not None


class PreviewPage(_DryRunPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Preview"))
        self.setSubTitle(
            _(
                "Every cell that cannot be imported is tinted; hover it or pick it "
                "in the list below to read why."
            )
        )
        self.only_rejected = QCheckBox(_("Show only the rows with a rejection"))
        self.only_rejected.toggled.connect(self._filter)
        self.table = QTableView()
        # Column names come from the file, of any length: shortened with "…", whole in
        # the header's tooltip.
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rejections = QTableView()
        self.rejections.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rejections.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rejections.verticalHeader().setVisible(False)
        self.rejections.clicked.connect(self._go_to)
        self.model: SheetRowsModel | None = None
        self.rejections_model: RejectionsModel | None = None
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.rejections)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.retry)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.only_rejected)
        layout.addWidget(splitter, 1)

    def initializePage(self) -> None:
        prepared = self.owner.prepared
        assert prepared is not None
        self.only_rejected.blockSignals(True)
        self.only_rejected.setChecked(False)
        self.only_rejected.blockSignals(False)
        self.model = SheetRowsModel(
            prepared.sheet.rows,
            first=prepared.layout.first_data_row,
            names=prepared.layout.names,
            parent=self.table,
        )
        self.table.setModel(self.model)
        self.rejections_model = RejectionsModel([], parent=self.rejections)
        self.rejections.setModel(self.rejections_model)
        super().initializePage()

    def show_result(self, summary: ImportSummary) -> None:
        prepared = self.owner.prepared
        assert prepared is not None and self.model is not None
        self.model.set_marks(
            rejection_marks(summary.rejections, prepared.layout.names, prepared.sheet.name)
        )
        self.rejections_model = RejectionsModel(summary.rejections, parent=self.rejections)
        self.rejections.setModel(self.rejections_model)
        header = self.rejections.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.rejections.setColumnWidth(0, 70)
        self.rejections.setColumnWidth(1, 220)
        self.rejections.setColumnWidth(2, 160)
        rows = ngettext("{count} row read", "{count} rows read", summary.rows_read).format(
            count=format_number(summary.rows_read)
        )
        if summary.rejected:
            refused = ngettext(
                "{count} cell or row cannot be imported and is tinted",
                "{count} cells or rows cannot be imported and are tinted",
                summary.rejected,
            ).format(count=format_number(summary.rejected))
            if summary.accepted_anything:
                text = _("{rows}; {refused}. The rest can be imported.").format(
                    rows=rows, refused=refused
                )
            else:
                text = _(
                    "{rows}; {refused}: none is left to import, so nothing would be written."
                ).format(rows=rows, refused=refused)
        else:
            text = _("{rows}; every cell can be imported.").format(rows=rows)
        mapping_note = (
            _('Columns mapped by the saved profile "{profile}".').format(profile=prepared.profile)
            if prepared.profile
            else ""
        )
        self.status.setText(text + ("\n" + mapping_note if mapping_note else ""))
        self.only_rejected.setEnabled(bool(summary.rejected))

    def _filter(self, only: bool) -> None:
        if self.model is not None:
            self.model.show_only_marked(only)

    def _go_to(self, index: QModelIndex) -> None:
        """Show the cell of the rejection picked in the list."""
        if self.model is None or self.rejections_model is None:
            return
        rejection = self.rejections_model.rejections[index.row()]
        view_row = self.model.view_row(rejection.row - 1)
        if view_row is None:
            return
        prepared = self.owner.prepared
        assert prepared is not None
        marks = rejection_marks([rejection], prepared.layout.names, prepared.sheet.name)
        col = max(0, next(iter(marks))[1]) if marks else 0
        target = self.model.index(view_row, col)
        self.table.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.table.selectionModel().setCurrentIndex(
            target, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )


def created_counts(summary: ImportSummary) -> list[str]:
    """ "1 plan", "3 sections (axes and sub-axes)"...: what the import creates, by kind."""
    plans, sections = len(summary.created_plans), len(summary.created_sections)
    indicators, territories = len(summary.created_indicators), len(summary.created_territories)
    organisations = len(summary.created_organisations)
    counts = (
        (plans, ngettext("{count} plan", "{count} plans", plans)),
        (
            sections,
            ngettext(
                "{count} section (axis or sub-axis)",
                "{count} sections (axes and sub-axes)",
                sections,
            ),
        ),
        (indicators, ngettext("{count} indicator", "{count} indicators", indicators)),
        (organisations, ngettext("{count} organisation", "{count} organisations", organisations)),
        (territories, ngettext("{count} territory", "{count} territories", territories)),
    )
    return [text.format(count=format_number(count)) for count, text in counts if count]


class SummaryPage(_DryRunPage):
    """The dry run's figures and what will be created; the import is committed from here."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.setTitle(_("Summary before importing"))
        self.setSubTitle(_("This is what the import will do. Nothing has been written yet."))
        self.setCommitPage(True)
        self.figures = QLabel()
        self.figures.setTextFormat(Qt.TextFormat.PlainText)
        self.created_label = QLabel()
        self.created = QListWidget()
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.save_box = QCheckBox(_("Remember these columns for the next file of this layout"))
        self.save_box.setChecked(True)
        self.profile_edit = QLineEdit()
        self.profile_edit.setPlaceholderText(_("Name of the saved mapping"))
        self.save_box.toggled.connect(self.profile_edit.setEnabled)
        profile = QFormLayout()
        profile.addRow(self.save_box)
        profile.addRow(_("Name:"), self.profile_edit)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.retry)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.figures)
        layout.addWidget(self.warnings)
        layout.addWidget(self.created_label)
        layout.addWidget(self.created, 1)
        layout.addLayout(profile)
        layout.addStretch()  # takes the room of the list when there is nothing to list

    def initializePage(self) -> None:
        owner = self.owner
        self.profile_edit.setText(owner.profile_name or "")
        tabular = owner.native is None
        self.save_box.setVisible(tabular)
        self.profile_edit.setVisible(tabular)
        self.figures.setText("")
        self.created.clear()
        self.created_label.setText("")
        self.warnings.setText("")
        super().initializePage()

    def show_result(self, summary: ImportSummary) -> None:
        owner = self.owner
        kind = kind_label(summary.kind)
        self.status.setText(
            _("{file}: {kind}.").format(file=owner.path.name if owner.path else "", kind=kind)
        )
        lines = [
            _("Rows read: {count}").format(count=format_number(summary.rows_read)),
            _("To add: {count}").format(count=format_number(summary.inserted)),
            _("To update: {count}").format(count=format_number(summary.updated)),
            _("Unchanged: {count}").format(count=format_number(summary.unchanged)),
            _("Rejected (listed in the preview): {count}").format(
                count=format_number(summary.rejected)
            ),
        ]
        if summary.matched_indicators:
            lines.append(
                _("Indicators recognised in the referential: {items}").format(
                    items=", ".join(summary.matched_indicators[:8])
                    + (" …" if len(summary.matched_indicators) > 8 else "")
                )
            )
        self.figures.setText("\n".join(lines))
        created: list[str] = []
        groups = (
            (_("Plan"), summary.created_plans),
            (_("Section"), summary.created_sections),
            (_("Indicator"), summary.created_indicators),
            (_("Organisation"), summary.created_organisations),
            (_("Territory"), summary.created_territories),
        )
        for label, names in groups:
            created += [_("{what}: {name}").format(what=label, name=n) for n in names]
        parts = created_counts(summary)
        counts = (
            _("Will be created: {items}.").format(items=", ".join(parts))
            if parts
            else (_("Nothing new will be created."))
        )
        self.created_label.setText(counts)
        self.created.addItems(created[:MAX_LISTED])
        if len(created) > MAX_LISTED:
            self.created.addItem(
                _("… and {count} more").format(count=format_number(len(created) - MAX_LISTED))
            )
        self.created.setVisible(bool(created))
        self.warnings.setText("\n".join(summary.warnings))
        # Data cut, shortened or left unread: in the colour of what needs the user's eye.
        self.warnings.setStyleSheet(ERROR_STYLE if summary.warnings else "")
        if not summary.accepted_anything and summary.rejected:
            self.status.setText(
                self.status.text() + " " + _("No row can be imported: importing changes nothing.")
            )
        elif not summary.creates_anything:
            self.status.setText(
                self.status.text()
                + " "
                + _("The store already holds everything this file says: importing changes nothing.")
            )

    def validatePage(self) -> bool:
        owner = self.owner
        name = self.profile_edit.text().strip()
        saving = owner.native is None and self.save_box.isChecked() and bool(name)
        owner.profile_name = name if saving else None
        return True


class RunPage(QWizardPage):
    """The import itself, in the background: one transaction, a backup before the commit,
    cancel leaves the store as it was."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Import"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.finished_work = False

    def initializePage(self) -> None:
        owner = self.owner
        self.finished_work = False
        self.status.setStyleSheet("")
        self.status.setText(
            _("Importing {file}…").format(file=owner.path.name if owner.path else "")
        )
        owner.start(
            owner.import_work(dry_run=False),
            _("Importing"),
            on_success=self._imported,
            on_error=self._failed,
            on_cancel=self._cancelled,
        )

    def _done(self, text: str, *, error: bool = False) -> None:
        self.finished_work = True
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)
        self.completeChanged.emit()

    def _imported(self, summary: ImportSummary) -> None:
        owner = self.owner
        owner.imported = summary
        owner.context.notify(ChangeNotice.everything())
        text = _("Imported: {counts}.").format(counts=summary.counts_text())
        parts = created_counts(summary)
        if parts:
            text += "\n" + _("Created: {items}.").format(items=", ".join(parts))
        if summary.backup:
            text += "\n" + _("The store was backed up first: {path}").format(path=summary.backup)
        if owner.profile_name and owner.native is None:
            text += "\n" + _(
                'The columns are remembered as "{profile}" for the next file of this layout.'
            ).format(profile=owner.profile_name)
        self._done(text)

    def _failed(self, error: BaseException) -> None:
        message = error_text(error)
        if message is None:
            from ..dialogs.errors import show_error

            show_error(self, error)
            message = _("The import failed.")
        self._done(message + "\n" + _("Nothing was changed in the store."), error=True)

    def _cancelled(self) -> None:
        self._done(_("Import cancelled: the store was left as it was."))

    def isComplete(self) -> bool:
        return self.finished_work
