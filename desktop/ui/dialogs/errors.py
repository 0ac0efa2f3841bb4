"""What the user sees when something goes wrong: a known problem's message with what to do
(a locked or read-only store, a bad file), or a short apology pointing at the log file.

Tracebacks go to the log (``desktop.errors.describe`` writes them), never to the screen. The
static ``QMessageBox`` functions are used so tests can replace them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ...errors import UserError, describe
from ...i18n import _
from ...store.errors import StoreError


def show_error(parent: QWidget | None, error: BaseException) -> bool:
    """Show ``error`` the right way; returns True when it was a bug (logged with traceback)."""
    # The services (and SQLAlchemy) are not loaded yet when the window's start fails.
    from ...services.changes import ValidationError

    if isinstance(error, ValidationError):
        QMessageBox.warning(parent, _("Invalid value"), str(error))
        return False
    message, is_bug = describe(error)
    if is_bug:
        show_apology(parent, message)
    elif isinstance(error, StoreError):
        show_store_error(parent, message)
    else:
        title = _("Cannot continue") if isinstance(error, UserError) else _("Problem")
        QMessageBox.warning(parent, title, message)
    return is_bug


def show_store_error(parent: QWidget | None, message: str) -> None:
    """A known problem of the store (locked, read-only, full disk, damaged, too new)."""
    QMessageBox.warning(parent, _("Problem with the store"), message)


def show_apology(parent: QWidget | None, message: str) -> None:
    """The short apology for a bug; ``message`` already names the log file."""
    QMessageBox.critical(parent, _("Unexpected error"), message)
