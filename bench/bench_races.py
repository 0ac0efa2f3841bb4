"""Simultaneous saves of the same records: 8 processes, 1,000 races, every outcome counted.

In each race every process has read the record (as an open editor has), then all save it at
the same moment through the services the window uses, each in its own transaction, with the
version it read. One race in ten on a record of its own has one process delete it while the
others edit it. Expected: exactly one winner per race, every loser told of the conflict (or,
after a delete, that the record is gone), nothing else, and 0 lost updates: the change log of
each record holds exactly the winners' values, one per race, each written over the previous
winner's value, and the record ends at version 1 + its races.

Run on SQLite, then on a throw-away PostgreSQL server when its binaries exist
(tests/support/postgres.py). Baseline, measured in the same run: the same number of saves made
one after the other by one process; the ratio is the time per race to the time per save.

    .venv/bin/python -m bench bench_races            # 8 processes, 1,000 races
    .venv/bin/python -m bench.bench_races 4 100       # processes, races
"""

from __future__ import annotations

import json
import multiprocessing
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from desktop.models import Action, ChangeKind, ChangeLog, Entity, Indicator, Plan
from desktop.services import actions, changes, indicators, plans, territories
from desktop.services.changes import Actor, ConflictError
from desktop.store import open_store

PROCESSES = 8
RACES = 1000
# Records raced over, in turn: (model, field) for edits; deletes take a record of their own.
EDITED: list[tuple[type[Entity], str]] = [(Action, "title"), (Indicator, "name"), (Plan, "title")]
RECORDS_PER_MODEL = 3
DELETE_EVERY = 10
BARRIER_SECONDS = 120


@dataclass
class Figures:
    backend: str
    processes: int
    races: int
    winners: Counter[int] = field(default_factory=Counter)  # winners per race -> races
    outcomes: Counter[str] = field(default_factory=Counter)  # every save's outcome
    lost_updates: int = 0
    wrong_versions: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    baseline_seconds: float = 0.0

    @property
    def races_with_one_winner(self) -> int:
        return self.winners[1]

    @property
    def ok(self) -> bool:
        losers = self.outcomes["conflict"] + self.outcomes["gone"]
        return (
            self.races_with_one_winner == self.races
            and self.lost_updates == 0
            and self.wrong_versions == 0
            and not self.errors
            and losers == self.races * (self.processes - 1)
        )

    def lines(self) -> list[str]:
        per_race = self.seconds / max(1, self.races)
        per_save = self.baseline_seconds / max(1, self.races)
        return [
            f"{self.backend}: {self.processes} processes, {self.races} races "
            f"({self.races // DELETE_EVERY} of them a delete against edits), "
            f"{self.races * self.processes} saves in {self.seconds:.1f} s",
            f"  races with exactly one winner: {self.races_with_one_winner} / {self.races}"
            f" (winners per race: {dict(sorted(self.winners.items()))})",
            f"  outcomes: won {self.outcomes['won']}, conflict seen {self.outcomes['conflict']},"
            f" record gone {self.outcomes['gone']}, other {len(self.errors)}",
            f"  lost updates: {self.lost_updates}; records at a wrong version: "
            f"{self.wrong_versions}",
            f"  time per race {per_race * 1000:.1f} ms; baseline, one save after the other by "
            f"one process: {per_save * 1000:.1f} ms (ratio {per_race / max(per_save, 1e-9):.1f})",
            *(f"  error: {e}" for e in self.errors[:5]),
        ]


@dataclass(frozen=True)
class Race:
    number: int
    model: type[Entity]
    record_id: int
    field_name: str
    delete: bool  # process 0 deletes, the others edit


