"""Two imports into one store at the same moment, and an import racing a window's save: the
second import waits for the first (an advisory lock on PostgreSQL, the write lock on SQLite)
and then sees what it committed; a collision it cannot wait out is a clear message (exit 1),
never a duplicate key and exit 70."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import col, func, select
from support.postgres import fresh_database

from desktop import i18n
from desktop.io import bulk, import_lock, observations_import
from desktop.io.importer import ImportRequest, import_file
from desktop.models import Indicator, Observation
from desktop.progress import Progress
from desktop.services import changes, indicators
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent
SIREN = "200054781"


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def pg_url(pg_server: str, request: pytest.FixtureRequest) -> str:
    return fresh_database(pg_server, request.node.name)


def _prepare_store(store_url: str) -> Store:
    store = open_store(store_url)
    with store.transaction() as session:
        create_territory(session, Actor("test", "test"), name="Métropole", siren=SIREN)
    return store


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "obs.csv"
    path.write_text(
        "Code;Indicateur;Année;Valeur\nNEW-1;Conso (GWh);2019;12\nNEW-1;Conso (GWh);2020;11\n",
        encoding="utf-8",
    )
    return path


def _count(store: Store, model: type) -> int:
    query = select(func.count()).select_from(model)
    if model is Indicator:  # the file's: every store also holds the indicator referential
        query = query.where(col(Indicator.identifier).is_(None))
    with store.session() as session:
        return int(session.exec(query).one())


def _cli(store_url: str, path: Path) -> subprocess.Popen[str]:
    target = ["--database-url", store_url] if "://" in store_url else ["--db", store_url]
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop.cli.main",
            "--lang",
            "en",
            "import",
            *target,
            str(path),
            "--json",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ.copy(),
    )


def _waiting_on_postgres(store_url: str) -> bool:
    """Whether another backend of the test's database waits: on a lock (a duplicate key being
    inserted, the advisory lock) or polling for the import lock."""
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text(
                    "SELECT wait_event_type, query FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            ).all()
    finally:
        engine.dispose()
    return any(kind == "Lock" or "advisory" in (query or "") for kind, query in rows)


def _held_import(
    store: Store, path: Path
) -> tuple[threading.Thread, threading.Event, threading.Event, list[Any]]:
    """An import that has written its rows and holds its transaction open until released."""
    written, release = threading.Event(), threading.Event()
    result: list[Any] = []

    def listen(progress: Progress) -> None:
        if progress.done == 2 and not written.is_set():
            written.set()
            release.wait(60)

    def run() -> None:
        try:
            result.append(
                import_file(store, ImportRequest(path), Actor("first", ""), Progress(listen))
            )
        except Exception as error:
            result.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    assert written.wait(60)
    return thread, written, release, result


def test_a_second_import_waits_for_the_first_then_sees_its_indicators(
    store_url: str, tmp_path: Path
) -> None:
    store = _prepare_store(store_url)
    path = _file(tmp_path)
    try:
        # GIVEN an import that has created indicator NEW-1 and not yet committed
        thread, _written, release, result = _held_import(store, path)
        try:
            # WHEN the same file is imported from another process meanwhile
            second = _cli(store_url, path)
            lines: list[str] = []
            reader = threading.Thread(target=lambda: lines.extend(second.stderr or []))
            reader.start()
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and second.poll() is None:
                if lines or ("://" in store_url and _waiting_on_postgres(store_url)):
                    break
                time.sleep(0.05)
        finally:
            release.set()
            thread.join(60)
        out, _err = second.communicate(timeout=120)
        reader.join(10)
        # THEN the second import waited (and said so), then found everything already stored
        assert second.returncode == 0, (second.returncode, lines)
        assert any("Waiting for another import" in line for line in lines), lines
        summary = json.loads(out)
        assert (summary["inserted"], summary["unchanged"], summary["created_indicators"]) == (
            0,
            2,
            [],
        )
        assert not isinstance(result[0], Exception), result
        assert (_count(store, Indicator), _count(store, Observation)) == (1, 2)
    finally:
        store.close()


def test_an_import_that_cannot_get_the_lock_in_time_says_so(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _prepare_store(store_url)
    path = _file(tmp_path)
    monkeypatch.setattr(import_lock, "WAIT_SECONDS", 0.5)
    other = open_store(store_url)
    try:
        thread, _written, release, _result = _held_import(store, path)
        try:
            with pytest.raises(import_lock.ImportBusy) as raised:
                import_file(other, ImportRequest(path), Actor("second", ""))
        finally:
            release.set()
            thread.join(60)
        message = str(raised.value)
        assert "Another import into" in message and "nothing was imported" in message
        assert (_count(store, Indicator), _count(store, Observation)) == (1, 2)
    finally:
        other.close()
        store.close()


def test_cancel_while_waiting_for_another_import(store_url: str, tmp_path: Path) -> None:
    from desktop.progress import Cancelled

    store = _prepare_store(store_url)
    path = _file(tmp_path)
    other = open_store(store_url)
    messages: list[str] = []

    def listen(progress: Progress) -> None:
        messages.append(progress.text)
        if "another import" in progress.text:
            progress.cancel()

    try:
        thread, _written, release, _result = _held_import(store, path)
        try:
            with pytest.raises(Cancelled):
                import_file(other, ImportRequest(path), Actor("second", ""), Progress(listen))
        finally:
            release.set()
            thread.join(60)
        assert any("Waiting for another import" in m for m in messages), messages
    finally:
        other.close()
        store.close()


def _meanwhile(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, before: Callable[[], None]
) -> None:
    """Run ``before`` (another user's save, committed) right before ``module.name`` writes."""
    original = getattr(module, name)

    def patched(*args: Any, **kwargs: Any) -> Any:
        before()
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, patched)


