"""What the record views (COTRI contracts, committees, organisations) share: a list of records
on the left, the chosen record's heading and form on the right, in a splitter; and table
columns at least as wide as their translated header."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QListWidget,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

Part = QWidget | QLayout | tuple[QWidget, int] | int

# Room around a header's text: the sort arrow and the section's margins.
HEADER_PADDING = 28


def record_list(parent: QWidget) -> QListWidget:
    """The list of records: long titles wrap (two lines per record), no side scroll."""
    widget = QListWidget(parent)
    widget.setWordWrap(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setSpacing(2)
    return widget


def heading_label(parent: QWidget) -> QLabel:
    """The chosen record's title above its form."""
    label = QLabel(parent)
    label.setStyleSheet("font-size: 15px; font-weight: 600;")
    return label


def button_row(*buttons: QWidget, align_right: bool = False) -> QHBoxLayout:
    row = QHBoxLayout()
    if align_right:
        row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row


def stacked(
    parent: QWidget,
    parts: Iterable[Part],
    *,
    margins: bool = True,
) -> QWidget:
    """A widget stacking ``parts``: widgets, layouts, (widget, stretch) pairs, or a number of
    pixels of space."""
    widget = QWidget(parent)
    layout = QVBoxLayout(widget)
    if not margins:
        layout.setContentsMargins(0, 0, 0, 0)
    _add(layout, parts)
    return widget


def form_page(parent: QWidget, form: QWidget) -> QWidget:
    """A form at the top of a tab, the free space under it."""
    page = stacked(parent, [form])
    layout = page.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.addStretch(1)
    return page


def split_view(
    view: QWidget,
    left: QWidget,
    right: QWidget,
    *,
    stretch: Sequence[int],
    sizes: Sequence[int] | None = None,
) -> QSplitter:
    """The list beside the record, as the view's only content. ``stretch`` gives each side's
    share of a growing window; ``sizes`` the first widths (the list's first)."""
    splitter = QSplitter(Qt.Orientation.Horizontal, view)
    splitter.addWidget(left)
    splitter.addWidget(right)
    for index, factor in enumerate(stretch):
        if factor:
            splitter.setStretchFactor(index, factor)
    if sizes is not None:
        splitter.setSizes(list(sizes))
    QVBoxLayout(view).addWidget(splitter)
    return splitter


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


def _add(layout: QBoxLayout, parts: Iterable[Part]) -> None:
    for part in parts:
        if isinstance(part, int):
            layout.addSpacing(part)
        elif isinstance(part, tuple):
            layout.addWidget(part[0], part[1])
        elif isinstance(part, QLayout):
            layout.addLayout(part)
        else:
            layout.addWidget(part)
