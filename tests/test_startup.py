"""The two-step start: the window shows the store's outline (read with sqlite3 alone) while the
data layer loads on a worker thread, then the store opens and the window fills in."""

from __future__ import annotations

import gc
import hashlib
import os
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from support.shell import fill

from desktop import logging_setup
from desktop.app import build_parser
from desktop.heap import freeze_loaded
from desktop.services.changes import Actor
from desktop.settings import UserSettings
from desktop.store import Store, open_store
from desktop.store.peek import peek_outline
from desktop.ui.application import StartUp, initial_target, preview
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.navigation import TARGET_ROLE

pytestmark = pytest.mark.gui


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_outline_names_the_territory_and_its_plans(store: Store, actor: Actor) -> None:
    fill(store, actor)
    assert store.path is not None
    outline = peek_outline(store.path)  # read while the store is open, its WAL included
    assert outline is not None
    assert outline.current_name == "Pays de l'Opale"
    assert [t.name for t in outline.territories] == ["Pays de l'Opale"]
    assert [p.title for p in outline.territories[0].plans] == ["PCAET 2024-2030"]


def test_no_outline_for_what_is_not_a_filled_store(tmp_path: Path) -> None:
    empty_store = tmp_path / "empty.pcaet"
    open_store(empty_store, create=True).close()
    garbage = tmp_path / "garbage.pcaet"
    garbage.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    zero = tmp_path / "zero.pcaet"
    zero.write_bytes(b"")
    for path in (tmp_path / "missing.pcaet", empty_store, garbage, zero, tmp_path):
        assert peek_outline(path) is None, path
    assert zero.read_bytes() == b""  # never written, not even made a database


def test_the_outline_changes_nothing_in_the_store(store: Store, actor: Actor) -> None:
    fill(store, actor)
    assert store.path is not None
    path = store.path
    store.close()
    before = _digest(path)
    assert peek_outline(path) is not None
    assert _digest(path) == before


