"""The action list model: ids in display order, row details fetched by page as they show.

Sorting and filters run in SQL (``services.action_rows.ordered_ids``), the search in memory
(``SearchIndex``); the model keeps the ordered ids and a bounded cache of row objects, so its
memory follows the rows on screen, not the size of the plan (Anki's browser table does the
same). Rows are exposed in batches through ``canFetchMore`` / ``fetchMore``.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import date
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ... import palette
from ...i18n import _, current_locale, format_currency, format_date, format_percent
from ...labels import label
from ...models.enums import DatePrecision
from ...services import action_rows
from ...services.action_rows import ActionFilter, ActionRow, SearchIndex
from ...services.dates import format_partial
from ...store import Store

CODE, TITLE, SECTION, LEAD, STATUS, PRIORITY, START, END, BUDGET, PROGRESS = range(10)
COLUMN_KEYS = action_rows.SORT_KEYS  # same order as the column constants

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ActionRow
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a comparable value
ID_ROLE = Qt.ItemDataRole.UserRole + 3  # the action id

BATCH = 200  # rows exposed per fetchMore
CACHE_LIMIT = 600  # row objects kept at most (a few screens)
# Rows read around a missing one: about two screens, scrolling either way.
PAGE_BEFORE, PAGE_AFTER = 15, 45

_Index = QModelIndex | QPersistentModelIndex
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
        ROW_ROLE,
        SORT_ROLE,
        ID_ROLE,
    }
)


def _headers() -> list[str]:
    return [
        _("Code"),
        _("Title"),
        _("Section"),
        _("Lead"),
        _("Status"),
        _("Priority"),
        _("Start"),
        _("End"),
        _("Budget"),
        _("Progress"),
    ]


@lru_cache(maxsize=4096)
def _short_date(
    value: date | None, locale: str, precision: DatePrecision = DatePrecision.DAY
) -> str:
    """Dates repeat across rows (quarter starts, year ends): Babel formats each once. A date
    the plan writes as a season, a month or a year is shown so ("été 2018", "2018")."""
    if precision != DatePrecision.DAY:
        return format_partial(value, precision)
    return format_date(value, fmt="short")


@lru_cache(maxsize=512)
def _percent(value: int, locale: str) -> str:
    return format_percent(value / 100)


def budget_text(row: ActionRow) -> str:
    parts = [format_currency(amount, unit) for unit, amount in sorted(row.budget.items())]
    parts.extend(label(state) for state in dict.fromkeys(row.budget_states))
    return " · ".join(parts)


class ActionTableModel(QAbstractTableModel):
    def __init__(self, store: Store, *, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = ActionFilter()
        self.search_text = ""
        self.sort_column = CODE
        self.descending = False
        self._all_ids: list[int] = []  # filtered and sorted, before the search
        self._ids: list[int] = []  # what the table shows, in order
        self._exposed = 0  # rows exposed to the view so far (lazy fetch)
        self._cache: OrderedDict[int, ActionRow] = OrderedDict()
        # Display texts by action id, with the row object they were made from.
        self._texts: dict[int, tuple[ActionRow, list[str]]] = {}
        self._index: SearchIndex | None = None
        self._today = date.today()
        self._loaded = False  # no query before the first filter is set

    # -- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        """Query ids again (after a filter, a sort, or a change elsewhere)."""
        self._loaded = True
        with self.store.session() as session:
            self._all_ids = action_rows.ordered_ids(
                session,
                self.filter,
                sort_key=COLUMN_KEYS[self.sort_column],
                descending=self.descending,
                today=self._today,
            )
            if self.search_text and self._index is None:
                self._index = SearchIndex.build(session, self.filter.plan_id)
        self._apply_search()

    def invalidate(self) -> None:
        """The store changed: requery; when the same rows stay in the same order (an edit of
        a field), the view gets dataChanged instead of a reset, keeping scroll and selection."""
        self._index = None
        self._cache.clear()
        self._texts.clear()
        before = self._ids
        with self.store.session() as session:
            self._all_ids = action_rows.ordered_ids(
                session,
                self.filter,
                sort_key=COLUMN_KEYS[self.sort_column],
                descending=self.descending,
                today=self._today,
            )
            if self.search_text:
                self._index = SearchIndex.build(session, self.filter.plan_id)
        ids = self._all_ids
        if self.search_text and self._index is not None:
            ids = self._index.matching(self.search_text, ids)
        if ids == before:
            if self._exposed:
                self.dataChanged.emit(self.index(0, 0), self.index(self._exposed - 1, PROGRESS))
            return
        self.beginResetModel()
        self._ids = ids
        self._exposed = min(max(BATCH, self._exposed), len(ids))
        self.endResetModel()

    def set_filter(self, flt: ActionFilter) -> None:
        if flt.plan_id != self.filter.plan_id:
            self._index = None
        self.filter = flt
        self.reload()

    def set_search(self, text: str) -> None:
        self.search_text = text
        if text and self._index is None:
            with self.store.session() as session:
                self._index = SearchIndex.build(session, self.filter.plan_id)
        self._apply_search()

    def _apply_search(self) -> None:
        ids = self._all_ids
        if self.search_text and self._index is not None:
            ids = self._index.matching(self.search_text, ids)
        self.beginResetModel()
        self._ids = ids
        self._exposed = min(BATCH, len(ids))
        self.endResetModel()

    def refresh_rows(self, ids: list[int]) -> None:
        """Reload some rows in place (an edit) and tell the view with dataChanged."""
        with self.store.session() as session:
            fresh = action_rows.fetch_rows(session, ids, today=self._today)
        positions = {action_id: row for row, action_id in enumerate(self._ids[: self._exposed])}
        for action_id in ids:
            if action_id in fresh:
                self._cache[action_id] = fresh[action_id]
            if action_id in positions:
                row = positions[action_id]
                self.dataChanged.emit(self.index(row, 0), self.index(row, PROGRESS))

    # -- lazy fetch -------------------------------------------------------------------------

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._exposed < len(self._ids)

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = min(BATCH, len(self._ids) - self._exposed)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._exposed, self._exposed + more - 1)
        self._exposed += more
        self.endInsertRows()

    def _row(self, position: int) -> ActionRow | None:
        action_id = self._ids[position]
        row = self._cache.get(action_id)
        if row is not None:
            self._cache.move_to_end(action_id)
            return row
        # One query for the page around the requested row (the view paints by screens).
        start = max(0, position - PAGE_BEFORE)
        page = [i for i in self._ids[start : position + PAGE_AFTER] if i not in self._cache]
        with self.store.session() as session:
            fetched = action_rows.fetch_rows(session, page, today=self._today)
        self._cache.update(fetched)
        while len(self._cache) > CACHE_LIMIT:
            dropped, _old = self._cache.popitem(last=False)
            self._texts.pop(dropped, None)
        return self._cache.get(action_id)

    # -- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._exposed

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def total_count(self) -> int:
        """Rows the list holds (sub-actions included), not the plan's count of actions."""
        return len(self._ids)

    def shown_ids(self) -> list[int]:
        """The ids of every row the filter and the search keep, in the list's order."""
        return list(self._ids)

    @property
    def today(self) -> date:
        """The day lateness is judged on."""
        return self._today

    def cached_rows(self) -> int:
        return len(self._cache)

    def action_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, action_id: int) -> int | None:
        """The row showing ``action_id``, fetching more rows if needed; None if filtered out."""
        try:
            position = self._ids.index(action_id)
        except ValueError:
            return None
        while position >= self._exposed:
            self.fetchMore()
        return position

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def prepare_search(self) -> None:
        """Build the search index ahead of the first keystroke (called when idle)."""
        if self._index is None:
            with self.store.session() as session:
                self._index = SearchIndex.build(session, self.filter.plan_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell and repaint: answer the others at once.
        if role not in _ROLES or not index.isValid() or index.row() >= self._exposed:
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            # Formatted once per row (Babel is slow next to a repaint), until the row reloads.
            texts = self._texts.get(row.id)
            if texts is None or texts[0] is not row:
                texts = (row, [self._display(row, c) for c in range(len(COLUMN_KEYS))])
                self._texts[row.id] = texts
            return texts[1][column]
        if role == SORT_ROLE:
            return self._sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == END and row.late:
            return _("Late: the end date has passed and the action is not closed.")
        if role == Qt.ItemDataRole.ToolTipRole and column in (TITLE, LEAD, BUDGET, SECTION):
            return {
                TITLE: row.title,
                LEAD: row.lead_name,
                BUDGET: budget_text(row),
                SECTION: f"{row.section_code} {row.section_title}".strip(),
            }[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == END and row.late:
            return QColor(palette.OFF_TRACK)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (BUDGET, PROGRESS):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def _display(self, row: ActionRow, column: int) -> str:
        if column == CODE:
            return row.code
        if column == TITLE:
            return row.title
        if column == SECTION:
            return row.section_code or row.section_title
        if column == LEAD:
            return row.lead_name
        if column == STATUS:
            return label(row.status)
        if column == PRIORITY:
            return label(row.priority) if row.priority is not None else ""
        if column == START:
            return _short_date(row.start_date, current_locale(), row.start_precision)
        if column == END:
            text = _short_date(row.end_date, current_locale(), row.end_precision)
            # A sign as well as the colour: lateness must not be told by colour alone.
            return _("⚠ {date}").format(date=text) if row.late and text else text
        if column == BUDGET:
            return budget_text(row)
        if column == PROGRESS:
            return _percent(row.progress, current_locale()) if row.progress is not None else ""
        return ""

    def _sort_value(self, row: ActionRow, column: int) -> Any:
        values: list[Any] = [
            row.code,
            row.title.casefold(),
            row.section_code,
            row.lead_name.casefold(),
            row.status.value,
            row.priority.value if row.priority else "",
            row.start_date.isoformat() if row.start_date else "",
            row.end_date.isoformat() if row.end_date else "",
            float(sum(row.budget.values())),
            row.progress if row.progress is not None else -1,
        ]
        return values[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorted in SQL: the view keeps its lazy fetch and the sort covers every row."""
        descending = order == Qt.SortOrder.DescendingOrder
        changed = (column, descending) != (self.sort_column, self.descending)
        self.sort_column, self.descending = column, descending
        # The view sorts when sorting is enabled and when the indicator is set: before the
        # first filter is applied, or in the same order, that would be a wasted 10,000-row query.
        if self._loaded and changed:
            self.reload()
