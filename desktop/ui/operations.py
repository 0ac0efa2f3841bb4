"""The one helper for long work: run a callable on ``QThreadPool`` with a Qt-free ``Progress``,
show a progress dialog that can cancel, and deliver the result or the error on the main thread.

Workers never touch widgets: they only call ``progress.set_total/advance/message`` and honour
``progress.check()`` (or the ``cancelled`` flag). The same worker runs unchanged in the CLI and
in tests. The window stays responsive because the work is off the main thread, never because of
``processEvents()`` loops.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..i18n import _
from ..progress import Cancelled, Progress

log = logging.getLogger(__name__)
T = TypeVar("T")

# Progress updates are thinned out so a worker advancing a million times does not flood the
# event queue of the main thread.
_MIN_INTERVAL = 0.05
# Running operations, kept alive until they deliver (the caller may drop its reference).
_running: set[Operation] = set()


class Operation(QObject):
    """One background job. Connect to its signals, or pass callbacks to ``run_in_background``."""

    succeeded = Signal(object)  # the callable's return value
    failed = Signal(object)  # the exception it raised
    cancelled = Signal()
    # Emitted once whatever the outcome, after the three above.
    ended = Signal()
    # From the worker thread, delivered queued: done, total, text.
    _progressed = Signal(int, int, str)
    _outcome = Signal(str, object)

    def __init__(self, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.progress = Progress(_listener(self))
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.done = False
        self._dialog: QProgressDialog | None = None
        # Both are emitted from the worker thread; this object lives in the main thread, so the
        # connections are queued and the slots run on the main thread.
        self._progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._outcome.connect(self._on_outcome, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.progress.cancel()
        if self._dialog is not None:
            self._dialog.setLabelText(_("Cancelling…"))

    def attach_dialog(self, dialog: QProgressDialog) -> None:
        self._dialog = dialog
        dialog.canceled.connect(self.cancel)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        dialog = self._dialog
        if dialog is None or self.done or self.progress.cancelled:
            return  # a cancelled dialog stays closed while the worker winds down
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))
        else:
            dialog.setMaximum(0)  # a busy indicator when the amount of work is unknown
        if text:
            dialog.setLabelText(text)

    @Slot(str, object)
    def _on_outcome(self, kind: str, value: object) -> None:
        self.done = True
        self._close_dialog()
        if kind == "ok":
            self.result = value
            self.succeeded.emit(value)
        elif kind == "cancelled":
            self.was_cancelled = True
            self.cancelled.emit()
        else:
            assert isinstance(value, BaseException)
            self.error = value
            self.failed.emit(value)
        self.ended.emit()
        _running.discard(self)

    def _close_dialog(self) -> None:
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.reset()
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None


class _Runner(QRunnable):
    def __init__(self, operation: Operation, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._operation = operation
        self._work = work

    def run(self) -> None:  # on a pool thread
        operation = self._operation
        try:
            operation.progress.check()
            result = self._work(operation.progress)
        except Cancelled:
            operation._outcome.emit("cancelled", None)
        except BaseException as error:  # delivered to the main thread, which decides
            operation._outcome.emit("error", error)
        else:
            operation._outcome.emit("ok", result)


def _listener(operation: Operation) -> Callable[[Progress], None]:
    last_time = 0.0
    last_text = ""

    def notify(progress: Progress) -> None:
        nonlocal last_time, last_text
        now = time.monotonic()
        complete = progress.total > 0 and progress.done >= progress.total
        if progress.text == last_text and not complete and now - last_time < _MIN_INTERVAL:
            return
        last_time, last_text = now, progress.text
        operation._progressed.emit(progress.done, progress.total, progress.text)

    return notify


def run_in_background(
    work: Callable[[Progress], Any],
    *,
    parent: QWidget | None,
    label: str,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    show_dialog: bool = True,
    minimum_duration_ms: int = 400,
    pool: QThreadPool | None = None,
) -> Operation:
    """Start ``work(progress)`` on the thread pool and return its ``Operation``.

    ``on_success`` receives the return value, ``on_error`` the exception (by default it is shown
    with the store error dialog or the apology, the traceback going to the log), ``on_cancel``
    runs when the user cancelled and the worker stopped. All run on the main thread.
    """
    operation = Operation()
    if on_success is not None:
        operation.succeeded.connect(on_success)
    if on_error is not None:
        operation.failed.connect(on_error)
    else:
        operation.failed.connect(lambda error: _show_error(parent, error))
    if on_cancel is not None:
        operation.cancelled.connect(on_cancel)
    if show_dialog:
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        dialog.setWindowTitle(label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(minimum_duration_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        operation.attach_dialog(dialog)
    _running.add(operation)
    (pool or QThreadPool.globalInstance()).start(_Runner(operation, work))
    return operation


class LatestRead:
    """Reads for one widget on the thread pool, of which only the latest is shown: a read
    started later supersedes an earlier one, ``drop`` forgets those under way (the widget moved
    to another store), and nothing is shown once the widget is gone. ``read`` touches no Qt;
    ``show`` runs on the main thread."""

    def __init__(self, owner: QWidget) -> None:
        self._owner = owner
        self._generation = 0

    def drop(self) -> None:
        self._generation += 1

    def run(self, read: Callable[[], T], show: Callable[[T], None]) -> Operation:
        from shiboken6 import isValid

        self._generation += 1
        generation = self._generation

        def latest() -> bool:
            return isValid(self._owner) and generation == self._generation

        def shown(result: T) -> None:
            if latest():
                show(result)

        def failed(error: BaseException) -> None:
            if latest() and self._owner.isVisible():
                _show_error(self._owner, error)
            else:  # a store closed or left while it was read: nobody waits for this
                log.info("A background read no one waits for failed: %s", error)

        return run_in_background(
            lambda _progress: read(),
            parent=self._owner,
            label="",
            show_dialog=False,
            on_success=shown,
            on_error=failed,
        )


def _show_error(parent: QWidget | None, error: BaseException) -> None:
    from .dialogs.errors import show_error

    show_error(parent, error)
