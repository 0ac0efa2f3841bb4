"""The log file: where tracebacks of unexpected errors go, never to the user's screen."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import paths

_configured: Path | None = None


def configure(level: int = logging.INFO) -> Path:
    """Send the application's log to the rotating log file; returns its path."""
    global _configured
    log_path = paths.log_file()
    if _configured == log_path:
        return log_path
    handler = RotatingFileHandler(log_path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = log_path
    return log_path
