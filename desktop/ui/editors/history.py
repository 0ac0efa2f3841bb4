"""The history tab of a record: its change log and that of its children, newest first, in
words a user reads ("Changed", "Budget line", "Title") rather than table and column names."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlmodel import col, or_, select

from ...i18n import N_, _, format_date
from ...models import ChangeKind, ChangeLog
from ..context import AppContext

HISTORY_LIMIT = 500  # the newest entries; the rest stays in the store and the exports

KINDS = {
    ChangeKind.CREATE: N_("Created"),
    ChangeKind.UPDATE: N_("Changed"),
    ChangeKind.DELETE: N_("Deleted"),
}
RECORDS = {
    "action": N_("Action"),
    "action_partner": N_("Partner"),
    "action_link": N_("Link"),
    "action_factor": N_("Barrier or lever"),
    "action_note": N_("Note"),
    "action_document": N_("Document"),
    "action_tag": N_("Tag"),
    "action_framework_link": N_("Framework reference"),
    "action_indicator": N_("Indicator"),
    "budget_line": N_("Budget line"),
    "funding": N_("Funding"),
    "impact": N_("Impact"),
}
FIELDS = {
    "code": N_("Code"),
    "title": N_("Title"),
    "description": N_("Description"),
    "section_id": N_("Section"),
    "parent_id": N_("Sub-action of"),
    "status": N_("Status"),
    "priority": N_("Priority"),
    "progress_percent": N_("Progress (%)"),
    "lead_organisation_id": N_("Lead organisation"),
    "lead_service": N_("Lead service"),
    "lead_person": N_("Lead person"),
    "elected_referent": N_("Elected referent"),
    "participation": N_("Participation"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "calendar_text": N_("Calendar as written"),
    "budget_text": N_("Budget as written"),
    "recurring": N_("Recurring"),
    "confidential": N_("Confidential"),
    "amount": N_("Amount"),
    "unit": N_("Unit"),
    "state": N_("State"),
    "year": N_("Year"),
    "currency": N_("Currency"),
    "rate_percent": N_("Rate %"),
    "label": N_("Label"),
    "text": N_("As written"),
    "note": N_("Note"),
    "role": N_("Role"),
    "kind": N_("Kind"),
}


def describe(entry: ChangeLog) -> str:
    """ "Changed Budget line: Amount" from an entry of the change log."""
    record = _(RECORDS[entry.entity]) if entry.entity in RECORDS else entry.entity
    what = _(KINDS[entry.kind]) if entry.kind in KINDS else str(entry.kind)
    if not entry.field:
        return _("{what} {record}").format(what=what, record=record.lower())
    field = _(FIELDS[entry.field]) if entry.field in FIELDS else entry.field
    return _("{what} {record}: {field}").format(what=what, record=record.lower(), field=field)


class HistoryTable(QTableWidget):
    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(0, 5, parent)
        self.context = context
        self.setHorizontalHeaderLabels([_("When"), _("Who"), _("What"), _("Before"), _("After")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 80, 230, 160)):
            self.setColumnWidth(column, width)

    def load(self, uuid: str | None) -> None:
        entries: list[ChangeLog] = []
        if uuid is not None:
            with self.context.store.session() as session:
                entries = list(
                    session.exec(
                        select(ChangeLog)
                        .where(
                            or_(
                                col(ChangeLog.entity_uuid) == uuid,
                                col(ChangeLog.parent_uuid) == uuid,
                            )
                        )
                        .order_by(col(ChangeLog.at).desc(), col(ChangeLog.id).desc())
                        .limit(HISTORY_LIMIT)
                    )
                )
        from ...services.sync.lookup import copy_names, made_by

        self.setRowCount(len(entries))
        # An entry made on another copy of the store says on which.
        copies = copy_names(self.context.store) if any(e.origin for e in entries) else {}
        for row, entry in enumerate(entries):
            at = entry.at.astimezone()  # stored in UTC, read in the user's time zone
            cells = (
                _("{date} {time}").format(
                    date=format_date(at, fmt="short"), time=at.strftime("%H:%M")
                ),
                made_by(entry.user or entry.source, entry.origin, copies),
                describe(entry),
                entry.old_value or "",
                entry.new_value or "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text[:300])
                item.setToolTip(text[:2000])
                self.setItem(row, column, item)
