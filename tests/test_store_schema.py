"""Store files from elsewhere: their schema must be exactly what the migrations create, and
anything that is not a regular file is refused without being opened."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import select
from support.stores import populated, territory_names

from desktop.models import Territory
from desktop.services.changes import Actor
from desktop.store import (
    StoreError,
    StoreNotAStore,
    open_store,
    restore_store,
)
from desktop.store.backup import backup_dir_for
from desktop.store.errors import StoreForeignSchema, StoreNoRevision, StoreNotAFile
from desktop.store.schema import expected_layout, read_layout
from desktop.store.verify import verify_store_file

ACTOR = Actor(user="test", source="test")


@pytest.fixture(autouse=True)
def _english() -> None:
    """The objects are named in the user's language; these tests read the English words."""
    from desktop import i18n

    i18n.set_language("en")


RESOURCES = Path(__file__).parent / "resources"


def _populate(path: Path, name: str = "CA du Boulonnais") -> None:
    populated(path, name)


_names = territory_names


def _craft(path: Path, *statements: str) -> None:
    """Alter a store file by hand, as someone preparing a hostile file would."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.close()


def _rewrite_table(table: str, old: str, new: str) -> tuple[str, ...]:
    """Statements that replace ``old`` by ``new`` in the CREATE TABLE text of ``table``."""
    return (
        "PRAGMA writable_schema = ON",
        f"UPDATE sqlite_master SET sql = replace(sql, '{old}', '{new}') "
        f"WHERE type = 'table' AND name = '{table}' AND instr(sql, '{old}') > 0",
        "PRAGMA writable_schema = OFF",
    )


CRAFTS: dict[str, tuple[tuple[str, ...], str]] = {
    "trigger": (
        ("CREATE TRIGGER wipe AFTER INSERT ON action BEGIN DELETE FROM observation; END",),
        "trigger wipe",
    ),
    "view": (("CREATE VIEW everything AS SELECT * FROM territory",), "view everything"),
    "table": (("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",), "table notes"),
    "index": (("CREATE INDEX ix_sneaky ON territory (population)",), "index ix_sneaky"),
    "renamed column": (
        ("ALTER TABLE territory RENAME COLUMN population TO inhabitants",),
        "column territory.inhabitants",
    ),
    "added column": (("ALTER TABLE territory ADD COLUMN extra TEXT",), "column territory.extra"),
    "dropped index": (("DROP INDEX ix_change_log_entity",), "index ix_change_log_entity"),
    "page size": (("PRAGMA page_size = 8192", "VACUUM"), "page size 8192"),
    "virtual table": (
        ("CREATE VIRTUAL TABLE fts USING fts4(body)",),
        "fts",
    ),
    # CHECK constraints and collations live only in the text of CREATE TABLE: SQLite cannot
    # ALTER them, so a hostile file rewrites that text in sqlite_master.
    "extra check": (
        _rewrite_table("territory", "PRIMARY KEY (id)", "PRIMARY KEY (id), CHECK (id < 2)"),
        "CHECK constraint on territory: id < 2",
    ),
    "altered check": (
        _rewrite_table("action", "progress_percent <= 100", "progress_percent <= -1"),
        "progress_percent <= -1",
    ),
    "column check": (
        _rewrite_table(
            "territory", "version INTEGER NOT NULL", "version INTEGER NOT NULL CHECK (version < 2)"
        ),
        "CHECK constraint on territory: version < 2",
    ),
    "on conflict": (
        _rewrite_table("territory", "UNIQUE (siren)", "UNIQUE (siren) ON CONFLICT REPLACE"),
        "ON CONFLICT clause on territory: unique (siren) on conflict replace",
    ),
    "collation": (
        _rewrite_table("territory", "name VARCHAR(200)", "name VARCHAR(200) COLLATE NOCASE"),
        "collation NOCASE of column territory.name",
    ),
}


@pytest.fixture
def crafted(tmp_path: Path) -> Callable[[str], Path]:
    def make(case: str) -> Path:
        path = tmp_path / f"{case.replace(' ', '-')}.pcaet"
        _populate(path, "Crafted")
        statements, _name = CRAFTS[case]
        _craft(path, *statements)
        return path

    return make


def test_expected_layout_is_what_a_new_store_holds(tmp_path: Path) -> None:
    path = tmp_path / "new.pcaet"
    _populate(path)
    connection = sqlite3.connect(path)
    try:
        actual = read_layout(connection)
    finally:
        connection.close()
    from desktop.store.migrate import head_revision

    expected = expected_layout(head_revision())
    assert dict(actual.objects) == dict(expected.objects)
    assert any(key.startswith("trigger") is False for key in expected.objects)
    assert "column territory.name" in expected.objects


def test_shipped_older_stores_pass_the_check() -> None:
    for source in sorted((RESOURCES / "stores").glob("rev*.pcaet")):
        assert verify_store_file(source, integrity=True) is not None


@pytest.mark.parametrize("case", sorted(CRAFTS))
def test_opening_a_crafted_store_is_refused_untouched(
    case: str, crafted: Callable[[str], Path]
) -> None:
    path = crafted(case)
    before = path.read_bytes()
    with pytest.raises(StoreForeignSchema) as raised:
        open_store(path)
    assert CRAFTS[case][1] in str(raised.value)
    assert path.read_bytes() == before
    assert not backup_dir_for(path).exists()


@pytest.mark.parametrize("case", sorted(CRAFTS))
def test_restoring_a_crafted_store_is_refused_before_touching_the_store(
    case: str, crafted: Callable[[str], Path], tmp_path: Path
) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    candidate = crafted(case)
    with pytest.raises(StoreForeignSchema) as raised:
        restore_store(live, candidate)
    assert CRAFTS[case][1] in str(raised.value)
    assert _names(live) == ["CA du Boulonnais"]
    assert not backup_dir_for(live).exists()


def test_the_trigger_would_have_wiped_observations(tmp_path: Path) -> None:
    """Why it matters: with the trigger in place, the next action saved deletes every value."""
    path = tmp_path / "proof.pcaet"
    _populate(path)
    _craft(path, CRAFTS["trigger"][0][0])
    connection = sqlite3.connect(path)
    triggers = connection.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall()
    connection.close()
    assert triggers == [("wipe",)]


def _crafted_sql(path: Path, table: str) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(
            connection.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[
                0
            ]
        )
    finally:
        connection.close()


@pytest.mark.parametrize(
    "case",
    ["extra check", "altered check", "column check", "collation", "on conflict"],
)
def test_the_crafted_definition_is_in_the_file(case: str, crafted: Callable[[str], Path]) -> None:
    """The rewrites took: a craft whose text was not found would prove nothing."""
    path = crafted(case)
    table, new = {
        "extra check": ("territory", "CHECK (id < 2)"),
        "altered check": ("action", "progress_percent <= -1"),
        "column check": ("territory", "CHECK (version < 2)"),
        "collation": ("territory", "COLLATE NOCASE"),
        "on conflict": ("territory", "ON CONFLICT REPLACE"),
    }[case]
    assert new in _crafted_sql(path, table)


def test_the_check_would_have_refused_every_new_territory(tmp_path: Path) -> None:
    """Why it matters: with the extra CHECK, every territory saved later fails."""
    path = tmp_path / "proof.pcaet"
    _populate(path)
    _craft(path, *CRAFTS["extra check"][0])
    connection = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            connection.execute(
                "INSERT INTO territory (uuid, created_at, updated_at, version, name, kind, "
                "country, description) VALUES ('u', 0, 0, 1, 'New', 'ca', 'FR', '')"
            )
    finally:
        connection.close()


def test_on_conflict_replace_would_have_deleted_a_territory_silently(tmp_path: Path) -> None:
    """Why it matters: a second territory with the same SIREN replaces the first, unasked."""
    path = tmp_path / "proof.pcaet"
    _populate(path)
    _craft(path, *CRAFTS["on conflict"][0])
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            "INSERT INTO territory (uuid, created_at, updated_at, version, name, siren, kind, "
            "country, description) VALUES ('u', 0, 0, 1, 'Intruder', '246200364', 'ca', 'FR', '')"
        )
        names = [row[0] for row in connection.execute("SELECT name FROM territory")]
    finally:
        connection.close()
    assert names == ["Intruder"]


def test_the_collation_would_have_reordered_the_territories(tmp_path: Path) -> None:
    """Why it matters: under NOCASE, names sort (and compare) otherwise than the code expects."""
    path = tmp_path / "proof.pcaet"
    _populate(path)
    _craft(path, *CRAFTS["collation"][0])
    connection = sqlite3.connect(path)
    try:
        connection.execute(
            "INSERT INTO territory (uuid, created_at, updated_at, version, name, kind, "
            "country, description) VALUES ('u', 0, 0, 1, 'agglo', 'ca', 'FR', '')"
        )
        ordered = [row[0] for row in connection.execute("SELECT name FROM territory ORDER BY name")]
        same = connection.execute("SELECT count(*) FROM territory WHERE name = 'AGGLO'").fetchone()
    finally:
        connection.close()
    assert ordered == ["agglo", "CA du Boulonnais"]  # BINARY would put "CA..." first
    assert same == (1,)


@pytest.mark.parametrize(
    "statements",
    [
        ("DELETE FROM alembic_version",),
        ("INSERT INTO alembic_version VALUES ('0000')",),
        ("UPDATE alembic_version SET version_num = ''",),
    ],
    ids=["empty", "two rows", "blank"],
)
def test_odd_alembic_version_is_refused(statements: tuple[str, ...], tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    candidate = tmp_path / "odd.pcaet"
    _populate(candidate, "Odd")
    _craft(candidate, *statements)
    before = candidate.read_bytes()
    with pytest.raises(StoreNoRevision):
        open_store(candidate)
    assert candidate.read_bytes() == before
    with pytest.raises(StoreNoRevision):
        restore_store(live, candidate)
    assert _names(live) == ["CA du Boulonnais"]
    assert not backup_dir_for(live).exists()


def test_cli_restore_of_an_empty_revision_says_nothing_was_restored_and_means_it(
    tmp_path: Path,
) -> None:
    from desktop.cli.main import main

    live = tmp_path / "live.pcaet"
    _populate(live)
    candidate = tmp_path / "odd.pcaet"
    _populate(candidate, "Odd")
    _craft(candidate, "DELETE FROM alembic_version")
    assert main(["--lang", "en", "restore", "--db", str(live), str(candidate)]) == 1
    assert _names(live) == ["CA du Boulonnais"]


def test_cli_restore_names_the_foreign_trigger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.cli.main import main

    live = tmp_path / "live.pcaet"
    _populate(live)
    candidate = tmp_path / "crafted.pcaet"
    _populate(candidate, "Crafted")
    _craft(candidate, CRAFTS["trigger"][0][0])
    code = main(["--lang", "en", "restore", "--db", str(live), str(candidate)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Nothing was restored" in err and "trigger wipe" in err
    assert "Traceback" not in err
    assert _names(live) == ["CA du Boulonnais"]


def test_a_foreign_trigger_in_a_backup_is_not_restored_from_the_window_path(
    tmp_path: Path,
) -> None:
    """Backups the application itself lists are checked as strictly as a file from a mail."""
    live = tmp_path / "live.pcaet"
    _populate(live)
    store = open_store(live)
    made = store.backup()
    store.close()
    _craft(made, CRAFTS["trigger"][0][0])
    with pytest.raises(StoreForeignSchema):
        restore_store(live, made)
    assert _names(live) == ["CA du Boulonnais"]


# -- files that are not regular files -------------------------------------------------------


def _run_with_timeout(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    fifo = tmp_path / "pipe.pcaet"
    os.mkfifo(fifo)
    # In a child process: a hang must fail the test, not block the suite.
    result = _run_with_timeout(
        "import sys\n"
        "from pathlib import Path\n"
        "from desktop.store import StoreError, open_store, restore_store\n"
        f"live, fifo = Path({str(live)!r}), Path({str(fifo)!r})\n"
        "for attempt in (lambda: restore_store(live, fifo), lambda: open_store(fifo)):\n"
        "    try:\n"
        "        attempt()\n"
        "    except StoreError as error:\n"
        "        print(type(error).__name__, error.detail)\n",
        timeout=60,
    )
    assert result.stdout.split("\n")[:2] == ["StoreNotAFile special", "StoreNotAFile special"]
    assert _names(live) == ["CA du Boulonnais"]


def test_a_symlink_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    real = tmp_path / "real.pcaet"
    _populate(real, "Real")
    link = tmp_path / "link.pcaet"
    link.symlink_to(real)
    with pytest.raises(StoreNotAFile) as raised:
        restore_store(live, link)
    assert raised.value.detail == "link"
    with pytest.raises(StoreNotAFile):
        open_store(link)
    assert _names(live) == ["CA du Boulonnais"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    folder = tmp_path / "folder.pcaet"
    folder.mkdir()
    with pytest.raises(StoreNotAFile) as raised:
        restore_store(live, folder)
    assert raised.value.detail == "folder"
    with pytest.raises(StoreNotAFile):
        open_store(folder)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    with pytest.raises(StoreNotAFile) as raised:
        restore_store(live, Path("/dev/zero"))
    assert raised.value.detail == "special"


def test_a_store_that_is_a_link_is_refused_as_the_target_of_a_restore(tmp_path: Path) -> None:
    real = tmp_path / "real.pcaet"
    _populate(real, "Real")
    link = tmp_path / "link.pcaet"
    link.symlink_to(real)
    backup = tmp_path / "backup.pcaet"
    _populate(backup, "Backup")
    with pytest.raises(StoreNotAFile):
        restore_store(link, backup)
    assert _names(real) == ["Real"]


def test_a_plain_foreign_database_is_still_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "songs.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY)")
    connection.close()
    with pytest.raises(StoreNotAStore):
        open_store(path)
    live = tmp_path / "live.pcaet"
    _populate(live)
    with pytest.raises(StoreNotAStore):
        restore_store(live, path)


def test_a_good_store_still_opens_and_restores(tmp_path: Path) -> None:
    live = tmp_path / "live.pcaet"
    _populate(live)
    other = tmp_path / "other.pcaet"
    _populate(other, "Other")
    shutil.copy(other, tmp_path / "copy.pcaet")
    restore_store(live, tmp_path / "copy.pcaet")
    store = open_store(live)
    with store.session() as session:
        assert list(session.exec(select(Territory.name))) == ["Other"]
    store.close()


def test_the_differences_are_named_in_the_users_language(tmp_path: Path) -> None:
    from desktop import i18n

    path = tmp_path / "crafted.pcaet"
    _populate(path)
    _craft(path, CRAFTS["trigger"][0][0], CRAFTS["view"][0][0])
    i18n.set_language("fr")
    with pytest.raises(StoreForeignSchema) as raised:
        open_store(path)
    assert "déclencheur wipe" in str(raised.value) and "vue everything" in str(raised.value)


def test_every_refusal_is_a_store_error_with_a_message() -> None:
    for error in (
        StoreForeignSchema("x", "trigger t"),
        StoreNoRevision("x"),
        StoreNotAFile("x", "link"),
        StoreNotAFile("x", "folder"),
        StoreNotAFile("x", "special"),
    ):
        assert isinstance(error, StoreError) and "x" in error.message()


def test_checks_and_collations_do_not_depend_on_how_the_table_text_is_written() -> None:
    """Spacing, quoting, case and comments change with the writer, never the constraints."""
    from desktop.store.table_sql import table_extras

    plain = "CREATE TABLE t (id INTEGER, name VARCHAR(20) COLLATE NOCASE, CHECK (id >= 0))"
    written_otherwise = (
        'create table "t"(\n\t"ID" integer, -- key\n\t[name] varchar( 20 ) collate "nocase",\n'
        "\tconstraint ck_t /* named */ check(  ID>=0 ))"
    )
    expected = table_extras(plain, ["id", "name"])
    assert table_extras(written_otherwise, ["id", "name"]) == expected
    assert expected.checks == ("id >= 0",)
    assert expected.collations == (("name", "NOCASE"),)
    assert table_extras("CREATE TABLE t (name TEXT COLLATE BINARY)", ["name"]).collations == ()


def test_on_conflict_clauses_and_table_options_are_read() -> None:
    """A table rebuilt WITHOUT ROWID or STRICT (it cannot be rewritten in place: its pages
    change) or with ON CONFLICT REPLACE differs from what the migrations create."""
    from desktop.store.table_sql import table_extras

    extras = table_extras(
        "CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT REPLACE, name TEXT NOT NULL "
        "ON CONFLICT IGNORE, UNIQUE (name) ON CONFLICT REPLACE) WITHOUT ROWID, STRICT",
        ["id", "name"],
    )
    assert extras.conflicts == (
        "id integer primary key on conflict replace",
        "name text not null on conflict ignore",
        "unique (name) on conflict replace",
    )
    assert extras.options == "without rowid, strict"
    assert table_extras("CREATE TABLE t (id INTEGER) -- note", ["id"]).options == ""


def test_a_foreign_check_and_collation_are_named_in_the_users_language(
    crafted: Callable[[str], Path],
) -> None:
    from desktop import i18n

    i18n.set_language("fr")
    for case, words in (
        ("extra check", "contrainte CHECK sur territory : id < 2"),
        ("collation", "collation NOCASE de la colonne territory.name"),
    ):
        with pytest.raises(StoreForeignSchema) as raised:
            open_store(crafted(case))
        assert words in str(raised.value)