def set_up(url: str, races: int) -> list[Race]:
    """The records, and the plan of every race (the same for every process)."""
    actor = Actor("setup", "bench")
    store = open_store(url)
    ids: dict[type[Entity], list[int]] = {}
    disposable: list[int] = []
    with store.transaction() as session:
        territory = territories.create_territory(session, actor, name="CA Bench", siren="200054781")
        plan = plans.create_plan(session, actor, territory_id=territory.pk, title="PCAET")
        for index in range(RECORDS_PER_MODEL):
            ids.setdefault(Action, []).append(
                actions.create_action(session, actor, plan_id=plan.pk, title=f"Action {index}").pk
            )
            ids.setdefault(Indicator, []).append(
                indicators.create_indicator(
                    session, actor, code=f"IND-{index}", name=f"Indicateur {index}"
                ).pk
            )
            ids.setdefault(Plan, []).append(
                plans.create_plan(
                    session, actor, territory_id=territory.pk, title=f"Plan {index}"
                ).pk
            )
        for index in range(races // DELETE_EVERY + 1):
            disposable.append(
                actions.create_action(session, actor, plan_id=plan.pk, title=f"Jetable {index}").pk
            )
    store.close()
    plan_of_races: list[Race] = []
    turn = 0
    for number in range(races):
        if number % DELETE_EVERY == DELETE_EVERY - 1:
            plan_of_races.append(Race(number, Action, disposable.pop(), "title", True))
            continue
        model, field_name = EDITED[turn % len(EDITED)]
        record = ids[model][(turn // len(EDITED)) % RECORDS_PER_MODEL]
        plan_of_races.append(Race(number, model, record, field_name, False))
        turn += 1
    return plan_of_races


def value_of(race: Race, process: int) -> str:
    return f"race {race.number} process {process}"


def save(store: Any, race: Race, process: int, read: int, actor: Actor) -> str:
    """One window's save, as the window makes it: a transaction that loads the record and
    writes it through its service with the version the editor read."""
    try:
        with store.transaction() as session:
            entity = session.get(race.model, race.record_id)
            if entity is None:
                return "gone"
            if race.delete and process == 0:
                actions.delete_action(session, actor, entity, expected_version=read)
            elif race.model is Action:
                actions.update_action(
                    session,
                    actor,
                    entity,
                    {race.field_name: value_of(race, process)},
                    expected_version=read,
                )
            else:
                changes.update(
                    session,
                    entity,
                    {race.field_name: value_of(race, process)},
                    actor,
                    expected_version=read,
                )
        return "won"
    except ConflictError:
        return "conflict"
    except Exception as error:  # counted and shown: any other outcome is a failure
        return f"error: {type(error).__name__}: {error}"


def worker(url: str, process: int, races: list[Race], barrier: Any, results: Any) -> None:
    store = open_store(url)
    actor = Actor(f"process {process}", "bench")
    outcomes: list[tuple[int, str]] = []
    started = 0.0
    try:
        for race in races:
            barrier.wait(BARRIER_SECONDS)  # the previous race is over for everyone
            with store.session() as session:
                entity = session.get(race.model, race.record_id)
                read = entity.version if entity is not None else -1
            barrier.wait(BARRIER_SECONDS)  # everyone has read: save at the same moment
            started = started or time.time()  # wall clock: compared across processes
            outcomes.append((race.number, save(store, race, process, read, actor)))
    finally:
        store.close()
        results.put((process, outcomes, started, time.time()))


def check(
    url: str, races: list[Race], figures: Figures, outcomes: dict[int, dict[int, str]]
) -> None:
    """Count winners per race and verify, from the change log, that no update was lost."""
    winners: dict[int, int] = {}
    for race in races:
        by_process = outcomes.get(race.number, {})
        won = [p for p, outcome in by_process.items() if outcome == "won"]
        figures.winners[len(won)] += 1
        for process, outcome in by_process.items():
            if outcome.startswith("error"):
                figures.errors.append(f"race {race.number} process {process}: {outcome}")
                figures.outcomes["other"] += 1
            else:
                figures.outcomes[outcome] += 1
        if len(won) == 1:
            winners[race.number] = won[0]
    store = open_store(url)
    try:
        with store.session() as session:
            for (model, field_name), records in _records(races).items():
                for record_id, its_races in records.items():
                    table = model.__tablename__  # type: ignore[attr-defined]
                    log = session.exec(
                        select(ChangeLog)
                        .where(
                            ChangeLog.entity == table,
                            ChangeLog.entity_id == record_id,
                            ChangeLog.kind == ChangeKind.UPDATE,
                            ChangeLog.field == field_name,
                        )
                        .order_by(col(ChangeLog.id))
                    ).all()
                    written = [(c.old_value, c.new_value) for c in log]
                    created = session.exec(
                        select(ChangeLog).where(
                            ChangeLog.entity == table,
                            ChangeLog.entity_id == record_id,
                            ChangeLog.kind == ChangeKind.CREATE,
                        )
                    ).one()
                    initial = json.loads(created.new_value or "{}")[field_name]
                    figures.lost_updates += _lost(its_races, winners, initial, written)
                    entity = session.get(model, record_id)
                    if entity is None or entity.version != 1 + len(its_races):
                        figures.wrong_versions += 1
            for race in races:
                if not race.delete:
                    continue
                entity = session.get(race.model, race.record_id)
                winner = winners.get(race.number)
                if winner == 0 and entity is not None:
                    figures.lost_updates += 1  # a delete said it won, the record is there
                if (
                    winner is not None
                    and winner != 0
                    and (
                        entity is None
                        or getattr(entity, race.field_name) != value_of(race, winner)
                        or entity.version != 2
                    )
                ):
                    figures.lost_updates += 1
    finally:
        store.close()


def _records(races: list[Race]) -> dict[tuple[type[Entity], str], dict[int, list[Race]]]:
    found: dict[tuple[type[Entity], str], dict[int, list[Race]]] = {}
    for race in races:
        if not race.delete:
            found.setdefault((race.model, race.field_name), {}).setdefault(
                race.record_id, []
            ).append(race)
    return found


def _lost(
    its_races: list[Race],
    winners: dict[int, int],
    initial: str,
    written: list[tuple[str | None, str | None]],
) -> int:
    """Races of one record whose winner's value is not exactly where it belongs in the
    record's history (each winner's value written over the previous winner's)."""
    lost = 0
    previous = initial
    expected: list[tuple[str | None, str]] = []
    for race in its_races:
        winner = winners.get(race.number)
        if winner is None:
            lost += 1
            continue
        value = value_of(race, winner)
        expected.append((previous, value))
        previous = value
    lost += sum(1 for want, got in zip(expected, written, strict=False) if want != got)
    lost += abs(len(expected) - len(written))
    return lost


def baseline(url: str, races: list[Race]) -> float:
    """The same saves made one after the other by one process (every save wins)."""
    store = open_store(url)
    actor = Actor("baseline", "bench")
    start = time.perf_counter()
    try:
        for race in races:
            if race.delete:
                continue
            with store.session() as session:
                entity = session.get(race.model, race.record_id)
                read = entity.version if entity is not None else -1
            outcome = save(store, race, 99, read, actor)
            assert outcome == "won", outcome
    finally:
        store.close()
    return time.perf_counter() - start


def run_races(
    url: str,
    backend: str,
    processes: int = PROCESSES,
    races: int = RACES,
    baseline_url: str | None = None,
) -> Figures:
    plan = set_up(url, races)
    figures = Figures(backend, processes, races)
    # A fresh interpreter that imports the application once, forked for each process: as
    # isolated as "spawn" (nothing of this process's engines or threads), without paying the
    # imports once per process.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    barrier = context.Barrier(processes)
    results = context.Queue()
    workers = [
        context.Process(target=worker, args=(url, p, plan, barrier, results))
        for p in range(processes)
    ]
    for process in workers:
        process.start()
    outcomes: dict[int, dict[int, str]] = {}
    starts, ends = [], []
    for _index in range(processes):
        process_number, saves, started, ended = results.get(timeout=BARRIER_SECONDS * 10)
        starts.append(started)
        ends.append(ended)
        for race_number, outcome in saves:
            outcomes.setdefault(race_number, {})[process_number] = outcome
    # From the first race (all processes started and connected) to the last save.
    figures.seconds = max(ends) - max(starts)
    for process in workers:
        process.join(30)
        if process.exitcode != 0:
            figures.errors.append(f"process {process.name} ended with {process.exitcode}")
    check(url, plan, figures, outcomes)
    if baseline_url is not None:
        figures.baseline_seconds = baseline(baseline_url, set_up(baseline_url, races))
    return figures


def main(argv: list[str] | None = None) -> int:
    args = argv or []  # ``python -m bench`` calls main() without arguments
    processes = int(args[0]) if args else PROCESSES
    races = int(args[1]) if len(args) > 1 else RACES
    failed = False
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        figures = run_races(
            str(folder / "races.pcaet"),
            "SQLite",
            processes,
            races,
            baseline_url=str(folder / "baseline.pcaet"),
        )
        print("\n".join(figures.lines()), flush=True)
        failed = not figures.ok
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    from support.postgres import find_bin_dir, fresh_database, temporary_server

    if find_bin_dir() is None:
        print("PostgreSQL: no server binaries on this machine, not measured")
        return 1 if failed else 0
    with temporary_server() as server:
        figures = run_races(
            fresh_database(server, "races"),
            "PostgreSQL",
            processes,
            races,
            baseline_url=fresh_database(server, "baseline"),
        )
        print("\n".join(figures.lines()), flush=True)
        failed = failed or not figures.ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
