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

from ...i18n import N_, _, format_date
from ...models import ChangeKind, ChangeLog
from ...record_labels import Names, field_label, record_label, snapshot_text, value_text
from ...services.queries.history import record_history
from ..context import AppContext
from .record_names import record_names

HISTORY_LIMIT = 500  # the newest entries; the rest stays in the store and the exports

KINDS = {
    ChangeKind.CREATE: N_("Created"),
    ChangeKind.UPDATE: N_("Changed"),
    ChangeKind.DELETE: N_("Deleted"),
}


def describe(entry: ChangeLog) -> str:
    """ "Changed Budget line: Amount" from an entry of the change log."""
    record = record_label(entry.entity)
    what = _(KINDS[entry.kind]) if entry.kind in KINDS else str(entry.kind)
    if not entry.field:
        return _("{what} {record}").format(what=what, record=record.lower())
    field = field_label(entry.field)
    return _("{what} {record}: {field}").format(what=what, record=record.lower(), field=field)


def values_of(entry: ChangeLog, names: Names) -> tuple[tuple[str, str], tuple[str, str]]:
    """(before, tooltip), (after, tooltip) as the user reads them: translated words, dates
    and numbers of the user's language, names of referenced records."""
    if entry.kind == ChangeKind.CREATE:
        return ("", ""), snapshot_text(entry.entity, entry.new_value, names)
    if entry.kind == ChangeKind.DELETE:
        return snapshot_text(entry.entity, entry.old_value, names), ("", "")
    before = value_text(entry.entity, entry.field, entry.old_value, names)
    after = value_text(entry.entity, entry.field, entry.new_value, names)
    return (before, before), (after, after)


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
        for column, width in enumerate((125, 80, 230, 160)):
            self.setColumnWidth(column, width)

    def load(self, uuid: str | None) -> None:
        entries: list[ChangeLog] = []
        if uuid is not None:
            with self.context.store.session() as session:
                entries = record_history(session, uuid, HISTORY_LIMIT)
        from ...services.sync.lookup import copy_names, made_by

        self.setRowCount(len(entries))
        names = record_names(self.context.store)
        # An entry made on another copy of the store says on which.
        copies = copy_names(self.context.store) if any(e.origin for e in entries) else {}
        for row, entry in enumerate(entries):
            at = entry.at.astimezone()  # stored in UTC, read in the user's time zone
            what = describe(entry)
            before, after = values_of(entry, names)
            cells = (
                (
                    _("{date} {time}").format(
                        date=format_date(at.date(), fmt="short"), time=at.strftime("%H:%M")
                    ),
                )
                * 2,
                (made_by(entry.user or entry.source, entry.origin, copies),) * 2,
                (what, what),
                before,
                after,
            )
            for column, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text[:300])
                item.setToolTip(tip[:2000])
                self.setItem(row, column, item)
