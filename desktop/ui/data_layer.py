"""Loads the data layer (SQLAlchemy, SQLModel and the tables, the services the window and its
first view read with) on a worker thread, while the window already shows the store's outline.

Importing is pure Python work: the GUI thread keeps painting and answering between the
interpreter's switches. Only imports happen here; the store is opened on the GUI thread once
this is done. An import (or preparation) that fails is only logged: the GUI thread does the
same next and meets the same error, through the usual error path.

Nothing imported here may touch Qt: PySide6 creates its classes on first use, and that is not
safe from two threads at once (loading pyqtgraph here crashed about one start in fifty, while
the GUI thread painted). The window's own modules and the first view's load on the GUI thread
when the store opens; ``tests/test_architecture.py`` keeps this list free of Qt.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QThread

from ..i18n import format_date, format_number

log = logging.getLogger(__name__)

# What the window reads with between opening the store and painting its first view (no Qt).
DATA_MODULES: tuple[str, ...] = (
    "desktop.models",
    "desktop.store.store",
    "sqlalchemy.dialects.sqlite",
    "desktop.services.plans",
    "desktop.services.store_info",
    "desktop.services.changes",
)


class DataLayerLoader(QThread):
    """``prepare``, if given, runs on the thread once the modules are loaded: work the store's
    opening needs first (building the demo store the first time), so the window stays live."""

    def __init__(
        self,
        extra_modules: tuple[str, ...] = (),
        *,
        prepare: Callable[[], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.modules = DATA_MODULES + extra_modules
        self.prepare = prepare

    def run(self) -> None:
        for name in self.modules:
            try:
                module = importlib.import_module(name)
                if name == "desktop.models":
                    module.metadata  # noqa: B018 - the tables load on first use of any of them
            except Exception:
                log.exception("Loading %s ahead of time failed", name)
                return
        # Babel reads its locale data (a large pickle) on the first date or number formatted;
        # the navigation formats committee dates.
        format_date(date.today())
        format_number(1234.5)
        if self.prepare is not None:
            try:
                self.prepare()
            except Exception:
                log.exception("Preparing the store ahead of time failed")
