"""What synchronises is read from the tables, not listed by hand: a table or column added by
a later migration travels without a line of synchronisation code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from support import sync_world as world

from desktop.models import metadata
from desktop.services.sync import online
from desktop.services.sync.checkout import checkout
from desktop.services.sync.online import synchronise
from desktop.services.sync.schema import build_schema, schema
from desktop.store import Store, open_store


def test_every_table_with_a_uuid_synchronises_with_its_keys() -> None:
    found = schema()
    with_uuid = {t.name for t in metadata.sorted_tables if "uuid" in t.c}
    assert with_uuid <= set(found.tables)
    assert "store_setting" in found.tables  # keyed by its own key
    assert not {"change_log", "import_profile", "alembic_version"} & set(found.tables)
    assert not [t for t in found.tables if t.startswith("sync_")]
    observation = found.tables["observation"]
    # One value per indicator, territory, year, kind and producer (the authority's and an
    # observatory's values of one year are two records).
    assert observation.natural_keys == (("indicator_id", "territory_id", "year", "kind", "origin"),)
    assert observation.foreign_keys["indicator_id"].target == "indicator"
    assert found.tables["indicator"].natural_keys == (("code",), ("identifier",))
    assert "id" not in observation.fields and "version" not in observation.fields
    # Parents come before their children.
    order = found.order
    assert order.index("plan") < order.index("action") < order.index("budget_line")


def _extended() -> sa.MetaData:
    """The tables of this release, plus what a colleague's migration adds: an indicator
    nickname, and a reference trajectory per territory and year."""
    extended = sa.MetaData()
    for table in metadata.sorted_tables:
        table.to_metadata(extended)
    extended.tables["indicator"].append_column(sa.Column("nickname", sa.String(60)))
    sa.Table(
        "reference_trajectory",
        extended,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uuid", sa.String(36), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column(
            "territory_id",
            sa.Integer,
            sa.ForeignKey("territory.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("value", sa.Numeric(24, 8), nullable=False),
        sa.UniqueConstraint("territory_id", "year"),
    )
    return extended


DDL = (
    "ALTER TABLE indicator ADD COLUMN nickname VARCHAR(60)",
    "CREATE TABLE reference_trajectory (id INTEGER PRIMARY KEY, uuid VARCHAR(36) NOT NULL "
    "UNIQUE, created_at DATETIME NOT NULL, updated_at DATETIME NOT NULL, version INTEGER NOT "
    "NULL, territory_id INTEGER NOT NULL REFERENCES territory(id) ON DELETE CASCADE, year "
    "INTEGER NOT NULL, value NUMERIC NOT NULL, UNIQUE (territory_id, year))",
)


@pytest.fixture
def extended_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Store, Store]]:
    world.build_hub(tmp_path / "hub.pcaet")
    checkout(tmp_path / "hub.pcaet", tmp_path / "copy.pcaet", user="marie")
    hub, copy = open_store(tmp_path / "hub.pcaet"), open_store(tmp_path / "copy.pcaet")
    for store in (hub, copy):
        with store.engine.begin() as connection:
            for statement in DDL:
                connection.exec_driver_sql(statement)
    monkeypatch.setattr(online, "schema", lambda: build_schema(_extended()))
    yield hub, copy
    hub.close()
    copy.close()


def _insert(store: Store, uuid: str, year: int, value: str) -> None:
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO reference_trajectory (uuid, created_at, updated_at, version, "
            "territory_id, year, value) VALUES (?, '2026-01-01 00:00:00', "
            "'2026-01-01 00:00:00', 1, (SELECT id FROM territory), ?, ?)",
            (uuid, year, value),
        )


def _rows(store: Store, sql: str) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(r) for r in connection.exec_driver_sql(sql)]


def test_a_new_table_and_a_new_column_synchronise_without_code(extended_pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy = extended_pair
    _insert(copy, "00000000-0000-4000-8000-0000000000e1", 2030, "812.5")
    _insert(hub, "00000000-0000-4000-8000-0000000000e2", 2050, "0")
    with copy.engine.begin() as connection:
        connection.exec_driver_sql(
            "UPDATE indicator SET nickname = 'GES résidentiel', "
            "version = version + 1 WHERE code = 'cae_1.c'"
        )
    result = synchronise(copy, hub, user="marie")
    assert result.conflicts == [] and (result.sent, result.received) == (2, 1)
    for store in (copy, hub):
        assert _rows(
            store, "SELECT year, CAST(value AS TEXT) FROM reference_trajectory ORDER BY year"
        ) == [(2030, "812.5"), (2050, "0")]
        assert _rows(store, "SELECT code, nickname FROM indicator WHERE nickname IS NOT NULL") == [
            ("cae_1.c", "GES résidentiel")
        ]
    # The new table's natural key: one value per territory and year, entered on both sides.
    _insert(copy, "00000000-0000-4000-8000-0000000000e3", 2040, "500")
    _insert(hub, "00000000-0000-4000-8000-0000000000e4", 2040, "510")
    [conflict] = synchronise(copy, hub, user="marie").conflicts
    assert (conflict.table, conflict.field, conflict.mine, conflict.theirs) == (
        "reference_trajectory",
        "value",
        "500",
        "510",
    )