def test_the_window_shows_the_outline_then_the_store(
    qtbot: Any, store: Store, actor: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen: list[bool] = []
    monkeypatch.setattr("desktop.ui.application.freeze_loaded", lambda: frozen.append(True))
    fill(store, actor)
    assert store.path is not None
    settings = UserSettings(user_name="Camille")
    args = build_parser().parse_args(["--db", str(store.path)])
    location, outline = preview(initial_target(args, settings))
    assert location == str(store.path)
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show_opening(location, outline)
    window.show()

    assert "Pays de l'Opale" in window.windowTitle()
    assert window.opening is not None and window.stack.currentWidget() is window.opening
    model = window.navigation.model()
    first = model.index(0, 0)
    assert first.data() == "Pays de l'Opale"
    assert model.index(0, 0, first).data() == "PCAET 2024-2030"
    assert not model.flags(first) & Qt.ItemFlag.ItemIsEnabled  # greyed until the store opens
    assert window.quit_action.isEnabled()
    assert not window.new_action_action.isEnabled() and not window.open_store_action.isEnabled()
    assert not window.has_store()

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    start_up = StartUp(app, window, args, settings)
    start_up.start()
    qtbot.waitUntil(window.has_store, timeout=30_000)
    qtbot.waitUntil(lambda: bool(window.current_key), timeout=30_000)

    assert window.opening is None
    assert window.new_action_action.isEnabled() and window.open_store_action.isEnabled()
    first = window.navigation.model().index(0, 0)
    assert first.data() == "Pays de l'Opale"
    assert first.data(TARGET_ROLE).kind == "territory"
    assert window.navigation.model().flags(first) & Qt.ItemFlag.ItemIsEnabled
    assert "Pays de l'Opale" in window.windowTitle()
    # Once the first view is ready, what start-up loaded leaves the collector's reach
    qtbot.waitUntil(lambda: frozen == [True], timeout=5_000)
    window.store.close()
    start_up.loader.wait()


class _Node:
    me: object = None


def test_what_start_up_loaded_leaves_full_collections() -> None:
    before = gc.get_freeze_count()
    try:
        freeze_loaded()
        assert gc.get_freeze_count() > before
        garbage: list[object] = []
        garbage.append(garbage)  # a cycle made afterwards is still collected
        del garbage
        assert gc.collect() >= 1
        # and a cycle frozen then dropped (a closed store's views) is collected the next time
        # a store is ready: what was frozen is thawed first
        node = _Node()
        node.me = node
        ref = weakref.ref(node)
        freeze_loaded()
        del node
        gc.collect()
        assert ref() is not None  # frozen: out of the collector's reach meanwhile
        freeze_loaded()
        assert ref() is None
    finally:
        gc.unfreeze()  # the rest of the test session keeps its usual collections


def test_a_store_that_does_not_open_ends_the_start(
    qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.pcaet"
    bad.write_bytes(b"this is not a store" * 500)
    shown: list[str] = []
    monkeypatch.setattr(
        "desktop.ui.dialogs.errors.QMessageBox.warning",
        lambda _parent, title, text, *a: shown.append(text),
    )
    exits: list[int] = []
    monkeypatch.setattr(QApplication, "exit", staticmethod(lambda code=0: exits.append(code)))
    # The default store cannot open either: the data folder is a file.
    monkeypatch.setattr("desktop.paths.default_store_path", lambda: tmp_path / "bad.pcaet")
    settings = UserSettings(user_name="Camille")
    args = build_parser().parse_args(["--db", str(bad)])
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show_opening(*preview(initial_target(args, settings)))
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    start_up = StartUp(app, window, args, settings)
    start_up.start()
    qtbot.waitUntil(lambda: exits == [1], timeout=30_000)
    assert shown and all("bad.pcaet" in text for text in shown)
    assert not window.has_store()
    assert bad.read_bytes() == b"this is not a store" * 500
    start_up.loader.wait()


def _start_application(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PCAET_DATA_DIR=str(data_dir))
    env.pop("PCAET_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args, "--quit-when-shown"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_application_starts_on_a_store_file(store: Store, actor: Actor, tmp_path: Path) -> None:
    """The real start, in its own process: "shown" (the outline painted) comes before "ready"
    (the store open and its first view filled)."""
    fill(store, actor)
    assert store.path is not None
    store.close()
    done = _start_application(tmp_path / "data", str(store.path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["shown", "ready"]


def test_the_log_starts_a_new_file_past_its_size(tmp_path: Path) -> None:
    log = tmp_path / "pcaet.log"
    log.write_text("x" * 50)
    logging_setup.rotate(log, max_bytes=100, keep=2)
    assert log.exists() and not (tmp_path / "pcaet.log.1").exists()  # small: kept as is
    for generation in ("first", "second", "third"):
        log.write_text(generation * 40)
        logging_setup.rotate(log, max_bytes=100, keep=2)
        assert not log.exists()
    assert (tmp_path / "pcaet.log.1").read_text().startswith("third")
    assert (tmp_path / "pcaet.log.2").read_text().startswith("second")
    assert not (tmp_path / "pcaet.log.3").exists()


def test_the_application_starts_on_an_empty_store_with_the_welcome_screen(tmp_path: Path) -> None:
    """A first start (no store yet): the default store is created, the welcome screen is the
    first view, and the start completes ("ready") instead of waiting for a view."""
    done = _start_application(tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["shown", "ready"]
    assert (tmp_path / "data" / "store.pcaet").exists()


def test_a_native_crash_leaves_its_stack_in_the_log(tmp_path: Path) -> None:
    """A segmentation fault (in Qt, a driver) has no exception to log: the stack of every
    thread is written to the log file, where support will look for it."""
    env = dict(os.environ, PCAET_DATA_DIR=str(tmp_path / "data"))
    env.pop("PYTHONFAULTHANDLER", None)
    code = (
        "import logging, faulthandler\n"
        "from desktop import logging_setup\n"
        "logging_setup.configure()\n"
        "logging.getLogger('test').info('before the crash')\n"
        "faulthandler._sigsegv()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    log = (tmp_path / "data" / "logs" / "pcaet.log").read_text(encoding="utf-8")
    assert "before the crash" in log
    assert "Fatal Python error: Segmentation fault" in log
    assert "line 5" in log  # where it happened, in the code that crashed
