"""The store: migrations, revisions, backups, restore and the errors users can act on."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from desktop.models import Territory, TerritoryKind
from desktop.services import territories
from desktop.services.changes import Actor
from desktop.store import (
    StoreError,
    StoreLocked,
    StoreMissing,
    StoreNotAStore,
    StoreReadOnly,
    StoreTooNew,
    open_store,
    restore_store,
)
from desktop.store.backup import backup_dir_for, is_sqlite_file, prune_backups
from desktop.store.migrate import MIGRATIONS_DIR, head_revision, known_revisions

RESOURCES = Path(__file__).parent / "resources"
ACTOR = Actor(user="test", source="test")


def _populate(path: Path, name: str = "CA du Boulonnais") -> None:
    store = open_store(path)
    with store.transaction() as session:
        territories.create_territory(
            session, ACTOR, name=name, siren="246200364", kind=TerritoryKind.CA
        )
    store.close()


def _names(path: Path) -> list[str]:
    store = open_store(path)
    try:
        with store.session() as session:
            return list(session.exec(select(Territory.name)).all())
    finally:
        store.close()


def test_new_store_is_at_head_with_sqlite_settings(tmp_path: Path) -> None:
    store = open_store(tmp_path / "new.pcaet")
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == head_revision() == store.revision
    assert store.backups == []  # nothing to back up in a new file
    store.close()


def test_missing_store_is_not_created_when_asked_not_to(tmp_path: Path) -> None:
    with pytest.raises(StoreMissing):
        open_store(tmp_path / "absent.pcaet", create=False)
    assert not (tmp_path / "absent.pcaet").exists()


def test_older_store_is_backed_up_then_migrated(tmp_path: Path) -> None:
    """Every store shipped under tests/resources/stores (one per past revision) opens."""
    shipped = sorted((RESOURCES / "stores").glob("rev*.pcaet"))
    assert shipped, "keep a store of each released schema revision under tests/resources/stores"
    for source in shipped:
        copy = tmp_path / source.name
        copy.write_bytes(source.read_bytes())
        store = open_store(copy)
        assert store.revision == head_revision()
        with store.session() as session:
            assert session.exec(select(Territory)).first() is not None
        store.close()


NEXT_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "9999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("territory") as batch:
        batch.add_column(sa.Column("website", sa.String(200), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("territory") as batch:
        batch.drop_column("website")
"""


def test_migration_backs_up_before_upgrading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # GIVEN a store written by this release, and a code base with one more revision
    path = tmp_path / "old.pcaet"
    _populate(path)
    written_by = head_revision()
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    head = head_revision()
    (migrations / "versions" / "9999_territory_website.py").write_text(
        NEXT_REVISION.replace("{head}", head), encoding="utf-8"
    )
    monkeypatch.setattr("desktop.store.migrate.MIGRATIONS_DIR", migrations)
    # WHEN it is opened
    store = open_store(path)
    # THEN it was backed up first, under a name with the old revision, then migrated
    assert store.revision == "9999"
    assert len(store.backups) == 1
    assert store.backups[0].name.startswith(f"old-rev{written_by}-")
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT website FROM territory")).scalar() == ""
    store.close()
    backup_connection = sqlite3.connect(store.backups[0])
    columns = [row[1] for row in backup_connection.execute("PRAGMA table_info(territory)")]
    backup_connection.close()
    assert "website" not in columns  # the backup holds the store as it was


def test_unknown_revision_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.pcaet"
    _populate(path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = 'base_for_test'")
    connection.close()
    with pytest.raises(StoreTooNew):
        open_store(path)


def test_database_newer_than_code_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.pcaet"
    _populate(path)
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew) as raised:
        open_store(path)
    assert "9999_future" in str(raised.value)
    assert path.read_bytes() == before
    assert not backup_dir_for(path).exists()


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.pcaet"
    path.write_text("ceci n'est pas une base", encoding="utf-8")
    with pytest.raises(StoreNotAStore) as raised:
        open_store(path)
    assert str(path) in str(raised.value)
    assert path.read_text(encoding="utf-8") == "ceci n'est pas une base"


def test_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
    connection.close()
    with pytest.raises(StoreNotAStore):
        open_store(path)


