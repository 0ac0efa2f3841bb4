"""Pages of an editor chosen from one row of section buttons, like tabs.

The action editor has nine sections and sits beside the action list. The buttons stay on one
row at any width (rows of tabs read as a grid of buttons, and push the form down): those that
do not fit go into a "More" menu at the row's end; the sheet can also take the whole width of
the view, where all of them fit. From the keyboard: Alt+1 to Alt+9 open the sections in order
(as browsers' tabs), leaving every Alt+letter to the fields, so Alt+D reaches Description and
no section shares a letter with a field; Ctrl+Tab / Ctrl+Shift+Tab and Ctrl+PgDown /
Ctrl+PgUp step through them, and the arrow keys move between the buttons. The methods mirror
QTabWidget's (addTab, setCurrentIndex, currentWidget...) so callers and tests address sections
as they addressed tabs.

Each page scrolls on its own: its content never widens the editor past the list beside it,
and a long form in a short window scrolls instead of squeezing its fields.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ... import palette
from ...i18n import _

SPACING = 4


class SectionBar(QWidget):
    """One row of section buttons; those past its width are listed in the "More" menu."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons: list[QPushButton] = []
        self.more = QToolButton(self)
        self.more.setObjectName("section_more")
        self.more.setText(_("More"))
        self.more.setToolTip(_("The other sections of the sheet"))
        self.more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.menu = QMenu(self.more)
        self.more.setMenu(self.menu)
        self.more.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def add(self, button: QPushButton) -> None:
        self.buttons.append(button)
        self._arrange()

    def sizeHint(self) -> QSize:
        height = max([b.sizeHint().height() for b in self.buttons] or [24])
        width = sum(b.sizeHint().width() + SPACING for b in self.buttons)
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        first = self.buttons[0].sizeHint().width() if self.buttons else 0
        return QSize(first + SPACING + self.more.sizeHint().width(), self.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def hidden_buttons(self) -> list[QPushButton]:
        return [b for b in self.buttons if b.isHidden()]

    def _arrange(self) -> None:
        """Place what fits; the checked button always shows (before the "More" button)."""
        width, height = self.width(), self.sizeHint().height()
        hints = [b.sizeHint().width() for b in self.buttons]
        everything = sum(hints) + SPACING * max(0, len(hints) - 1)
        fits = everything <= width
        room = width if fits else width - self.more.sizeHint().width() - SPACING
        shown: set[int] = set()
        used = 0
        checked = next((i for i, b in enumerate(self.buttons) if b.isChecked()), 0)
        order = [checked, *(i for i in range(len(self.buttons)) if i != checked)]
        for index in order:
            need = hints[index] + (SPACING if used else 0)
            if used + need <= room or not shown:
                shown.add(index)
                used += need
        x = 0
        for index, button in enumerate(self.buttons):
            visible = index in shown
            button.setVisible(visible)
            if visible:
                button.setGeometry(QRect(x, 0, hints[index], height))
                x += hints[index] + SPACING
        self.menu.clear()
        for index, button in enumerate(self.buttons):
            if index not in shown:
                action = self.menu.addAction(button.text())
                action.setToolTip(button.toolTip())
                action.triggered.connect(button.click)
        self.more.setVisible(len(shown) < len(self.buttons))
        if self.more.isVisible():
            size = self.more.sizeHint()
            self.more.setGeometry(QRect(x, 0, size.width(), height))


def _bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    return [
        keys
        for keys in QKeySequence.keyBindings(key)
        if keys.count() and keys[0].key() not in (Qt.Key.Key_Back, Qt.Key.Key_Forward)  # type: ignore[index]
    ]


class SectionPages(QWidget):
    """A stack of pages and the row of buttons choosing among them."""

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
        self.shortcuts: list[QShortcut] = []  # Alt+1 ... Alt+9
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
            QToolButton#section_more {{
                border: 1px solid transparent; border-radius: 3px; padding: 3px 6px;
                color: {palette.MUTED_INK};
            }}
            QToolButton#section_more:hover, QToolButton#section_more:focus {{
                border-color: {palette.ACCENT};
            }}
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

    def addTab(self, page: QWidget, title: str, description: str = "") -> int:
        """Add a page; the first nine open with Alt+1 to Alt+9. ``description``, the
        section's full name when ``title`` is a short one, shows in its tooltip."""
        scroll = QScrollArea(self.stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        index = self.stack.addWidget(scroll)
        button = QPushButton(title.replace("&", ""), self.bar)
        button.setObjectName(f"section_{index}")
        button.setProperty("section", True)
        button.setCheckable(True)
        button.setAutoExclusive(True)  # arrow keys move between the buttons, as on tabs
        button.setAutoDefault(False)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.group.addButton(button, index)
        self.buttons.append(button)
        if index == 0:
            button.setChecked(True)
        if index < 9:
            keys = QKeySequence(f"Alt+{index + 1}")
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda index=index: self.setCurrentIndex(index))
            self.shortcuts.append(shortcut)
            shortcut_text = keys.toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{description} ({shortcut_text})" if description else shortcut_text)
        self.bar.add(button)
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
        if self.buttons[index].isHidden():
            self.bar._arrange()  # the chosen section takes a place in the row
        if index != self.stack.currentIndex():
            self.stack.setCurrentIndex(index)
            self.currentChanged.emit(index)

    def step(self, step: int) -> None:
        """The next (1) or previous (-1) section, round the end as Ctrl+Tab does on tabs."""
        if self.count():
            self.setCurrentIndex((self.currentIndex() + step) % self.count())
