"""Table columns sized for translated text without reading every row: at least as wide as
their header (French and Dutch run longer than English), and one column filling the free width
down to a floor, past which the table scrolls sideways rather than squeezing names to "…"."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QTableView

# Room around a header's text: the sort arrow and the section's margins.
HEADER_PADDING = 28


def fit_columns_to_headers(
    table: QTableView, widths: dict[int, int], *, at_least: dict[int, int] | None = None
) -> None:
    """Each column at its usual width, or wider when its translated header needs it (French
    and Dutch headers run longer than English ones), or than ``at_least`` gives for it (the
    widest status chip...). Fixed widths, not resizeToContents, which would read every row."""
    header = table.horizontalHeader()
    model = table.model()
    # Measured in the header's weight: the application's style sheet sets it semi-bold.
    font = QFont(header.font())
    font.setWeight(QFont.Weight.DemiBold)
    metrics = QFontMetrics(font)
    for index, width in widths.items():
        title = str(model.headerData(index, Qt.Orientation.Horizontal) or "")
        needed = max(
            metrics.horizontalAdvance(title) + HEADER_PADDING, (at_least or {}).get(index, 0)
        )
        table.setColumnWidth(index, max(width, needed))


class _FillWithFloor(QObject):
    """Keeps one column filling the table's free width, but never narrower than ``floor``:
    past that the table scrolls sideways instead of squeezing the names to "…"."""

    def __init__(self, table: QTableView, column: int, floor: int) -> None:
        super().__init__(table)
        self.table, self.column, self.floor = table, column, floor
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._other_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _other_resized(self, index: int, _old: int, _new: int) -> None:
        if index != self.column:
            self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(header.count()) if i != self.column)
        free = self.table.viewport().width() - others
        self.table.setColumnWidth(self.column, max(self.floor, free))


def fill_with_floor(table: QTableView, column: int, floor: int) -> None:
    """``column`` takes the free width, at least ``floor`` pixels (Stretch has no floor)."""
    table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
    _FillWithFloor(table, column, floor).fit()
