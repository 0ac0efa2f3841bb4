"""What users see when something goes wrong: a known problem's message, or an apology that
points at the log file where the traceback went."""

from __future__ import annotations

import logging

from . import logging_setup
from .i18n import _
from .store.errors import StoreError

log = logging.getLogger("desktop")


class UserError(Exception):
    """A problem with what the user asked or gave (a bad file, an unknown code): its message
    is already translated and is shown as is."""


def describe(error: BaseException) -> tuple[str, bool]:
    """The message to show, and whether it is a bug (then the traceback is in the log)."""
    if isinstance(error, StoreError | UserError):
        return str(error), False
    log_path = logging_setup.configure()
    log.error("unexpected error", exc_info=error)
    return (
        _("Sorry, something unexpected went wrong. The details are in the log file: {path}").format(
            path=log_path
        ),
        True,
    )
