"""The bulk import of observations on a real PostgreSQL server: the Core paths of
``desktop.io.bulk`` (insert, comparison with stored values, updates with their log)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select
from support.postgres import find_bin_dir, temporary_server

from desktop.io.importer import ImportRequest, import_file
from desktop.models import ChangeLog, Observation
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import open_store

pytestmark = pytest.mark.skipif(
    find_bin_dir() is None, reason="no PostgreSQL server binaries on this machine"
)


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    pytest.importorskip("psycopg", reason="psycopg is not installed")
    with temporary_server() as url:
        yield url


def test_import_then_corrected_file_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    actor = Actor("test", "test")
    store = open_store(pg_url)
    try:
        with store.transaction() as session:
            create_territory(session, actor, name="CA du Boulonnais", siren="246200364")
        first = tmp_path / "v1.csv"
        first.write_text("Indicateur;Année;Valeur;Commentaire\nConso (GWh);2019;12,50;ORECA\n"
                         "Conso (GWh);2020;11;ORECA\nConso (GWh);2021;0.1;\n", encoding="utf-8")
        summary = import_file(store, ImportRequest(first), actor)
        assert (summary.inserted, summary.rejected) == (3, 0)
        again = import_file(store, ImportRequest(first), actor)
        assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
        second = tmp_path / "v2.csv"
        second.write_text("Indicateur;Année;Valeur;Commentaire\nConso (GWh);2019;12.5;ORECA\n"
                          "Conso (GWh);2020;10;ORECA révisé\n", encoding="utf-8")
        corrected = import_file(store, ImportRequest(second), actor)
        assert (corrected.updated, corrected.unchanged) == (1, 1)
        with store.session() as session:
            values = {o.year: (o.value, o.comment) for o in session.exec(select(Observation))}
            assert values == {2019: (Decimal("12.5"), "ORECA"),
                              2020: (Decimal("10"), "ORECA révisé"), 2021: (Decimal("0.1"), "")}
            log = session.exec(select(ChangeLog).where(ChangeLog.source == "v2.csv")).all()
            assert sorted((c.field, c.old_value, c.new_value) for c in log) == [
                ("comment", "ORECA", "ORECA révisé"), ("value", "11", "10")]
            created = session.exec(select(ChangeLog).where(
                ChangeLog.entity == "observation", ChangeLog.kind == "create")).one()
            assert json.loads(created.new_value or "{}")["observations"] == "3"
    finally:
        store.close()
