"""The log file: where tracebacks of unexpected errors go, never to the user's screen."""

from __future__ import annotations

import faulthandler
import logging
from pathlib import Path
from typing import TextIO

from . import paths

MAX_BYTES = 2_000_000
KEEP = 3  # previous log files kept beside the current one: pcaet.log.1 (newest) .. .3

_configured: Path | None = None
# Where a native crash (a segmentation fault in Qt or a driver) writes the Python stack of every
# thread: the log file, through a handle of its own that nothing closes (logging closes its
# handlers at exit, and faulthandler would then write to a closed or reused descriptor).
_crash_stream: TextIO | None = None


def rotate(log_path: Path, max_bytes: int = MAX_BYTES, keep: int = KEEP) -> None:
    """Start a new log file when the current one is over ``max_bytes``, keeping ``keep`` old
    ones. Done once at start rather than by ``logging.handlers`` while running: that module
    (sockets, pickling, queues) costs a fifth of the window's start, and a session logs little."""
    try:
        if not log_path.exists() or log_path.stat().st_size <= max_bytes:
            return
        for number in range(keep - 1, 0, -1):
            older = log_path.with_name(f"{log_path.name}.{number}")
            if older.exists():
                older.replace(log_path.with_name(f"{log_path.name}.{number + 1}"))
        log_path.replace(log_path.with_name(f"{log_path.name}.1"))
    except OSError:
        pass  # another instance holds the file (Windows) or the folder is read-only: append


def configure(level: int = logging.INFO) -> Path:
    """Send the application's log to the log file; returns its path."""
    global _configured
    log_path = paths.log_file()
    if _configured == log_path:
        return log_path
    rotate(log_path)
    handler = logging.FileHandler(log_path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = log_path
    _record_native_crashes(log_path)
    return log_path


def _record_native_crashes(log_path: Path) -> None:
    """A crash below Python leaves no exception to log: faulthandler writes where it happened."""
    global _crash_stream
    try:
        stream = log_path.open("a", encoding="utf-8")
    except OSError:
        return
    faulthandler.enable(file=stream, all_threads=True)
    if _crash_stream is not None:
        _crash_stream.close()  # faulthandler now holds the new handle
    _crash_stream = stream
