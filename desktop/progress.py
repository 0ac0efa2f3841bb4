"""Progress of long work, free of Qt: the same importer or report runs in the GUI (a dialog
watches it), the CLI and the tests. Workers call ``advance`` and ``check``; whoever started the
work may ``cancel`` it."""

from __future__ import annotations

import threading
from collections.abc import Callable

Listener = Callable[["Progress"], None]


class Cancelled(Exception):
    """Raised inside a worker when the user cancelled; the work must leave nothing behind."""


class Progress:
    def __init__(self, listener: Listener | None = None) -> None:
        self._lock = threading.Lock()
        self._cancel = threading.Event()
        self._listener = listener
        self.total = 0
        self.done = 0
        self.text = ""

    def set_total(self, total: int) -> None:
        with self._lock:
            self.total = max(0, total)
        self._notify()

    def advance(self, count: int = 1) -> None:
        with self._lock:
            self.done += count
        self.check()
        self._notify()

    def message(self, text: str) -> None:
        with self._lock:
            self.text = text
        self._notify()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    @property
    def fraction(self) -> float:
        with self._lock:
            return min(1.0, self.done / self.total) if self.total else 0.0

    def _notify(self) -> None:
        if self._listener is not None:
            self._listener(self)
