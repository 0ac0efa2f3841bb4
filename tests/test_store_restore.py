"""Restore while others use the store: one write lock for the safety backup and the swap, a
bounded and announced wait, and windows that notice their store was replaced."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text
from support.stores import migrations_with_next_revision, populated, territory_names

from desktop.models import TerritoryKind
from desktop.services import territories
from desktop.services.changes import Actor
from desktop.store import StoreError, open_store, restore_store
from desktop.store.backup import backup_dir_for
from desktop.store.errors import StoreInUse, StoreReplaced

ACTOR = Actor(user="test", source="test")


def _populate(path: Path, *names: str) -> None:
    populated(path, names[0], siren=None, kind="cc")
    if len(names) > 1:
        store = open_store(path)
        with store.transaction() as session:
            for name in names[1:]:
                territories.create_territory(session, ACTOR, name=name, kind=TerritoryKind.CC)
        store.close()


_names = territory_names


@pytest.fixture
def live_and_backup(tmp_path: Path) -> tuple[Path, Path]:
    live = tmp_path / "live.pcaet"
    _populate(live, "Live")
    backup = tmp_path / "backup.pcaet"
    _populate(backup, "From backup")
    return live, backup


def test_a_save_committed_during_the_restore_is_in_the_safety_backup(
    live_and_backup: tuple[Path, Path],
) -> None:
    live, backup = live_and_backup
    # GIVEN another program in the middle of a save
    writer = sqlite3.connect(live, isolation_level=None, timeout=5, check_same_thread=False)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE territory SET name = 'Concurrent save', version = version + 1")
    waited: list[float] = []

    def commit_soon() -> None:
        while not waited:
            time.sleep(0.01)
        time.sleep(0.3)
        writer.execute("COMMIT")

    thread = threading.Thread(target=commit_soon)
    thread.start()
    # WHEN the restore runs meanwhile
    try:
        safety = restore_store(live, backup, on_wait=waited.append)
    finally:
        thread.join()
        writer.close()
    # THEN it waited (and said so), the save is in the safety backup, the store is the backup
    assert waited == [10.0]
    assert _names(safety) == ["Concurrent save"]
    assert _names(live) == ["From backup"]


def test_a_store_kept_locked_is_refused_after_a_bounded_announced_wait(
    live_and_backup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    live, backup = live_and_backup
    monkeypatch.setattr("desktop.store.restore.LOCK_TIMEOUT_SECONDS", 0.6)
    blocker = sqlite3.connect(live, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    waited: list[float] = []
    started = time.monotonic()
    try:
        with pytest.raises(StoreInUse) as raised:
            restore_store(live, backup, on_wait=waited.append)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert time.monotonic() - started < 30  # bounded, not a hang
    assert waited == [0.6]
    assert "0.6" in str(raised.value)
    assert _names(live) == ["Live"]
    # no safety backup was taken, no partial file is left
    assert not any(backup_dir_for(live).glob("*")) if backup_dir_for(live).exists() else True
    assert not list(live.parent.glob(".pcaet-restore-*"))


def test_cli_restore_of_a_locked_store_says_it_is_in_use(
    live_and_backup: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli.main import main

    live, backup = live_and_backup
    monkeypatch.setattr("desktop.store.restore.LOCK_TIMEOUT_SECONDS", 0.4)
    blocker = sqlite3.connect(live, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        code = main(["--lang", "en", "restore", "--db", str(live), str(backup)])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    err = capsys.readouterr().err
    assert code == 1
    assert "waiting up to 0.4 s" in err
    assert "is in use" in err and "Traceback" not in err
    assert _names(live) == ["Live"]


def test_a_window_left_open_across_a_restore_does_not_write_by_id(
    live_and_backup: tuple[Path, Path],
) -> None:
    live, backup = live_and_backup
    window_store = open_store(live)
    with window_store.session() as session:
        before = window_store.generation
        territory_id = session.exec(text("SELECT id FROM territory")).scalar()  # type: ignore[call-overload]
    restore_store(live, backup)  # from another window or the command line
    assert window_store.was_replaced()
    with pytest.raises(StoreReplaced):
        with window_store.transaction() as session:
            session.exec(  # type: ignore[call-overload]
                text("UPDATE territory SET name = 'edited by id' WHERE id = :id"),
                params={"id": territory_id},
            )
    window_store.close()
    assert _names(live) == ["From backup"]
    reopened = open_store(live)
    assert reopened.generation > before
    with reopened.transaction() as session:  # a fresh open writes normally
        territories.create_territory(session, ACTOR, name="After", kind=TerritoryKind.CC)
    reopened.close()


def test_generations_only_grow(live_and_backup: tuple[Path, Path], tmp_path: Path) -> None:
    live, backup = live_and_backup
    seen = []
    for _round in range(3):
        restore_store(live, backup)
        store = open_store(live)
        seen.append(store.generation)
        store.close()
    assert seen == sorted(set(seen))


def test_restore_over_a_damaged_store_keeps_its_bytes(
    live_and_backup: tuple[Path, Path],
) -> None:
    live, backup = live_and_backup
    data = bytearray(live.read_bytes())
    for index in range(100, len(data)):
        data[index] = 0xA5
    live.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(live) + suffix).unlink(missing_ok=True)
    safety = restore_store(live, backup)
    assert safety.read_bytes() == bytes(data)
    assert _names(live) == ["From backup"]


def test_restore_reads_a_backup_whose_last_saves_are_in_its_wal(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live, "Live")
    source = tmp_path / "open-elsewhere.pcaet"
    _populate(source, "First")
    holder = sqlite3.connect(source)  # keeps the WAL from being checkpointed away
    holder.execute("SELECT 1").fetchall()
    store = open_store(source)
    with store.transaction() as session:
        territories.create_territory(session, ACTOR, name="In the WAL", kind=TerritoryKind.CC)
    store.close()
    try:
        restore_store(live, source)
    finally:
        holder.close()
    assert _names(live) == ["First", "In the WAL"]


def test_an_older_backup_is_migrated_before_the_swap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old_backup = tmp_path / "old.pcaet"
    _populate(old_backup, "Old")
    migrations = migrations_with_next_revision(tmp_path)
    monkeypatch.setattr("desktop.store.migrate.MIGRATIONS_DIR", migrations)
    live = tmp_path / "live.pcaet"
    _populate(live, "Live")  # created at the new head
    before = old_backup.read_bytes()
    restore_store(live, old_backup)
    assert old_backup.read_bytes() == before  # the file restored from is never changed
    connection = sqlite3.connect(live)
    rows = connection.execute("SELECT name, website FROM territory").fetchall()
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    connection.close()
    assert rows == [("Old", "")] and revision == "0099"


def test_a_missing_backup_file_is_said(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live, "Live")
    with pytest.raises(StoreError) as raised:
        restore_store(live, tmp_path / "absent.pcaet")
    assert "absent.pcaet" in str(raised.value)
    assert _names(live) == ["Live"]
