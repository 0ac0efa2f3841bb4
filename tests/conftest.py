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
