"""Small field widgets of the editors: a multi-line text box that reports when editing ends, a
check box whose sentence wraps, and helpers to fill combo boxes with (value, label) pairs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QMouseEvent
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QWidget


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


class WrappedCheck(QWidget):
    """A check box and its sentence in a label that wraps: a QCheckBox's own text never wraps
    and would widen a narrow editor. Clicking the sentence toggles the box, as it would."""

    def __init__(self, box: QCheckBox, text: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = box
        box.setAccessibleName(text)
        self.label = _ToggleLabel(text, box, parent=self)
        self.setFocusProxy(box)  # a caption's mnemonic reaches the box
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)


class _ToggleLabel(QLabel):
    def __init__(self, text: str, box: QCheckBox, *, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.box = box
        self.setWordWrap(True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.toggle()
        super().mouseReleaseEvent(event)


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
