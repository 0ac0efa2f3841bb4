"""Where the main window's state is kept between sessions: geometry, the splitter between the
navigation and the views, and the last view shown (QSettings in the data folder)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from .. import paths
from .views import registry

DEFAULT_SIZE = (1200, 780)


def window_settings() -> QSettings:
    """Window state in the data folder, beside settings.json: per-user, portable, and isolated
    per test through ``PCAET_DATA_DIR``."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def first_view_key(available: set[str]) -> str:
    """The view a store opens on: the one last shown, else the dashboard, else any."""
    remembered = str(window_settings().value("window/last_view", "dashboard"))
    keys = [remembered, "dashboard", *registry.available_keys()]
    return next((k for k in keys if k in available), "")


def restore_window_state(window: QMainWindow, splitter: QSplitter) -> None:
    state = window_settings()
    geometry = state.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        window.resize(*DEFAULT_SIZE)
    splitter_state = state.value("window/splitter")
    if isinstance(splitter_state, QByteArray) and not splitter_state.isEmpty():
        splitter.restoreState(splitter_state)


def save_window_state(window: QMainWindow, splitter: QSplitter, current_view: str) -> None:
    state = window_settings()
    state.setValue("window/geometry", window.saveGeometry())
    state.setValue("window/splitter", splitter.saveState())
    if current_view:
        state.setValue("window/last_view", current_view)
    state.sync()
