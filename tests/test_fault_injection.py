"""kill -9 at random moments of an import, a restore, a backup and a migration: the store
passes SQLite's integrity check and holds exactly the state before or after the operation,
never one in between; it opens again, and no partial file survives that open.

The fast variant (a few trials at fixed moments) runs with the suite; the slow one (50 random
moments per operation) with ``pytest -m slow tests/test_fault_injection.py -s``, which prints
the counts.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from support.faults import Outcome, Zygote, fingerprint, integrity
from support.stores import migrations_with_next_revision

from desktop.io.importer import ImportRequest, import_file
from desktop.models import TerritoryKind
from desktop.services import territories
from desktop.services.changes import Actor
from desktop.store import open_store
from desktop.store.backup import backup_dir_for

ACTOR = Actor("fault", "test")
OPERATIONS = ("import", "restore", "backup", "migration")
SLOW_TRIALS = 50
FAST_FRACTIONS = (0.15, 0.5, 0.85)
ROWS = 1500


def _sheet(path: Path, first_year: int) -> Path:
    lines = ["Indicateur;Année;Valeur"]
    for index in range(ROWS):
        lines.append(f"Indicateur {index % 50} (GWh);{first_year + index // 50};{index},5")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _settle(path: Path) -> None:
    """One file, nothing beside it, so a byte copy is the whole store."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


@dataclass
class Bench:
    folder: Path
    pristine: Path  # the store before every trial
    later: Path  # a backup of another state, for restores
    second_sheet: Path
    migrations: Path


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    folder = tmp_path_factory.mktemp("faults")
    pristine = folder / "pristine.pcaet"
    store = open_store(pristine)
    with store.transaction() as session:
        territories.create_territory(
            session, ACTOR, name="CA du Calaisis", siren="246200380", kind=TerritoryKind.CA
        )
    import_file(store, ImportRequest(_sheet(folder / "first.csv", 1990)), ACTOR)
    shutil.rmtree(backup_dir_for(pristine), ignore_errors=True)
    store.close()
    _settle(pristine)
    second = _sheet(folder / "second.csv", 2000)
    later_store = folder / "later.pcaet"
    shutil.copyfile(pristine, later_store)
    opened = open_store(later_store)
    import_file(opened, ImportRequest(second), ACTOR)
    opened.close()
    shutil.rmtree(backup_dir_for(later_store), ignore_errors=True)
    _settle(later_store)
    migrations = migrations_with_next_revision(folder, "observation", "checked_by")
    return Bench(folder, pristine, later_store, second, migrations)


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    helper = Zygote()
    yield helper
    helper.close()


def _reset(bench: Bench, work: Path) -> None:
    for leftover in [*work.parent.glob(".pcaet-restore-*"), backup_dir_for(work)]:
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(str(work) + suffix).unlink(missing_ok=True)
    shutil.copyfile(bench.pristine, work)


def _job(op: str, bench: Bench, work: Path) -> dict[str, object]:
    job: dict[str, object] = {"op": op, "store": str(work)}
    if op == "import":
        job["file"] = str(bench.second_sheet)
    elif op == "restore":
        job["file"] = str(bench.later)
    elif op == "migration":
        job["migrations"] = str(bench.migrations)
    return job


def _trials(
    op: str, bench: Bench, zygote: Zygote, fractions: list[float], monkeypatch: pytest.MonkeyPatch
) -> Outcome:
    work = bench.folder / op / "store.pcaet"
    work.parent.mkdir(exist_ok=True)
    if op == "migration":
        monkeypatch.setattr("desktop.store.migrate.MIGRATIONS_DIR", bench.migrations)
    # The states allowed: before (the pristine store) and after (one uninterrupted run).
    _reset(bench, work)
    before = fingerprint(work)
    durations = []
    for _run in range(2):  # the second run is warm (files cached): its length is the typical one
        _reset(bench, work)
        calibration = zygote.run(_job(op, bench, work))
        assert calibration["status"] == 0, f"{op} failed without any kill"
        durations.append(float(calibration["seconds"]))  # type: ignore[arg-type]
    after = fingerprint(work)
    duration = min(durations)
    outcome = Outcome()
    for fraction in fractions:
        _reset(bench, work)
        result = zygote.run({**_job(op, bench, work), "kill_after": duration * fraction})
        if result["killed"]:
            outcome.killed += 1
        else:
            outcome.completed += 1
        label = f"{op} at {fraction:.2f} of {duration:.2f} s"
        check = integrity(work)
        if check != "ok":
            outcome.failures.append(f"{label}: integrity {check}")
            continue
        state = fingerprint(work)
        if state == before:
            outcome.equal_before += 1
        elif state == after:
            outcome.equal_after += 1
        else:
            outcome.failures.append(f"{label}: a state between before and after")
        for made in backup_dir_for(work).glob("*.pcaet") if backup_dir_for(work).exists() else []:
            if integrity(made) != "ok":
                outcome.failures.append(f"{label}: backup {made.name} damaged")
        try:
            open_store(work).close()  # opens (and finishes a migration a kill interrupted)
        except Exception as error:  # every failure is a finding to report
            outcome.failures.append(f"{label}: does not open again: {error}")
        left = [p.name for p in work.parent.rglob("*") if ".partial" in p.name]
        if left:
            outcome.failures.append(f"{label}: partial files left after the open: {left}")
    return outcome


def _report(op: str, outcome: Outcome) -> str:
    return (
        f"{op}: {outcome.trials} trials, {outcome.killed} killed mid-way, "
        f"{outcome.completed} finished first; store equal to before {outcome.equal_before}, "
        f"to after {outcome.equal_after}; failures {len(outcome.failures)}"
    )


@pytest.mark.parametrize("op", OPERATIONS)
def test_kill_at_a_few_moments(
    op: str, bench: Bench, zygote: Zygote, monkeypatch: pytest.MonkeyPatch
) -> None:
    outcome = _trials(op, bench, zygote, list(FAST_FRACTIONS), monkeypatch)
    print(_report(op, outcome))
    assert outcome.failures == []
    assert outcome.trials == len(FAST_FRACTIONS)


@pytest.mark.slow
@pytest.mark.parametrize("op", OPERATIONS)
def test_kill_at_random_moments(
    op: str, bench: Bench, zygote: Zygote, monkeypatch: pytest.MonkeyPatch
) -> None:
    chooser = random.Random(f"{op}-1402")  # the same moments at every run, for comparisons
    fractions = [chooser.uniform(0.0, 1.1) for _ in range(SLOW_TRIALS)]
    outcome = _trials(op, bench, zygote, fractions, monkeypatch)
    print(_report(op, outcome))
    assert outcome.failures == [], outcome.failures[:5]
    assert outcome.trials >= SLOW_TRIALS
    assert outcome.killed >= SLOW_TRIALS // 3  # most trials interrupt the operation
