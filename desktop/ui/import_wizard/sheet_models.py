"""Table models of the import wizard: the rows of a sheet (header detection and preview, with
rejected cells marked and their reason in the tooltip) and the list of rejections.

Both read the sheet's rows in place: a 100,000-row sheet is shown without copying it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ... import palette
from ...i18n import _, format_number
from ...io.layout import column_letter
from ...io.parsing import clean_text
from ...io.summary import Rejection

Index = QModelIndex | QPersistentModelIndex
REJECTED_FILL = "#fde2d6"  # a pale tint of palette.OFF_TRACK, readable under INK text
HEADER_FILL = "#d6e9f0"
MAX_CELL_TEXT = 200  # long descriptions are cut in the table; the tooltip has them whole
ROW_NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1


def cell_text(value: Any) -> str:
    text = clean_text(value)
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT] + "…"


class SheetRowsModel(QAbstractTableModel):
    """Rows ``first``.. of a sheet. Cells listed in ``marks`` ((row index, column) -> reasons)
    are tinted; a row listed with column -1 is tinted whole. ``highlight`` is the row shown as
    the header."""

    def __init__(
        self,
        rows: list[list[Any]],
        *,
        first: int = 0,
        limit: int | None = None,
        names: list[str] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._rows = rows
        self._first = first
        self._limit = limit
        self._names = names
        self._width = max((len(r) for r in rows), default=0)
        self._shown: list[int] = self._all_rows()
        self.marks: dict[tuple[int, int], list[str]] = {}
        self.highlight: int | None = None

    def _all_rows(self) -> list[int]:
        end = (
            len(self._rows)
            if self._limit is None
            else min(len(self._rows), self._first + self._limit)
        )
        return list(range(self._first, end))

    # The structure -------------------------------------------------------------------------
    def set_marks(self, marks: dict[tuple[int, int], list[str]]) -> None:
        self.beginResetModel()
        self.marks = marks
        self.endResetModel()

    def set_highlight(self, row: int | None) -> None:
        self.highlight = row
        if self._shown:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._shown) - 1, max(0, self._width - 1))
            )

    def show_only_marked(self, only: bool) -> None:
        self.beginResetModel()
        if only:
            marked = {row for row, _col in self.marks}
            self._shown = [r for r in self._all_rows() if r in marked]
        else:
            self._shown = self._all_rows()
        self.endResetModel()

    def sheet_row(self, view_row: int) -> int:
        """The 0-based index in the sheet of a row of the table."""
        return self._shown[view_row]

    def view_row(self, sheet_row: int) -> int | None:
        try:
            return self._shown.index(sheet_row)
        except ValueError:
            return None

    # QAbstractTableModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        sheet_row = self._shown[index.row()]
        col = index.column()
        row = self._rows[sheet_row]
        value = row[col] if col < len(row) else ""
        reasons = self.marks.get((sheet_row, col)) or self.marks.get((sheet_row, -1))
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value)
        if role == Qt.ItemDataRole.ToolTipRole:
            if reasons:
                return "\n".join(reasons)
            text = clean_text(value)
            return text if len(text) > MAX_CELL_TEXT else None
        if role == Qt.ItemDataRole.BackgroundRole:
            if reasons:
                return QBrush(QColor(REJECTED_FILL))
            if sheet_row == self.highlight:
                return QBrush(QColor(HEADER_FILL))
            return None
        if role == Qt.ItemDataRole.ForegroundRole and reasons:
            return QBrush(QColor(palette.INK))
        if role == Qt.ItemDataRole.FontRole and sheet_row == self.highlight:
            font = QFont()
            font.setBold(True)
            return font
        if role == ROW_NUMBER_ROLE:
            return sheet_row + 1
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            # The row number the spreadsheet shows, so the user finds the cell in the file.
            if role == Qt.ItemDataRole.ToolTipRole:
                return None
            return str(self._shown[section] + 1) if section < len(self._shown) else None
        letter = column_letter(section)
        if self._names is not None and section < len(self._names):
            name = self._names[section]
            if role == Qt.ItemDataRole.DisplayRole:
                # On one line, so that a narrow column shortens it with "…" (a header written
                # on two lines in the file was cut on both sides instead).
                name = " ".join(name.split())
            return _("{letter}: {name}").format(letter=letter, name=name)
        return letter


class RejectionsModel(QAbstractTableModel):
    """Every rejection of a dry run: row, column, value and reason."""

    COLUMNS = ("row", "column", "value", "reason")

    def __init__(self, rejections: list[Rejection], parent: Any = None) -> None:
        super().__init__(parent)
        self.rejections = rejections

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rejections)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        rejection = self.rejections[index.row()]
        key = self.COLUMNS[index.column()]
        if key == "row":
            return format_number(rejection.row)
        if key == "column":
            return rejection.column
        if key == "value":
            return cell_text(rejection.value)
        return rejection.reason

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (_("Row"), _("Column"), _("Value"), _("Reason"))[section]


def rejection_marks(
    rejections: list[Rejection], names: list[str], sheet: str
) -> dict[tuple[int, int], list[str]]:
    """Where each rejection falls in the sheet: (0-based row, column index), the column found
    by its header or its letter; a rejection of the whole row (an unknown territory) gets
    column -1."""
    columns: dict[str, int] = {}
    for col, name in enumerate(names):
        columns.setdefault(name, col)
        columns.setdefault(column_letter(col), col)
    marks: dict[tuple[int, int], list[str]] = {}
    for rejection in rejections:
        if rejection.sheet != sheet:
            continue
        col = columns.get(rejection.column, -1)
        marks.setdefault((rejection.row - 1, col), []).append(rejection.reason)
    return marks
