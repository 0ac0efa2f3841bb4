"""How the operating system hands stores to the application: as an argument or, on macOS, as
a FileOpen event sent to the running application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from desktop.app import build_parser
from desktop.settings import UserSettings
from desktop.store import Store, open_store
from desktop.ui.application import open_files_sent_by_the_system
from desktop.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui


def test_a_lone_store_file_is_the_store_to_open() -> None:
    args = build_parser().parse_args(["/data/plan.pcaet", "--lang", "en"])
    assert args.store == Path("/data/plan.pcaet")
    assert args.db is None and args.lang == "en"


def test_a_file_open_event_opens_that_store(qtbot: Any, store: Store, tmp_path: Path) -> None:
    other = tmp_path / "other.pcaet"
    open_store(other, create=True).close()
    window = MainWindow(store, UserSettings(user_name="Camille"))
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    handler = open_files_sent_by_the_system(app, window)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(other)))
        assert Path(str(window.store.url.database)).resolve() == other.resolve()
    finally:
        app.removeEventFilter(handler)
        window.store.close()
