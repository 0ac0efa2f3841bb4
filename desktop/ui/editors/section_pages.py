"""Pages of an editor chosen from a bar of section buttons that wraps onto several rows.

The action editor has nine sections and sits beside the action list: a tab bar there hides
half of them behind scroll arrows in French or Dutch. Here every section stays in sight at any
width, as tab-like buttons flowing onto a second or third row, with what tabs offer from the
keyboard: Alt+the underlined letter, Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PgDown / Ctrl+PgUp, and
the arrow keys between the buttons. The methods mirror QTabWidget's (addTab, setCurrentIndex,
currentWidget...) so callers and tests address sections as they addressed tabs.

Each page scrolls on its own: its content never widens the editor past the list beside it,
and a long form in a short window scrolls instead of squeezing its fields.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ... import palette

SPACING = 4


class FlowLayout(QLayout):
    """Items left to right, continued on the next row when the width runs out (like words)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        # As narrow as the widest item: the rest wraps.
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items (when ``move``) and return the height they need."""
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x > rect.x() and x + hint.width() > rect.right() + 1:
                x, y, row_height = rect.x(), y + row_height + SPACING, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + SPACING
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


class SectionBar(QWidget):
    """The row(s) of section buttons; reports its height for its width, so it wraps."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)


def _bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    return [
        keys
        for keys in QKeySequence.keyBindings(key)
        if keys.count() and keys[0].key() not in (Qt.Key.Key_Back, Qt.Key.Key_Forward)  # type: ignore[index]
    ]


class SectionPages(QWidget):
    """A stack of pages and the wrapping bar of buttons choosing among them."""

    currentChanged = Signal(int)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("section_pages")
        self.bar = SectionBar(parent=self)
        self.bar.setObjectName("section_bar")
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("section_stack")
        self.stack.setFrameShape(QFrame.Shape.StyledPanel)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.idClicked.connect(self.setCurrentIndex)
        self.buttons: list[QPushButton] = []
        self.setStyleSheet(
            f"""
            QPushButton[section="true"] {{
                background: transparent; border: 1px solid transparent; border-radius: 3px;
                padding: 3px 9px; color: {palette.MUTED_INK};
            }}
            QPushButton[section="true"]:hover {{ border-color: {palette.GRID}; }}
            QPushButton[section="true"]:focus {{ border-color: {palette.ACCENT}; }}
            QPushButton[section="true"]:checked {{
                background: {palette.BACKGROUND}; color: {palette.INK};
                border-color: {palette.GRID}; border-bottom: 2px solid {palette.ACCENT};
            }}
            #section_stack {{ border: 1px solid {palette.GRID}; background: {palette.BACKGROUND}; }}
            """
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.bar)
        layout.addWidget(self.stack, 1)
        # The keys of tab widgets, for the whole editor (not only when a button has focus).
        # Ctrl+Tab and Ctrl+Shift+Tab as the platform spells them (and Ctrl+F6 on some); not
        # the Back and Forward keys, which the platform also lists but mean other things.
        keys_and_steps = [
            *((keys, 1) for keys in _bindings(QKeySequence.StandardKey.NextChild)),
            *((keys, -1) for keys in _bindings(QKeySequence.StandardKey.PreviousChild)),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageDown), 1),
            (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_PageUp), -1),
        ]
        for keys, step in keys_and_steps:
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self.step(step))

    # -- QTabWidget's interface -----------------------------------------------------------------

    def addTab(self, page: QWidget, title: str) -> int:
        """Add a page; "&" in ``title`` underlines the letter that opens it with Alt."""
        scroll = QScrollArea(self.stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        index = self.stack.addWidget(scroll)
        button = QPushButton(title, self.bar)
        button.setObjectName(f"section_{index}")
        button.setProperty("section", True)
        button.setCheckable(True)
        button.setAutoExclusive(True)  # arrow keys move between the buttons, as on tabs
        button.setAutoDefault(False)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.group.addButton(button, index)
        self.bar.flow.addWidget(button)
        self.buttons.append(button)
        if index == 0:
            button.setChecked(True)
        return index

    def count(self) -> int:
        return self.stack.count()

    def currentIndex(self) -> int:
        return self.stack.currentIndex()

    def currentWidget(self) -> QWidget:
        return self.widget(self.currentIndex())

    def widget(self, index: int) -> QWidget:
        """The page added at ``index`` (not the scroll area holding it)."""
        scroll = self.stack.widget(index)
        assert isinstance(scroll, QScrollArea)
        page = scroll.widget()
        assert page is not None
        return page

    def indexOf(self, page: QWidget) -> int:
        return next((i for i in range(self.count()) if self.widget(i) is page), -1)

    def tabText(self, index: int) -> str:
        return self.buttons[index].text()

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(page))

    def setCurrentIndex(self, index: int) -> None:
        if not 0 <= index < self.count():
            return
        self.buttons[index].setChecked(True)
        if index != self.stack.currentIndex():
            self.stack.setCurrentIndex(index)
            self.currentChanged.emit(index)

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) section, round the end as Ctrl+Tab does on tabs."""
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
