"""Each test gets its own data folder and a fresh store; ../shared is optional."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop import i18n
from desktop.paths import DATA_DIR_ENV, DATABASE_URL_ENV
from desktop.services.changes import Actor
from desktop.store import Store, open_store

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


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "test.pcaet")
    yield opened
    opened.close()


@pytest.fixture
def actor() -> Actor:
    return Actor(user="test", source="test")


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
