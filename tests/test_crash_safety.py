"""A process killed in the middle of a large write leaves the store as it was."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from sqlmodel import func, select

from desktop.models import Observation, TerritoryKind
from desktop.services import indicators, territories
from desktop.services.changes import Actor
from desktop.store import open_store

WRITER = textwrap.dedent(
    """
    import sys
    from decimal import Decimal
    from desktop.models import Observation
    from desktop.store import open_store

    store = open_store(sys.argv[1])
    with store.transaction() as session:
        for year in range(3000, 200000):
            session.add(Observation(indicator_id=1, territory_id=1, year=year,
                                    value=Decimal(year)))
            if year % 5000 == 0:
                session.flush()
                if year == 10000:
                    print("writing", flush=True)
    print("committed", flush=True)
    """
)


def test_kill_during_a_large_write_leaves_the_previous_state(tmp_path: Path) -> None:
    # GIVEN a store with one observation
    path = tmp_path / "crash.pcaet"
    store = open_store(path)
    actor = Actor("test", "test")
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA", siren="246200364", kind=TerritoryKind.CA
        )
        indicator = indicators.create_indicator(session, actor, code="GES", name="GES")
        indicators.set_observation(
            session,
            actor,
            indicator=indicator,
            territory_id=territory.id,
            year=2015,
            value=__import__("decimal").Decimal("1.5"),
        )
    store.close()
    # WHEN another process is killed with SIGKILL while it writes 200,000 rows in a transaction
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "writing", "the writer must be mid-transaction when killed"
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    # THEN the store opens, is intact, and holds exactly what it held before
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    connection.close()
    store = open_store(path)
    with store.session() as session:
        assert session.exec(select(func.count()).select_from(Observation)).one() == 1
    store.close()
