"""Schema revisions: what a database holds, what the code knows, and upgrading between them.

Opening a store happens at every start, and importing Alembic costs more than half a second
there. Reading the revision chain from the version files and the current revision from the
``alembic_version`` table is enough to know that nothing needs migrating; Alembic itself is only
imported when an upgrade runs.
"""

from __future__ import annotations

import ast
from itertools import takewhile
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _declared(path: Path) -> tuple[str, str | None] | None:
    """The ``revision`` and ``down_revision`` a version file declares, read without running it.

    Only the header (before the first function) is parsed: the first revision creates every
    table, and parsing all of it took a tenth of a second at each start."""
    values: dict[str, str | None] = {}
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = "".join(takewhile(lambda line: not line.startswith(("def ", "class ", "@")), lines))
    for node in ast.parse(header).body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id in ("revision", "down_revision"):
                    value = node.value
                    if isinstance(value, ast.Constant) and (
                        value.value is None or isinstance(value.value, str)
                    ):
                        values[target.id] = value.value
    if "revision" not in values or values["revision"] is None:
        return None
    return values["revision"], values.get("down_revision")


def known_revisions() -> list[str]:
    """Oldest first: the chain of revisions shipped with this code."""
    parents: dict[str | None, str] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        declared = _declared(path)
        if declared is not None:
            revision, down = declared
            parents[down] = revision
    chain: list[str] = []
    current = parents.get(None)
    while current is not None and current not in chain:  # a revision naming itself: stop
        chain.append(current)
        current = parents.get(current)
    return chain


def head_revision() -> str:
    chain = known_revisions()
    assert chain, f"no migration in {MIGRATIONS_DIR}"
    return chain[-1]


def current_revision(connection: Connection) -> str | None:
    if VERSION_TABLE not in inspect(connection).get_table_names():
        return None
    row = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).first()
    return None if row is None else str(row[0])


def has_tables(connection: Connection) -> bool:
    return bool(inspect(connection).get_table_names())


def upgrade(connection: Connection, target: str = "head") -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), target)
