"""Fixtures of the tests that look at every screen: the demo store (built once per module, the
views only read it) and a switch of language for our catalogs and Qt's translators."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop import i18n
from desktop.services import demo
from desktop.store import Store, open_store
from desktop.ui.qt_translations import install_qt_translations, remove_qt_translations


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.create_demo_store(tmp_path_factory.mktemp("screens") / "demo.pcaet")


@pytest.fixture
def demo_store(demo_file: Path) -> Iterator[Store]:
    store = open_store(demo_file)
    yield store
    store.close()


@pytest.fixture
def speak(qapp: QApplication) -> Iterator[Any]:
    """Switch our catalogs and Qt's translators; both are restored after the test."""
    previous = i18n.current_language()

    def switch(language: str) -> None:
        i18n.set_language(language)
        install_qt_translations(qapp, language)

    yield switch
    i18n.set_language(previous)
    remove_qt_translations(qapp)


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
