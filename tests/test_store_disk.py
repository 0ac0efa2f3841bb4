"""Full disks, leftovers of killed backups, pruning, and store names near the 255-byte limit."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.mounts import run_on_small_fs
from support.stores import migrations_with_next_revision, populated

from desktop.services.changes import Actor
from desktop.settings import UserSettings
from desktop.store import StoreCorrupt, StoreDiskFull, open_store, restore_store
from desktop.store.backup import backup_dir_for, clean_leftovers, held_partial
from desktop.store.errors import StoreIOError, classify

ACTOR = Actor(user="test", source="test")
SIREN = "246200364"


def _populate(path: Path, name: str = "CA du Boulonnais") -> None:
    populated(path, name, siren=SIREN)


def _sqlite_error(message: str, code: int) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    error.sqlite_errorcode = code  # type: ignore[attr-defined]
    return error


# -- a full disk is not a damaged store ------------------------------------------------------


def test_sqlite_full_is_a_full_disk() -> None:
    assert isinstance(
        classify(_sqlite_error("database or disk is full", 13), "/x/s.pcaet"), StoreDiskFull
    )


def test_an_io_error_on_a_full_disk_is_a_full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr("shutil.disk_usage", lambda _p: usage(10, 10, 0))
    error = _sqlite_error("disk I/O error", 778)  # SQLITE_IOERR_WRITE
    assert isinstance(classify(error, "/tmp/s.pcaet"), StoreDiskFull)


def test_an_io_error_with_free_space_is_not_called_damage(tmp_path: Path) -> None:
    known = classify(_sqlite_error("disk I/O error", 266), str(tmp_path / "s.pcaet"))
    assert isinstance(known, StoreIOError) and not isinstance(known, StoreCorrupt)
    assert "Restore the latest backup" not in known.message()


def test_a_malformed_database_is_still_damage() -> None:
    assert isinstance(
        classify(_sqlite_error("database disk image is malformed", 11), "x"), StoreCorrupt
    )


FILL_UNTIL_FULL = textwrap.dedent(
    """
    import json, sqlite3, sys
    from pathlib import Path
    from sqlalchemy import text
    from desktop.store import StoreError, open_store
    folder = Path(sys.argv[1])
    path = folder / "store.pcaet"
    store = open_store(path)
    found = {}
    try:
        with store.transaction() as session:
            for index in range(400):
                session.exec(text("INSERT INTO store_setting (key, value) VALUES (:k, :v)"),
                             params={"k": f"filler{index}", "v": "x" * 20000})
        found["error"] = None
    except StoreError as error:
        found["error"] = type(error).__name__
        found["message"] = str(error)
    store.close()
    connection = sqlite3.connect(path)
    found["integrity"] = connection.execute("PRAGMA integrity_check").fetchone()[0]
    found["rows"] = connection.execute("SELECT count(*) FROM store_setting").fetchone()[0]
    connection.close()
    print(json.dumps(found))
    """
)


def test_a_write_on_a_full_disk_says_the_disk_is_full(tmp_path: Path) -> None:
    result = run_on_small_fs(tmp_path / "small", FILL_UNTIL_FULL, size_kb=1536)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["error"] == "StoreDiskFull", found
    assert "full" in found["message"]
    assert found["integrity"] == "ok" and found["rows"] == 0


IMPORT_ON_A_FULL_DISK = textwrap.dedent(
    """
    import json, os, subprocess, sys
    from pathlib import Path
    folder = Path(sys.argv[1])
    # leave less room than a backup of the store needs
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    store_size = (folder / "store.pcaet").stat().st_size
    with open(folder / "filler", "wb") as handle:
        handle.write(b"\\0" * max(0, free - store_size // 2))
    result = subprocess.run([sys.executable, "-m", "desktop.cli.main", "--lang", "en", "import",
                             "--db", str(folder / "store.pcaet"), sys.argv[2]],
                            capture_output=True, text=True)
    leftovers = [p.name for p in folder.rglob("*") if ".partial" in p.name]
    print(json.dumps({"code": result.returncode, "err": result.stderr, "left": leftovers}))
    """
)


def test_an_import_that_cannot_back_up_for_lack_of_space_changes_nothing(
    tmp_path: Path,
) -> None:
    small = tmp_path / "small"
    small.mkdir()
    _populate(small / "store.pcaet")
    sheet = tmp_path / "obs.csv"
    sheet.write_text("Indicateur;Année;Valeur\nConso (GWh);2019;1234,5\n", encoding="utf-8")
    result = run_on_small_fs(small, IMPORT_ON_A_FULL_DISK, str(sheet), size_kb=4096)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["code"] == 1, found
    assert "full" in found["err"] and "Traceback" not in found["err"]
    assert found["left"] == []


# -- leftovers --------------------------------------------------------------------------------


def test_partial_files_of_killed_backups_and_restores_are_removed_at_open(
    tmp_path: Path,
) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    folder = backup_dir_for(path)
    folder.mkdir()
    stale = [
        folder / "live-rev0001-20260101-000000-000000.pcaet.partial",
        folder / "live-rev0001-20260101-000000-000000.pcaet.partial-journal",
        tmp_path / ".pcaet-restore-0123456789ab.partial",
        tmp_path / ".pcaet-restore-0123456789ab.partial-wal",
    ]
    for file in stale:
        file.write_bytes(b"half")
    unrelated = tmp_path / "settings.json.partial"
    unrelated.write_text("{}")
    open_store(path).close()
    assert [f for f in stale if f.exists()] == []
    assert unrelated.exists()  # not ours to remove


def test_a_partial_file_being_written_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    folder = backup_dir_for(path)
    folder.mkdir()
    busy = folder / "live-rev0001-20260101-000000-000001.pcaet.partial"
    # held by another process, as a running backup holds its partial file
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path\n"
            "from desktop.store.backup import held_partial\n"
            "with held_partial(Path(sys.argv[1])):\n"
            "    print('held', flush=True); sys.stdin.read()\n",
            str(busy),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert clean_leftovers(path) == []
        assert busy.exists()
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    assert not busy.exists()  # its writer removed it on the way out


def test_held_partial_removes_itself_on_error(tmp_path: Path) -> None:
    partial = tmp_path / "x.pcaet.partial"
    with pytest.raises(RuntimeError):
        with held_partial(partial):
            partial.write_bytes(b"half")
            raise RuntimeError("disk full")
    assert not partial.exists()


# -- pruning ----------------------------------------------------------------------------------


def _retention(keep: int) -> None:
    settings = UserSettings.load()
    settings.backup_retention = keep
    settings.save()


def test_cli_backups_are_pruned_to_the_retention_setting(tmp_path: Path) -> None:
    from desktop.cli.main import main

    _retention(2)
    path = tmp_path / "live.pcaet"
    _populate(path)
    for _round in range(4):
        assert main(["backup", "--db", str(path)]) == 0
    assert len(list(backup_dir_for(path).glob("live-rev*.pcaet"))) == 2


def test_cli_imports_prune_their_backups(tmp_path: Path) -> None:
    from desktop.cli.main import main

    _retention(2)
    path = tmp_path / "live.pcaet"
    _populate(path)
    for year in range(2015, 2020):
        sheet = tmp_path / f"obs{year}.csv"
        sheet.write_text(f"Indicateur;Année;Valeur\nConso (GWh);{year};12\n", encoding="utf-8")
        assert main(["import", "--db", str(path), str(sheet)]) == 0
    assert len(list(backup_dir_for(path).glob("live-rev*.pcaet"))) == 2


def test_restore_prunes_too(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    other = tmp_path / "other.pcaet"
    _populate(other, "Other")
    for _round in range(3):
        restore_store(path, other, keep_backups=1)
    assert len(list(backup_dir_for(path).glob("live-rev*.pcaet"))) == 1


# -- long names -------------------------------------------------------------------------------


def _long_name(tmp_path: Path, length: int = 240) -> Path:
    stem = ("Communauté-d'agglomération-du-Boulonnais-" * 10).encode()[: length - 6]
    return tmp_path / (stem.decode("utf-8", errors="ignore") + ".pcaet")


def test_a_store_with_a_very_long_name_can_be_imported_into_and_backed_up(
    tmp_path: Path,
) -> None:
    from desktop.cli.main import main

    path = _long_name(tmp_path)
    assert len(path.name.encode()) > 230
    _populate(path)
    sheet = tmp_path / "obs.csv"
    sheet.write_text("Indicateur;Année;Valeur\nConso (GWh);2019;12\n", encoding="utf-8")
    assert main(["import", "--db", str(path), str(sheet)]) == 0
    assert main(["backup", "--db", str(path)]) == 0
    made = list(backup_dir_for(path).iterdir())
    assert len(made) == 2 and all(len(f.name.encode()) <= 239 for f in made)
    # pruning recognises them as this store's
    _retention(1)
    assert main(["backup", "--db", str(path)]) == 0
    assert len(list(backup_dir_for(path).iterdir())) == 1
    # and they restore
    restore_store(path, next(backup_dir_for(path).iterdir()))


def test_a_store_with_a_very_long_name_is_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _long_name(tmp_path)
    _populate(path)
    migrations = migrations_with_next_revision(tmp_path)
    monkeypatch.setattr("desktop.store.migrate.MIGRATIONS_DIR", migrations)
    store = open_store(path)
    assert store.revision == "0099" and len(store.backups) == 1
    assert len(store.backups[0].name.encode()) <= 239
    store.close()


def test_names_of_other_stores_in_the_folder_are_not_pruned(tmp_path: Path) -> None:
    path = tmp_path / "live.pcaet"
    _populate(path)
    other = tmp_path / "live-2.pcaet"
    _populate(other, "Other")
    a = open_store(path)
    b = open_store(other)
    for _round in range(3):
        a.backup()
        b.backup()
    a.close()
    b.close()
    from desktop.store.backup import prune_backups

    prune_backups(path, 1)
    names = sorted(f.name for f in backup_dir_for(path).iterdir())
    assert sum(n.startswith("live-2-rev") for n in names) == 3
    assert sum(n.startswith("live-rev") for n in names) == 1
    assert os.path.exists(other)


BACKUP_ON_A_FULL_DISK = textwrap.dedent(
    """
    import json, os, sys
    from pathlib import Path
    import desktop.store.backup as backup
    from desktop.store import StoreError, open_store
    folder = Path(sys.argv[1])
    store = open_store(folder / "store.pcaet")
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as handle:
        handle.write(b"\\0" * max(0, free - 64 * 1024))
    backup.ensure_space = lambda *args, **kwargs: None  # let SQLite itself hit the wall
    found = {}
    try:
        store.backup()
    except StoreError as error:
        found["error"] = type(error).__name__
    store.close()
    found["left"] = [p.name for p in folder.rglob("*") if ".partial" in p.name]
    print(json.dumps(found))
    """
)


def test_a_backup_stopped_by_a_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    small = tmp_path / "small"
    small.mkdir()
    _populate(small / "store.pcaet")
    result = run_on_small_fs(small, BACKUP_ON_A_FULL_DISK, size_kb=4096)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"error": "StoreDiskFull", "left": []}


def test_a_store_opened_without_saying_keeps_the_users_retention(tmp_path: Path) -> None:
    """The window's first store is opened at start-up without naming a retention."""
    _retention(2)
    path = tmp_path / "live.pcaet"
    _populate(path)
    store = open_store(path)
    for _round in range(4):
        store.backup()
    store.close()
    assert len(list(backup_dir_for(path).glob("live-rev*.pcaet"))) == 2


OPEN_READ_ONLY = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from sqlalchemy import text
    from desktop.store import open_store
    store = open_store(Path(sys.argv[1]) / "store.pcaet")
    with store.session() as session:
        names = [row[0] for row in session.exec(text("SELECT name FROM territory"))]
    store.close()
    print(json.dumps(names))
    """
)


def test_a_store_on_a_read_only_medium_with_leftovers_still_opens(tmp_path: Path) -> None:
    medium = tmp_path / "medium"
    medium.mkdir()
    _populate(medium / "store.pcaet")
    connection = sqlite3.connect(medium / "store.pcaet", isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")  # as copied onto a CD or a share
    connection.close()
    (medium / "backups").mkdir()
    (medium / "backups" / "store-rev0001-20260101-000000-000000.pcaet.partial").write_bytes(b"x")
    result = run_on_small_fs(medium, OPEN_READ_ONLY, read_only=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == ["CA du Boulonnais"]
