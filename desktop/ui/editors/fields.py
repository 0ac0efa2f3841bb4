"""Small field widgets of the editors: a multi-line text box that reports when editing ends,
and helpers to fill combo boxes with (value, label) pairs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QPlainTextEdit, QWidget


class TextBox(QPlainTextEdit):
    """A QPlainTextEdit with ``editing_finished`` like QLineEdit's, sent when focus leaves."""

    editing_finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in a form
        self.setMinimumHeight(60)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.document().isModified():
            self.document().setModified(False)
            self.editing_finished.emit()

    def set_text(self, text: str) -> None:
        self.blockSignals(True)
        self.setPlainText(text)
        self.document().setModified(False)
        self.blockSignals(False)


def fill_combo(combo: QComboBox, choices: Sequence[tuple[Any, str]], current: Any) -> None:
    """Replace the items without emitting change signals; select ``current``."""
    combo.blockSignals(True)
    combo.clear()
    for value, text in choices:
        combo.addItem(text, value)
    values = [value for value, _ in choices]
    combo.setCurrentIndex(values.index(current) if current in values else -1)
    combo.blockSignals(False)


def select_value(combo: QComboBox, current: Any) -> None:
    combo.blockSignals(True)
    for index in range(combo.count()):
        if combo.itemData(index) == current:
            combo.setCurrentIndex(index)
            break
    else:
        combo.setCurrentIndex(-1)
    combo.blockSignals(False)
