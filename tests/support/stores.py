"""Stores for the tests, copied from templates made once per session: creating a store runs
the migrations (half a second; the demo takes seconds more), and the suite needs hundreds."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from functools import cache
from pathlib import Path


def make_template(path: Path) -> Path:
    """Make the store at ``path`` (closed) a template: one file, whole, that a byte copy takes."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = DELETE")  # folds the WAL into the file
    finally:
        connection.close()
    return path


def empty_template(path: Path) -> Path:
    """A migrated store holding nothing but what the migrations install (the referential)."""
    from desktop.store import open_store

    # keep_backups given: the user's retention setting is not read (no data folder is set up
    # yet when session fixtures run), and a new store makes no backup anyway.
    open_store(path, keep_backups=1).close()
    return make_template(path)


def copy_store(template: Path, path: Path, *, new_identity: bool = True) -> Path:
    """A store at ``path`` copied from ``template``, as ``open_store`` would have created it:
    with an offline-copy identity of its own (migration 0005 gives every new store one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template, path)
    if new_identity:
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            connection.execute(
                "UPDATE sync_replica SET replica = ?, dataset = ?",
                (str(uuid.uuid4()), str(uuid.uuid4())),
            )
        finally:
            connection.close()
    return path


@cache
def _template() -> Path:
    from desktop.models import TerritoryKind
    from desktop.services import territories
    from desktop.services.changes import Actor
    from desktop.store import open_store

    path = Path(tempfile.mkdtemp(prefix="pcaet-template-")) / "template.pcaet"
    store = open_store(path, keep_backups=1)
    with store.transaction() as session:
        territories.create_territory(
            session,
            Actor("test", "test"),
            name="Template",
            siren="246200364",
            kind=TerritoryKind.CA,
        )
    store.close()
    return make_template(path)


def populated(
    path: Path, name: str = "CA du Boulonnais", *, siren: str | None = "246200364", kind: str = "ca"
) -> Path:
    """A store at ``path`` holding one territory named ``name``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_template(), path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute(
            "UPDATE territory SET name = ?, siren = ?, kind = ?", (name, siren, kind)
        )
        connection.execute("PRAGMA journal_mode = WAL")  # as a store the application wrote
    finally:
        connection.close()
    return path


def territory_names(path: Path) -> list[str]:
    """The territories of a store file, read with the standard library."""
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM territory ORDER BY id")]
    finally:
        connection.close()


NEXT_REVISION = """
from alembic import op
import sqlalchemy as sa

revision = "0099"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("{table}") as batch:
        batch.add_column(sa.Column("{column}", sa.String(200), nullable=False, server_default=""))


def downgrade():
    with op.batch_alter_table("{table}") as batch:
        batch.drop_column("{column}")
"""


def migrations_with_next_revision(
    folder: Path, table: str = "territory", column: str = "website"
) -> Path:
    """A copy of the migrations with one more revision, "0099", adding ``column`` to ``table``
    (a copy of the table, as batch_alter_table does on SQLite): what the next release does."""
    from desktop.store.migrate import MIGRATIONS_DIR, head_revision

    target = folder / "migrations"
    shutil.copytree(MIGRATIONS_DIR, target, ignore=shutil.ignore_patterns("__pycache__"))
    text = (
        NEXT_REVISION.replace("{head}", head_revision())
        .replace("{table}", table)
        .replace("{column}", column)
    )
    (target / "versions" / f"0099_{table}_{column}.py").write_text(text, encoding="utf-8")
    return target
