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

from ...i18n import N_, _
from ...services.changes import ConflictError, entity_name, field_values, to_text

# What users call the records and fields the dialog may show; any other field shows its name.
RECORD_NAMES = {
    "action": N_("action"),
    "budget_line": N_("budget line"),
    "funding": N_("funding"),
    "impact": N_("impact"),
    "indicator": N_("indicator"),
    "observation": N_("value"),
    "target": N_("target"),
    "contract": N_("contract"),
    "meeting": N_("committee"),
    "organisation": N_("organisation"),
    "territory": N_("territory"),
    "plan": N_("plan"),
    "section": N_("section"),
}
FIELD_NAMES = {
    "code": N_("Code"),
    "title": N_("Title"),
    "name": N_("Name"),
    "description": N_("Description"),
    "status": N_("Status"),
    "priority": N_("Priority"),
    "progress_percent": N_("Progress (%)"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "section_id": N_("Section"),
    "lead_organisation_id": N_("Lead organisation"),
    "lead_service": N_("Lead service"),
    "lead_person": N_("Lead person"),
    "elected_referent": N_("Elected referent"),
    "calendar_text": N_("Calendar"),
    "budget_text": N_("Budget (as written)"),
    "amount": N_("Amount"),
    "unit": N_("Unit"),
    "currency": N_("Currency"),
    "state": N_("State"),
    "year": N_("Year"),
    "value": N_("Value"),
    "kind": N_("Kind"),
    "source": N_("Source"),
    "comment": N_("Comment"),
    "notes": N_("Notes"),
    "held_on": N_("Date"),
    "siren": N_("SIREN"),
    "acronym": N_("Acronym"),
}


def _shown(value: Any) -> str:
    text = to_text(value)
    return "" if text is None else text


class ConflictDialog(QDialog):
    """Field by field: the stored ("theirs") value next to the one being saved ("yours")."""

    def __init__(
        self,
        error: ConflictError,
        mine: Mapping[str, Any] | None = None,
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Changed elsewhere"))
        self.keep_mine = False
        theirs = field_values(error.entity)
        record = entity_name(error.entity)
        wanted = dict(mine or {})
        names = [n for n in wanted if n in theirs] or list(theirs)

        intro = QLabel(
            _(
                "Someone else saved this {record} after you opened it (their version {current}, "
                "yours {expected}). Choose which values to keep."
            ).format(
                record=_(RECORD_NAMES[record]) if record in RECORD_NAMES else record,
                current=error.entity.version,
                expected=error.expected_version,
            )
        )
        intro.setWordWrap(True)

        table = QTableWidget(len(names), 3, self)
        table.setHorizontalHeaderLabels([_("Field"), _("Theirs (saved)"), _("Yours")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.setWordWrap(True)
        for row, name in enumerate(names):
            theirs_text = _shown(theirs.get(name))
            mine_text = _shown(wanted[name]) if name in wanted else theirs_text
            field = _(FIELD_NAMES[name]) if name in FIELD_NAMES else name
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
    parent: QWidget | None, error: ConflictError, mine: Mapping[str, Any] | None = None
) -> bool:
    """Ask the user; True means "keep mine", False "take theirs"."""
    dialog = ConflictDialog(error, mine, parent=parent)
    dialog.exec()
    return dialog.keep_mine
