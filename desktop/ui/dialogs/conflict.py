"""A record changed elsewhere since it was opened: show theirs against yours and let the user
choose. Nothing is overwritten silently.

``resolve_conflict(parent, error, mine)`` returns True for "keep mine" (the caller saves its
values again against the current version) and False for "take theirs" (the caller reloads).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...record_labels import Names, field_label, record_label, value_text
from ...services.changes import ConflictError, entity_name, field_values, to_text


def _shown(entity: str, field: str, value: Any, names: Names) -> str:
    return value_text(entity, field, to_text(value), names)


class ConflictDialog(QDialog):
    """Field by field: the stored ("theirs") value next to the one being saved ("yours")."""

    def __init__(
        self,
        error: ConflictError,
        mine: Mapping[str, Any] | None = None,
        *,
        names: Names | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed elsewhere"))
        self.keep_mine = False
        theirs = field_values(error.entity)
        record = entity_name(error.entity)
        wanted = dict(mine or {})
        fields = [n for n in wanted if n in theirs] or list(theirs)

        intro = QLabel(
            _(
                "Someone else saved this {record} after you opened it (their version {current}, "
                "yours {expected}). Choose which values to keep."
            ).format(
                record=record_label(record).lower(),
                current=error.entity.version,
                expected=error.expected_version,
            )
        )
        intro.setWordWrap(True)

        table = QTableWidget(len(fields), 3, self)
        table.setHorizontalHeaderLabels([_("Field"), _("Theirs (saved)"), _("Yours")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        lookup: Names = names or (lambda _table, _id: None)
        for row, name in enumerate(fields):
            theirs_text = _shown(record, name, theirs.get(name), lookup)
            mine_text = (
                _shown(record, name, wanted[name], lookup) if name in wanted else (theirs_text)
            )
            field = field_label(name)
            cells = (field, theirs_text, mine_text)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column and theirs_text != mine_text:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(row, column, item)
        self.table = table

        buttons = QDialogButtonBox(self)
        self.keep_button = buttons.addButton(
            _("&Keep mine"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.theirs_button = buttons.addButton(
            _("&Take theirs"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.theirs_button.setDefault(True)  # the safe choice: nothing of theirs is lost
        self.keep_button.clicked.connect(self._keep)
        self.theirs_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(680, 340)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Row heights once the columns have their real widths: long values wrap, short stay.
        self.table.resizeRowsToContents()

    def _keep(self) -> None:
        self.keep_mine = True
        self.accept()


def resolve_conflict(
    parent: QWidget | None,
    error: ConflictError,
    mine: Mapping[str, Any] | None = None,
    names: Names | None = None,
) -> bool:
    """Ask the user; True means "keep mine", False "take theirs". ``names`` gives the names
    of referenced records (a section, an organisation) instead of their numbers."""
    dialog = ConflictDialog(error, mine, names=names, parent=parent)
    dialog.exec()
    return dialog.keep_mine
