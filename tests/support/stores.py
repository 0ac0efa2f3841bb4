"""Small stores for the tests, copied from one made once per process: creating a store runs
the migrations (a third of a second), and the store tests need dozens of them."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from functools import cache
from pathlib import Path


@cache
def _template() -> Path:
    from desktop.models import TerritoryKind
    from desktop.services import territories
    from desktop.services.changes import Actor
    from desktop.store import open_store

    path = Path(tempfile.mkdtemp(prefix="pcaet-template-")) / "template.pcaet"
    store = open_store(path)
    with store.transaction() as session:
        territories.create_territory(session, Actor("test", "test"), name="Template",
                                     siren="246200364", kind=TerritoryKind.CA)
    store.close()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")  # one file: a byte copy is all of it
    connection.close()
    return path


def populated(path: Path, name: str = "CA du Boulonnais", *, siren: str | None = "246200364",
              kind: str = "ca") -> Path:
    """A store at ``path`` holding one territory named ``name``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_template(), path)
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("UPDATE territory SET name = ?, siren = ?, kind = ?",
                           (name, siren, kind))
        connection.execute("PRAGMA journal_mode = WAL")  # as a store the application wrote
    finally:
        connection.close()
    return path
