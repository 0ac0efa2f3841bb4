"""What the tests that look at every screen share besides their fixtures (``demo_store``,
``speak``: tests/conftest.py): the main window on the demo store."""

from __future__ import annotations

from typing import Any

from desktop.store import Store


def show_demo_window(qtbot: Any, store: Store, language: str, size: tuple[int, int]) -> Any:
    """The main window on the demo store, speaking ``language``, shown at ``size``."""
    from desktop.settings import UserSettings
    from desktop.ui.window.main_window import MainWindow

    window = MainWindow(store, UserSettings(user_name="Camille", language=language))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window