def test_an_indicator_created_by_a_window_during_an_import_is_a_clear_message(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A window does not take the import lock: on PostgreSQL it may create the same indicator
    code between the import's read and its insert. The import stops with a message that says
    what happened and what to do; nothing of it is written."""
    store = _prepare_store(pg_url)
    window = open_store(pg_url)

    def create() -> None:
        with window.transaction() as session:
            indicators.create_indicator(session, Actor("Paul", "ui"), code="NEW-1", name="Autre")

    _meanwhile(monkeypatch, observations_import, "_insert_indicators", create)
    try:
        with pytest.raises(import_lock.ImportConflict) as raised:
            import_file(store, ImportRequest(_file(tmp_path)), Actor("test", ""))
        assert "while it was being imported" in str(raised.value)
        assert (_count(store, Indicator), _count(store, Observation)) == (1, 0)
    finally:
        window.close()
        store.close()


def test_a_value_saved_by_a_window_during_an_import_is_not_overwritten(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import's bulk UPDATE of observations carries the version it read, as every save
    does: a value a window saved meanwhile is kept, and the import says so."""
    store = _prepare_store(pg_url)
    path = _file(tmp_path)
    import_file(store, ImportRequest(path), Actor("test", ""))
    path.write_text("Code;Indicateur;Année;Valeur\nNEW-1;Conso (GWh);2019;13\n", encoding="utf-8")
    window = open_store(pg_url)

    def save() -> None:
        with window.transaction() as session:
            observation = session.exec(select(Observation).where(Observation.year == 2019)).one()
            changes.update(session, observation, {"value": Decimal("99")}, Actor("Paul", "ui"))

    _meanwhile(monkeypatch, bulk, "_write_updates", save)
    try:
        with pytest.raises(import_lock.ImportConflict):
            import_file(store, ImportRequest(path), Actor("test", ""))
        with store.session() as session:
            kept = session.exec(select(Observation).where(Observation.year == 2019)).one()
        assert (kept.value, kept.version) == (Decimal("99"), 2)
    finally:
        window.close()
        store.close()
