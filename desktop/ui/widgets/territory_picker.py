"""Choose a territory of the store by typing part of its name, its short name ("CA du
Boulonnais"), its SIREN or the INSEE code of one of its communes: a search field narrows the
list beside it. Its value is the key imports and profiles use (SIREN, else UUID)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from ...i18n import _
from ...services.territories import search_territories, territory_key
from ...services.text import short_name
from ...store import Store
from .eliding_combo import ElidingComboBox


class TerritoryPicker(QWidget):
    """A search field and the list of matching territories; ``none_text``, when given, is a
    first entry standing for no territory (its key is None)."""

    changed = Signal()

    def __init__(
        self, store: Store, *, none_text: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.none_text = none_text
        self.search = QLineEdit(self)
        self.search.setObjectName("territory_search")
        self.search.setPlaceholderText(_("Search: name, SIREN or INSEE code"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.combo = ElidingComboBox(self)
        self.combo.setObjectName("territory_choice")
        self.combo.setAccessibleName(_("Territory"))
        self.combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.search.returnPressed.connect(lambda: self.combo.setFocus())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 2)
        layout.addWidget(self.combo, 3)
        self.setFocusProxy(self.search)
        self._filter("")

    def key(self) -> str | None:
        data = self.combo.currentData()
        return str(data) if data else None

    def set_key(self, key: str | None) -> bool:
        """Show the territory of ``key`` (clearing the search if it hides it); False if the
        store has none of that key."""
        index = self.combo.findData(key) if key else -1
        if key and index < 0 and self.search.text():
            self.search.clear()
            index = self.combo.findData(key)
        if index < 0:
            if key is None and self.none_text is not None:
                self.combo.setCurrentIndex(0)
                return True
            return False
        self.combo.setCurrentIndex(index)
        return True

    def _filter(self, text: str) -> None:
        previous = self.combo.currentData()
        with self.store.session() as session:
            found = [
                (territory_key(t), t.name, t.siren or "") for t in search_territories(session, text)
            ]
        self.combo.blockSignals(True)
        self.combo.clear()
        if self.none_text is not None and not text.strip():
            self.combo.addItem(self.none_text, None)
        for key, name, siren in found:
            shown = short_name(name)
            label = _("{name} ({siren})").format(name=shown, siren=siren) if siren else shown
            self.combo.addItem(label, key)
            self.combo.setItemData(self.combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole)
        if not found and text.strip():
            self.combo.addItem(_("No territory matches"), None)
        index = self.combo.findData(previous) if previous else -1
        # The match the user is typing towards, unless the one chosen before still matches.
        self.combo.setCurrentIndex(index if index >= 0 else 0)
        self.combo.blockSignals(False)
        self.changed.emit()

    def combo_box(self) -> QComboBox:
        return self.combo
