"""Search everywhere (Ctrl+Shift+F, and Ctrl+F in views without a search field of their own):
one field, the matching actions, indicators, organisations, committees, contracts and
territories listed by kind as one types; Enter or a double-click opens the record where it
lives (an action in its plan, an indicator in the indicators view...)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _, format_date, ngettext
from ...services.search import Hit, search_store
from .. import style
from ..context import AppContext

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_TITLES = {
    "action": N_("Actions"),
    "indicator": N_("Indicators"),
    "organisation": N_("Organisations"),
    "meeting": N_("Committees"),
    "contract": N_("COTRI contracts"),
    "territory": N_("Territories"),
}
KIND_ICONS = {
    "action": "action",
    "indicator": "indicator",
    "organisation": "organisation",
    "meeting": "meeting",
    "contract": "contract",
    "territory": "territory",
}


def _shorten(text: str, size: int) -> str:
    """Long titles end in "…" (the whole of them is in the tooltip)."""
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


class _SearchField(QLineEdit):
    """Down and Up move in the results while the cursor stays in the field."""

    step = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.step.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)


class SearchDialog(QDialog):
    """Emits ``chosen`` with the hit the user opens, then closes."""

    chosen = Signal(object)

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Search everywhere"))
        self.setMinimumSize(560, 420)
        self.field = _SearchField(self)
        self.field.setObjectName("search_everywhere")
        self.field.setPlaceholderText(
            _("Code or words: actions, indicators, organisations, committees…")
        )
        self.field.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setObjectName("search_results")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.count = QLabel(self)
        self.count.setProperty("role", "muted")
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self.field.returnPressed.connect(self.open_current)
        self.field.step.connect(self._step)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.count)
        self.setFocusProxy(self.field)  # the dialog opens with the cursor in the field

    def set_query(self, text: str) -> None:
        self.field.setText(text)
        self.run()

    def run(self) -> list[Hit]:
        self._timer.stop()
        query = self.field.text()
        with self.context.store.session() as session:
            hits = search_store(session, query)
        self.results.clear()
        best: QListWidgetItem | None = None
        best_rank = 3
        kind = ""
        for hit in hits:
            if hit.kind != kind:
                kind = hit.kind
                heading = QListWidgetItem(_(KIND_TITLES[kind]))
                heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # read, not chosen
                font = heading.font()
                font.setBold(True)
                heading.setFont(font)
                self.results.addItem(heading)
            item = QListWidgetItem(style.icon(KIND_ICONS[kind]), self._text(hit))
            item.setData(HIT_ROLE, hit)
            item.setToolTip("\n".join(p for p in (hit.title, hit.detail) if p))
            self.results.addItem(item)
            if hit.rank < best_rank:
                best, best_rank = item, hit.rank
        if best is not None:
            self.results.setCurrentItem(best)
        if query.strip():
            count = len(hits)
            self.count.setText(
                ngettext("{count} result", "{count} results", count).format(count=count)
                if count
                else _("Nothing found for {query}.").format(query=query.strip())
            )
        else:
            self.count.setText("")
        return hits

    @staticmethod
    def _text(hit: Hit) -> str:
        title = _shorten(" ".join(p for p in (hit.code, hit.title) if p), 80)
        detail = hit.detail
        if hit.kind == "meeting" and detail:
            from datetime import date

            detail = format_date(date.fromisoformat(detail))
        detail = _shorten(detail, 40)
        return _("{title} — {detail}").format(title=title, detail=detail) if detail else title

    def _step(self, step: int) -> None:
        row = self.results.currentRow()
        count = self.results.count()
        for _tries in range(count):
            row = (row + step) % count if count else -1
            item = self.results.item(row)
            if item is not None and item.data(HIT_ROLE) is not None:
                self.results.setCurrentRow(row)
                return

    def open_current(self) -> bool:
        if self._timer.isActive():
            self.run()  # Enter typed before the pause: search what is typed first
        item = self.results.currentItem()
        hit = item.data(HIT_ROLE) if item is not None else None
        if not isinstance(hit, Hit):
            return False
        self.chosen.emit(hit)
        self.accept()
        return True
