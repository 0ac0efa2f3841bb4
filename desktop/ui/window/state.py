"""Where the main window's state is kept between sessions: geometry (fitted to the screen),
the splitter between the navigation and the views, the last view shown, and for each store
the place the user left it (territory, plan, view and record) (QSettings in the data folder:
window state, not data, so no store schema holds it)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QRect, QSettings
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from ... import paths
from ..views import registry

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


def available_area(window: QMainWindow) -> QRect | None:
    """The part of the screen windows may use (without task bars and docks)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def fit_to_screen(window: QMainWindow) -> None:
    """Keep the whole window, frame included, on the screen's available area: a 768-pixel
    laptop has about 720 pixels under its task bar."""
    area = available_area(window)
    if area is None or area.isEmpty():
        return
    frame = window.frameGeometry()
    extra_w = max(0, frame.width() - window.width())
    extra_h = max(0, frame.height() - window.height())
    width = min(window.width(), area.width() - extra_w)
    height = min(window.height(), area.height() - extra_h)
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)
    x = min(max(frame.x(), area.x()), area.right() - width - extra_w + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - height - extra_h + 1)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)


def fit_dialog(dialog: QWidget) -> None:
    """A large dialog (the import wizard) no bigger than the screen's free area."""
    screen = dialog.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    dialog.resize(min(dialog.width(), area.width() - 24), min(dialog.height(), area.height() - 48))


def restore_window_state(window: QMainWindow, splitter: QSplitter) -> None:
    state = window_settings()
    geometry = state.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        area = available_area(window)
        width, height = DEFAULT_SIZE
        if area is not None and not area.isEmpty():
            # A first start: the default size if the screen has room, else nearly all of it.
            width = min(width, area.width() - 16)
            height = min(height, area.height() - 40)
            window.move(area.x() + (area.width() - width) // 2, area.y() + 8)
        window.resize(width, height)
    fit_to_screen(window)
    splitter_state = state.value("window/splitter")
    if isinstance(splitter_state, QByteArray) and not splitter_state.isEmpty():
        splitter.restoreState(splitter_state)
    else:
        # The navigation takes a fifth of a small window, at most 280 pixels.
        navigation = max(180, min(280, window.width() // 5))
        splitter.setSizes([navigation, max(0, window.width() - navigation)])


def save_window_state(window: QMainWindow, splitter: QSplitter, current_view: str) -> None:
    state = window_settings()
    state.setValue("window/geometry", window.saveGeometry())
    state.setValue("window/splitter", splitter.saveState())
    if current_view:
        state.setValue("window/last_view", current_view)
    state.sync()


@dataclass(frozen=True)
class Place:
    """Where the user left a store: UUIDs, as ids may differ after a restore."""

    territory: str = ""
    plan: str = ""
    view: str = ""
    item: str = ""  # the record open in the view (an action, an indicator)


def _place_key(location: str) -> str:
    return "places/" + hashlib.sha1(location.encode("utf-8")).hexdigest()[:16]


def remember_place(location: str, place: Place) -> None:
    state = window_settings()
    key = _place_key(location)
    for name in ("territory", "plan", "view", "item"):
        state.setValue(f"{key}/{name}", getattr(place, name))
    state.sync()


def remembered_place(location: str) -> Place | None:
    state = window_settings()
    key = _place_key(location)
    names = ("territory", "plan", "view", "item")
    values = {n: str(state.value(f"{key}/{n}", "") or "") for n in names}
    return Place(**values) if any(values.values()) else None
