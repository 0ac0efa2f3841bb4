"""What the record views (COTRI contracts, committees, organisations) share: a list of records
on the left, the chosen record's heading and form on the right, in a splitter."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

Part = QWidget | QLayout | tuple[QWidget, int] | int
LIST_MIN_WIDTH = 190


def record_list(parent: QWidget) -> QListWidget:
    """The list of records: long titles wrap (two lines per record), no side scroll."""
    widget = QListWidget(parent)
    widget.setWordWrap(True)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setSpacing(2)
    # Narrower, titles wrap a word a line and read as garbled: the record beside it gives way.
    widget.setMinimumWidth(LIST_MIN_WIDTH)
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
