"""The fixtures the test modules share (pytest injects them by name; no module imports another's).

Each test gets its own data folder and its own store. Stores are copied from templates made once
per session (an empty migrated store, the demo) rather than migrated or built for every test.
``../shared`` is optional: the tests that read it skip with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from support.calaisis import Ids, build_calaisis
from support.stores import copy_store, empty_template, make_template

from desktop import i18n
from desktop.paths import DATA_DIR_ENV, DATABASE_URL_ENV
from desktop.services.changes import Actor
from desktop.store import Store, open_store

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desktop.settings import UserSettings
    from desktop.ui.context import AppContext
    from desktop.ui.window.main_window import MainWindow

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    i18n.set_language("fr")
    yield data
    i18n.set_language("fr")


@pytest.fixture(scope="session")
def _template_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A data folder for building the session's templates: session fixtures run before the
    per-test one above, and must not read or write the user's own settings."""
    data = tmp_path_factory.mktemp("template-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(data))
        patch.delenv(DATABASE_URL_ENV, raising=False)
        yield data


# ---- stores ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def store_template(tmp_path_factory: pytest.TempPathFactory, _template_data_dir: Path) -> Path:
    """An empty store at the schema's head, migrated once for the whole session."""
    return empty_template(tmp_path_factory.mktemp("store-template") / "empty.pcaet")


@pytest.fixture
def store(tmp_path: Path, store_template: Path) -> Iterator[Store]:
    """An empty store of the test's own (a copy of the template, with an identity of its own)."""
    opened = open_store(copy_store(store_template, tmp_path / "test.pcaet"))
    yield opened
    opened.close()


@pytest.fixture
def actor() -> Actor:
    return Actor(user="test", source="test")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory, _template_data_dir: Path) -> Path:
    """The demo store, built once for the session (seconds); tests use copies of it."""
    from desktop.services import demo

    path = demo.create_demo_store(tmp_path_factory.mktemp("demo-template") / "demo.pcaet")
    return make_template(path)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    """The demo store a module's tests share; they only read it (``demo_copy`` to write)."""
    return copy_store(demo_template, tmp_path_factory.mktemp("demo") / "demo.pcaet")


@pytest.fixture
def demo_store(demo_file: Path) -> Iterator[Store]:
    store = open_store(demo_file)
    yield store
    store.close()


@pytest.fixture
def demo_copy(demo_template: Path, tmp_path: Path) -> Iterator[Store]:
    """A demo store of the test's own, to write to."""
    store = open_store(copy_store(demo_template, tmp_path / "demo.pcaet"))
    yield store
    store.close()


@pytest.fixture
def demo(store: Store, actor: Actor) -> Ids:
    """The chart and dashboard tests' territory (``support/calaisis.py``) in ``store``."""
    return build_calaisis(store, actor)


@pytest.fixture
def filled(store: Store, actor: Actor) -> dict[str, int]:
    """A small territory like the demo in ``store`` (``support/shell.py``)."""
    from support.shell import fill

    return fill(store, actor)


# ---- the window -----------------------------------------------------------------------------


@pytest.fixture
def settings() -> UserSettings:
    from desktop.settings import UserSettings

    return UserSettings(user_name="Camille")


@pytest.fixture
def window(qtbot: Any, store: Store, settings: UserSettings) -> MainWindow:
    """The main window on the test's store (not shown)."""
    from desktop.ui.window.main_window import MainWindow

    main = MainWindow(store, settings)
    qtbot.addWidget(main)
    return main


@pytest.fixture
def context(store: Store, qtbot: Any) -> AppContext:
    """What the views get from the window: the test's store and the default settings."""
    from desktop.settings import UserSettings
    from desktop.ui.context import AppContext

    return AppContext(store, UserSettings())


@pytest.fixture
def speak(qapp: QApplication) -> Iterator[Callable[[str], None]]:
    """Switch our catalogs and Qt's translators; both are restored after the test."""
    from desktop.ui.qt_translations import install_qt_translations, remove_qt_translations

    previous = i18n.current_language()

    def switch(language: str) -> None:
        i18n.set_language(language)
        install_qt_translations(qapp, language)

    yield switch
    i18n.set_language(previous)
    remove_qt_translations(qapp)


# ---- files beside the project -----------------------------------------------------------------


@pytest.fixture
def shared_data() -> Path:
    """The real files of ../shared/data; tests using them skip when it is absent."""
    folder = SHARED / "data"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: real partner files are not available in this clone")
    return folder


@pytest.fixture
def shared_seeds() -> Path:
    folder = SHARED / "seeds"
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent: source documents are not available in this clone")
    return folder


@pytest.fixture
def artifacts() -> Path:
    """Where screenshots and rendered files are kept for people to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


# ---- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """A throw-away PostgreSQL server shared by the session's tests, each of which makes a
    database of its own (``support.postgres.fresh_database``). Skips without the server's
    binaries or the driver."""
    from support.postgres import find_bin_dir, temporary_server

    if find_bin_dir() is None:
        pytest.skip("no PostgreSQL server binaries on this machine")
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    with temporary_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where an empty store goes, on each backend: a file, then a database of its own on the
    session's PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "shared.pcaet")
    from support.postgres import fresh_database

    return fresh_database(request.getfixturevalue("pg_server"), request.node.name)
