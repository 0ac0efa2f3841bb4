"""The contract every central view follows, so the main window can place any of them."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ..context import AppContext


class View(QWidget):
    """A central view. ``key`` names it for navigation and for remembering the last view."""

    key: str = ""

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        context.data_changed.connect(self._on_data_changed)

    def title(self) -> str:
        """The translated title shown in the window title and the tab."""
        raise NotImplementedError

    def show_item(self, item_id: int | None) -> None:
        """Select or open one record of this view (an action, an indicator...)."""

    def refresh(self) -> None:
        """Reload from the store."""

    def _on_data_changed(self, entity: str) -> None:
        if self.isVisible():
            self.refresh()