def test_corrupt_store_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.pcaet"
    _populate(path)
    data = bytearray(path.read_bytes())
    # Keep the header, wreck the pages after it.
    for index in range(100, len(data)):
        data[index] = 0xA5
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with pytest.raises(StoreError) as raised:
        store = open_store(path)
        with store.session() as session:
            session.exec(select(Territory)).all()
    assert raised.value.message()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root ignores modes")
def test_read_only_store_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.pcaet"
    _populate(path)
    path.chmod(stat.S_IRUSR)
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(StoreReadOnly):
            store = open_store(path)
            with store.transaction() as session:
                territories.create_territory(session, ACTOR, name="x", kind=TerritoryKind.CC)
    finally:
        tmp_path.chmod(stat.S_IRWXU)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_error_is_classified() -> None:
    from desktop.store.errors import classify

    error = sqlite3.OperationalError("attempt to write a readonly database")
    assert isinstance(classify(error, "x"), StoreReadOnly)
    assert isinstance(
        classify(sqlite3.OperationalError("database or disk is full"), "x"), StoreError
    )


def test_locked_store_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.pcaet"
    _populate(path)
    monkeypatch.setattr("desktop.store.engine.BUSY_TIMEOUT_MS", 100)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        store = open_store(path)
        with pytest.raises(StoreLocked) as raised:
            with store.transaction() as session:
                territories.create_territory(session, ACTOR, name="x", kind=TerritoryKind.CC)
        assert "locked" in raised.value.message().lower() or raised.value.message()
        store.close()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert _names(path) == ["CA du Boulonnais"]


def test_failed_transaction_leaves_nothing(store, actor) -> None:
    with pytest.raises(RuntimeError):
        with store.transaction() as session:
            territories.create_territory(session, actor, name="A", kind=TerritoryKind.CC)
            raise RuntimeError("crash in the middle")
    with store.session() as session:
        assert session.exec(select(Territory)).all() == []


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path, "Before")
    store = open_store(path)
    backup_file = store.backup()
    store.close()
    assert is_sqlite_file(backup_file)
    assert backup_file.name.startswith(f"live-rev{head_revision()}-")
    # Change the store after the backup, then restore.
    store = open_store(path)
    with store.transaction() as session:
        territories.create_territory(session, ACTOR, name="After", kind=TerritoryKind.CC)
    store.close()
    assert sorted(_names(path)) == ["After", "Before"]
    safety = restore_store(path, backup_file)
    assert _names(path) == ["Before"]
    assert sorted(_names(safety)) == ["After", "Before"]  # the replaced content was kept


def test_restore_refuses_an_invalid_file_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    bogus = tmp_path / "bogus.pcaet"
    bogus.write_bytes(b"\x00" * 4096)
    with pytest.raises(StoreNotAStore):
        restore_store(path, bogus)
    assert _names(path) == ["CA du Boulonnais"]
    assert not backup_dir_for(path).exists()


def test_restore_refuses_a_newer_backup(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    newer = tmp_path / "newer.pcaet"
    _populate(newer, "Newer")
    connection = sqlite3.connect(newer)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    with pytest.raises(StoreTooNew):
        restore_store(path, newer)
    assert _names(path) == ["CA du Boulonnais"]


def test_prune_keeps_the_newest_backups(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    store = open_store(path)
    made = [store.backup() for _ in range(5)]
    store.close()
    for index, file in enumerate(made):
        os.utime(file, (1_000_000 + index, 1_000_000 + index))
    removed = prune_backups(path, keep=2)
    assert sorted(removed) == sorted(made[:3])
    assert all(f.exists() for f in made[3:])


def test_revisions_are_numbered_and_linear() -> None:
    revisions = known_revisions()
    assert revisions[0] == "0001"
    assert revisions[-1] == head_revision()
    assert [r[:4] for r in revisions] == sorted(r[:4] for r in revisions)


def test_read_only_database_refuses_writes_with_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "ro.pcaet"
    _populate(path)
    store = open_store(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StoreReadOnly) as raised:
        with store.transaction() as session:
            territories.create_territory(session, ACTOR, name="x", kind=TerritoryKind.CC)
    assert str(path) in raised.value.message()
    store.close()
    assert _names(path) == ["CA du Boulonnais"]
