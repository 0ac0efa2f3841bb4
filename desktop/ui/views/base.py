"""The contract every central view follows, so the main window can place any of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QListWidget, QWidget

from ..change_notice import ChangeNotice
from ..context import AppContext

if TYPE_CHECKING:
    from ..operations import LatestRead

T = TypeVar("T")


class View(QWidget):
    """A central view. ``key`` names it for navigation and for remembering the last view."""

    key: str = ""
    # The kinds of records (tables) the view shows: a notice about none of them leaves it as it
    # is. None: anything that changes may show in it.
    shows: ClassVar[frozenset[str] | None] = None

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._refresh_scheduled = False
        self._reads: LatestRead | None = None  # made on first use: it loads the thread pool
        context.data_changed.connect(self._on_data_changed)

    def title(self) -> str:
        """The translated title shown in the window title and the tab."""
        raise NotImplementedError

    def show_item(self, item_id: int | None) -> None:
        """Select or open one record of this view (an action, an indicator...)."""

    def refresh(self) -> None:
        """Reload from the store."""

    def current_item(self) -> int | None:
        """The record open in the view (remembered when the window closes), if any."""
        return None

    def concerned_by(self, notice: ChangeNotice) -> bool:
        """Whether ``notice`` changes anything this view shows."""
        return self.shows is None or notice.touches(self.shows)

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if self.isVisible() and self.concerned_by(notice):
            self.refresh()

    def schedule_refresh(self) -> None:
        """Refresh once the current event is handled: an import or an undo of many records
        notifies many times, and the view reloads once."""
        if not self._refresh_scheduled:
            self._refresh_scheduled = True
            QTimer.singleShot(0, self, self._scheduled_refresh)

    def _scheduled_refresh(self) -> None:
        self._refresh_scheduled = False
        self.refresh()

    def read_in_background(self, read: Callable[[], T], show: Callable[[T], None]) -> None:
        """Run ``read`` (services only, no Qt) on a worker thread, then ``show`` its result
        here: for reads that can take over 50 ms on a large store. Only the latest read is
        shown."""
        if self._reads is None:
            from ..operations import LatestRead

            self._reads = LatestRead(self)
        self._reads.run(read, show)

    def forget_background_reads(self) -> None:
        """Show none of the reads under way: a refresh made since reads what is current."""
        if self._reads is not None:
            self._reads.drop()


def select_list_item(widget: QListWidget, item_id: int | None, role: int) -> None:
    """Make the row holding ``item_id`` current without emitting selection signals."""
    for row in range(widget.count()):
        item = widget.item(row)
        if item is not None and item.data(role) == item_id:
            widget.blockSignals(True)
            widget.setCurrentRow(row)
            widget.blockSignals(False)
