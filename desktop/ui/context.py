"""What every view shares: the open store, the undo stack, who the user is, and a signal that
tells views what data changed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from ..services.changes import Actor
from ..settings import UserSettings
from ..store import Store
from .change_notice import ChangeNotice


class AppContext(QObject):
    """Owned by the main window; passed to every view and dialog."""

    # A ``ChangeNotice``: which kinds of records (and which ids, when known) changed.
    data_changed = Signal(object)
    # Ask the main window to show a record: (view key, record id or -1).
    navigate_requested = Signal(str, int)
    # The store was replaced under this window (restored elsewhere): the window reloads it.
    store_replaced = Signal()

    def __init__(
        self, store: Store, settings: UserSettings, *, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.undo_stack = QUndoStack(self)
        self.territory_id: int | None = None
        self.plan_id: int | None = None

    @property
    def actor(self) -> Actor:
        return Actor(user=self.settings.user_name, source="ui")

    def notify(self, notice: ChangeNotice) -> None:
        self.data_changed.emit(notice)

    def navigate(self, view_key: str, item_id: int | None = None) -> None:
        self.navigate_requested.emit(view_key, -1 if item_id is None else item_id)
