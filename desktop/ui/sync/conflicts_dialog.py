"""The conflicts a synchronisation met: each change made here and on the other side to the
same field (or a record deleted on one side and changed on the other), both values side by
side with who changed them and when. For each the user keeps this side's value, the other
side's, or writes the value to keep. Nothing conflicting is written before they choose;
"Decide later" applies everything else and leaves the conflicts as they are on both sides."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, ngettext
from ...services.sync.plan import Choice, Conflict, ConflictKey, Decision
from ...services.sync.records import Values
from ...services.sync.schema import SyncSchema
from ...services.sync.words import describe, field_name, record_name, record_title, shown, who

Lookup = Callable[[str, str], Values | None]

COLUMN_RECORD, COLUMN_WHAT, COLUMN_MINE, COLUMN_THEIRS, COLUMN_KEEP = range(5)
# Bookkeeping fields a user never reads.
HIDDEN_FIELDS = frozenset({"position", "normalised_name", "payload"})


class ConflictsDialog(QDialog):
    """One row per conflict; below, the selected one in full and the choice for it."""

    LATER = 2  # result code of "Decide later"

    def __init__(
        self,
        conflicts: list[Conflict],
        *,
        schema: SyncSchema,
        lookup: Lookup,
        mine_label: str,
        theirs_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Conflicts to decide"))
        self.conflicts = conflicts
        self.schema = schema
        self.lookup = lookup
        self.decisions: dict[ConflictKey, Decision] = {}
        self.edited: dict[ConflictKey, str] = {}

        intro = QLabel(
            ngettext(
                "{count} change was made both here and on {other} since the last "
                "synchronisation. Choose what to keep; nothing else waits for it.",
                "{count} changes were made both here and on {other} since the last "
                "synchronisation. Choose what to keep for each; nothing else waits for them.",
                len(conflicts),
            ).format(count=len(conflicts), other=theirs_label)
        )
        intro.setWordWrap(True)

        table = QTableWidget(len(conflicts), 5, self)
        table.setHorizontalHeaderLabels(
            [_("Record"), _("Conflict"), _("Mine"), _("Theirs"), _("Keep")]
        )
        for column, tip in ((COLUMN_MINE, mine_label), (COLUMN_THEIRS, theirs_label)):
            header_item = table.horizontalHeaderItem(column)
            assert header_item is not None  # the labels above made it
            header_item.setToolTip(tip)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_MINE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COLUMN_THEIRS, QHeaderView.ResizeMode.Stretch)
        table.setColumnWidth(COLUMN_RECORD, 210)
        table.setColumnWidth(COLUMN_WHAT, 190)
        table.setColumnWidth(COLUMN_KEEP, 110)
        self.table = table
        for row, conflict in enumerate(conflicts):
            self._fill_row(row, conflict)
        table.currentCellChanged.connect(lambda row, *_args: self._show(row))

        # The selected conflict in full, and the choice.
        details = QGroupBox(_("Selected conflict"), self)
        grid = QGridLayout(details)
        self.mine_title = QLabel(details)
        self.theirs_title = QLabel(details)
        self.mine_text = QPlainTextEdit(details)
        self.theirs_text = QPlainTextEdit(details)
        for box in (self.mine_text, self.theirs_text):
            box.setReadOnly(True)
            box.setMaximumHeight(90)
            box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
            box.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.keep_mine = QRadioButton(_("Keep &mine"), details)
        self.keep_theirs = QRadioButton(_("Keep &theirs"), details)
        self.keep_edited = QRadioButton(_("&Write the value to keep:"), details)
        self.edit_box = QLineEdit(details)
        self.edit_box.setEnabled(False)
        self.choice = QButtonGroup(self)
        for button in (self.keep_mine, self.keep_theirs, self.keep_edited):
            self.choice.addButton(button)
        self.choice.buttonClicked.connect(lambda _button: self._chosen())
        self.edit_box.textEdited.connect(lambda _text: self._chosen())
        grid.addWidget(self.mine_title, 0, 0)
        grid.addWidget(self.theirs_title, 0, 1)
        grid.addWidget(self.mine_text, 1, 0)
        grid.addWidget(self.theirs_text, 1, 1)
        grid.addWidget(self.keep_mine, 2, 0)
        grid.addWidget(self.keep_theirs, 2, 1)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.keep_edited)
        edit_row.addWidget(self.edit_box, 1)
        grid.addLayout(edit_row, 3, 0, 1, 2)

        all_mine = QPushButton(_("All mine"), self)
        all_theirs = QPushButton(_("All theirs"), self)
        all_mine.clicked.connect(lambda: self._all(Choice.MINE))
        all_theirs.clicked.connect(lambda: self._all(Choice.THEIRS))
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton(
            _("&Apply my choices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        later = buttons.addButton(_("Decide &later"), QDialogButtonBox.ButtonRole.ActionRole)
        later.setToolTip(
            _(
                "Apply every other change now; these stay as they are on both sides until "
                "the next synchronisation."
            )
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.apply_button.clicked.connect(self.accept)
        later.clicked.connect(lambda: self.done(self.LATER))
        buttons.rejected.connect(self.reject)
        quick = QHBoxLayout()
        quick.addWidget(all_mine)
        quick.addWidget(all_theirs)
        quick.addStretch(1)
        quick.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table, 1)
        layout.addWidget(details)
        layout.addLayout(quick)
        self.resize(1000, 600)
        self._update_apply()
        if conflicts:
            table.selectRow(0)
            self._show(0)

    # -- rows ------------------------------------------------------------------------------

    def _value(self, conflict: Conflict, mine: bool) -> str:
        if conflict.field:
            text = conflict.mine if mine else conflict.theirs
            return shown(self.schema, conflict.table, conflict.field, text, self.lookup)
        record = conflict.mine_record if mine else conflict.theirs_record
        return _("Record deleted") if record is None else _("Record kept, with changes")

    def _fill_row(self, row: int, conflict: Conflict) -> None:
        values = conflict.mine_record or conflict.theirs_record
        title = record_title(self.schema, conflict.table, values, self.lookup)
        name = record_name(conflict.table)
        record = _("{record} “{title}”").format(record=name, title=title) if title else name
        cells = (
            record,
            describe(conflict),
            self._with_who(self._value(conflict, True), who(conflict.mine_who)),
            self._with_who(self._value(conflict, False), who(conflict.theirs_who)),
            _("To decide"),
        )
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            self.table.setItem(row, column, item)
        keep = self.table.item(row, COLUMN_KEEP)
        assert keep is not None  # set in the loop above
        keep.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        font = keep.font()
        font.setItalic(True)
        keep.setFont(font)

    @staticmethod
    def _with_who(value: str, by: str) -> str:
        return f"{value}\n{by}" if by else value

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    # -- the selected conflict -------------------------------------------------------------

    def _current(self) -> Conflict | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.conflicts):
            return
        conflict = self.conflicts[row]
        mine_by, theirs_by = who(conflict.mine_who), who(conflict.theirs_who)
        self.mine_title.setText(_("Mine: {who}").format(who=mine_by) if mine_by else _("Mine"))
        self.theirs_title.setText(
            _("Theirs: {who}").format(who=theirs_by) if theirs_by else _("Theirs")
        )
        self.mine_text.setPlainText(self._full(conflict, True))
        self.theirs_text.setPlainText(self._full(conflict, False))
        self.keep_edited.setEnabled(bool(conflict.field))
        key = conflict.conflict_key
        decided = self.decisions.get(key)
        self.choice.setExclusive(False)
        for button in (self.keep_mine, self.keep_theirs, self.keep_edited):
            button.setChecked(False)
        self.choice.setExclusive(True)
        self.edit_box.setText(self.edited.get(key, conflict.mine or ""))
        if decided is not None:
            {
                Choice.MINE: self.keep_mine,
                Choice.THEIRS: self.keep_theirs,
                Choice.EDIT: self.keep_edited,
            }[decided.choice].setChecked(True)
        self.edit_box.setEnabled(decided is not None and decided.choice is Choice.EDIT)

    def _full(self, conflict: Conflict, mine: bool) -> str:
        if conflict.field:
            return self._value(conflict, mine)
        record = conflict.mine_record if mine else conflict.theirs_record
        if record is None:
            return _("Record deleted")
        lines = []
        for name, text in record.items():
            if text not in (None, "") and name not in HIDDEN_FIELDS:
                value = shown(self.schema, conflict.table, name, text, self.lookup)
                lines.append(_("{field}: {value}").format(field=field_name(name), value=value))
        return "\n".join(lines)

    def _chosen(self) -> None:
        conflict = self._current()
        if conflict is None:
            return
        key = conflict.conflict_key
        if self.keep_mine.isChecked():
            decision = Decision(Choice.MINE)
        elif self.keep_theirs.isChecked():
            decision = Decision(Choice.THEIRS)
        elif self.keep_edited.isChecked():
            self.edited[key] = self.edit_box.text()
            decision = Decision(Choice.EDIT, self.edit_box.text())
        else:
            return
        self.edit_box.setEnabled(decision.choice is Choice.EDIT)
        self._decide(self.table.currentRow(), decision)

    def _decide(self, row: int, decision: Decision) -> None:
        conflict = self.conflicts[row]
        self.decisions[conflict.conflict_key] = decision
        words = {
            Choice.MINE: _("Mine"),
            Choice.THEIRS: _("Theirs"),
            Choice.EDIT: _("Written value"),
        }
        item = self.table.item(row, COLUMN_KEEP)
        assert item is not None  # every row has its "keep" cell
        item.setText(words[decision.choice])
        font = item.font()
        font.setItalic(False)
        item.setFont(font)
        self._update_apply()

    def _all(self, choice: Choice) -> None:
        for row in range(len(self.conflicts)):
            self._decide(row, Decision(choice))
        self._show(self.table.currentRow())

    def _update_apply(self) -> None:
        left = len(self.conflicts) - len(self.decisions)
        self.apply_button.setEnabled(left == 0)
        self.apply_button.setToolTip(
            ""
            if left == 0
            else ngettext(
                "{count} conflict still to decide", "{count} conflicts still to decide", left
            ).format(count=left)
        )
