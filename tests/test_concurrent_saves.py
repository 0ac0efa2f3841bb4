"""Two windows (or processes) that read the same version of a record and save it at the same
moment: exactly one wins, the other is told of the conflict, no edit is lost; on SQLite and on
a throw-away PostgreSQL server alike, for updates and deletes of every versioned table."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, select

from desktop import i18n
from desktop.models import ChangeKind, ChangeLog, Entity, Indicator, IndicatorCategory
from desktop.services import changes, indicators
from desktop.services.changes import Actor, ConflictError
from desktop.store import Store, open_store


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


@pytest.fixture
def windows(store_url: str) -> Iterator[list[Store]]:
    """Two stores open on the same data, as two windows or two processes have it."""
    opened = [open_store(store_url), open_store(store_url)]
    yield opened
    for store in opened:
        store.close()


def _indicator(store: Store, actor: Actor) -> int:
    with store.transaction() as session:
        return indicators.create_indicator(
            session, actor, code="GES", name="Émissions", category=IndicatorCategory.OTHER
        ).pk


Work = Callable[[Session, Entity, int], None]


def race(stores: list[Store], model: type[Entity], entity_id: int, works: list[Work]) -> list[str]:
    """Each window read version ``read`` of the record earlier (its editor shows it), then
    they all save at once, each in its own transaction: the record is loaded, every window
    waits for the others to have loaded it too (when the store lets them), then writes with
    the version it read. Returns each window's outcome: "won", "conflict", "gone" (deleted
    by the winner before this window could load it) or the error."""
    with stores[0].session() as session:
        found = session.get(model, entity_id)
        assert found is not None
        read = found.version
    barrier = threading.Barrier(len(works))
    outcomes = [""] * len(works)

    def window(index: int) -> None:
        try:
            with stores[index].transaction() as session:
                entity = session.get(model, entity_id)
                try:
                    # Released at once when every window could load the record; a store that
                    # serialises writers lets the next one in only after this one commits.
                    barrier.wait(timeout=0.5)
                except threading.BrokenBarrierError:
                    pass
                if entity is None:
                    raise LookupError("deleted")
                works[index](session, entity, read)
            outcomes[index] = "won"
        except ConflictError:
            outcomes[index] = "conflict"
        except LookupError:
            outcomes[index] = "gone"
        except Exception as error:  # any other outcome is a failure of the test
            outcomes[index] = f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=window, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def rename(actor: Actor, name: str) -> Work:
    def work(session: Session, entity: Entity, read: int) -> None:
        changes.update(session, entity, {"name": name}, actor, expected_version=read)

    return work


def remove(actor: Actor) -> Work:
    def work(session: Session, entity: Entity, read: int) -> None:
        changes.delete(session, entity, actor, expected_version=read)

    return work


def stored(store: Store, model: type[SQLModel], entity_id: int) -> Any:
    with store.session() as session:
        return session.get(model, entity_id)


def test_two_windows_that_read_version_1_cannot_both_save_version_2(windows: list[Store]) -> None:
    # GIVEN an indicator both windows show at version 1
    first, second = Actor("Anne", "ui"), Actor("Paul", "ui")
    indicator_id = _indicator(windows[0], first)
    # WHEN both rename it at the same moment
    outcomes = race(
        windows, Indicator, indicator_id, [rename(first, "by Anne"), rename(second, "by Paul")]
    )
    # THEN one wins, the other is told of the conflict, and the winner's edit is stored
    assert sorted(outcomes) == ["conflict", "won"], outcomes
    winner = "by Anne" if outcomes[0] == "won" else "by Paul"
    indicator = stored(windows[1], Indicator, indicator_id)
    assert (indicator.name, indicator.version) == (winner, 2)
    with windows[1].session() as session:
        renames = session.exec(
            select(ChangeLog).where(
                ChangeLog.entity == "indicator", ChangeLog.kind == ChangeKind.UPDATE
            )
        ).all()
    assert [(c.old_value, c.new_value) for c in renames] == [("Émissions", winner)]


def test_a_delete_and_an_edit_at_the_same_moment(windows: list[Store]) -> None:
    first, second = Actor("Anne", "ui"), Actor("Paul", "ui")
    indicator_id = _indicator(windows[0], first)
    outcomes = race(windows, Indicator, indicator_id, [remove(first), rename(second, "by Paul")])
    assert sorted(outcomes) in (["conflict", "won"], ["gone", "won"]), outcomes
    left = stored(windows[1], Indicator, indicator_id)
    if outcomes[0] == "won":  # deleted first: the edit found nothing to save
        assert left is None
    else:  # edited first: the delete of what Anne saw is refused, Paul's edit is kept
        assert (left.name, left.version) == ("by Paul", 2)


def test_a_save_over_a_record_changed_since_it_was_loaded_is_a_conflict(
    windows: list[Store],
) -> None:
    """A record kept in memory at version 1 (a long-lived session, a stale object) while
    someone else saves version 2: the UPDATE itself carries the version, so the store
    refuses it even though the object in memory still says 1."""
    first, second = Actor("Anne", "ui"), Actor("Paul", "ui")
    indicator_id = _indicator(windows[0], first)
    kept = windows[0].session()
    try:
        entity = kept.get(Indicator, indicator_id)
        assert entity is not None
        kept.commit()  # the values stay in memory (expire_on_commit=False)
        with windows[1].transaction() as session:
            other = session.get(Indicator, indicator_id)
            changes.update(session, other, {"name": "by Paul"}, second)  # type: ignore[arg-type]
        with pytest.raises(ConflictError) as raised:
            changes.update(kept, entity, {"name": "by Anne"}, first, expected_version=1)
        kept.rollback()
        assert "changed or deleted elsewhere" in str(raised.value)
        with pytest.raises(ConflictError):  # and the same for a delete
            changes.delete(
                kept,
                kept.get(Indicator, indicator_id) or entity,
                first,  # type: ignore[arg-type]
                expected_version=1,
            )
    finally:
        kept.rollback()
        kept.close()
    assert stored(windows[1], Indicator, indicator_id).name == "by Paul"


def test_every_versioned_table_checks_its_version_in_the_statement() -> None:
    """Every entity's mapper carries its ``version`` column as the version of the UPDATE and
    DELETE statements (``WHERE id = :id AND version = :v``, then a row count check)."""
    mappers = [m for m in SQLModel._sa_registry.mappers if issubclass(m.class_, Entity)]
    assert len(mappers) > 20
    for mapper in mappers:
        table = mapper.local_table
        assert mapper.version_id_col is table.c.version, table.name


# The load test of bench/bench_races.py: processes (not threads), each with its own engine,
# saving the same records at the same moment through the services the window uses.
def test_processes_saving_the_same_records_at_once_lose_nothing(store_url: str) -> None:
    from bench.bench_races import run_races

    figures = run_races(store_url, "test", processes=3, races=20)
    print("\n".join(figures.lines()))
    assert figures.races_with_one_winner == 20, figures.lines()
    assert figures.outcomes["conflict"] + figures.outcomes["gone"] == 2 * 20, figures.lines()
    assert (figures.lost_updates, figures.wrong_versions, figures.errors) == (0, 0, [])


@pytest.mark.slow
def test_eight_processes_a_thousand_races(store_url: str) -> None:
    from bench.bench_races import run_races

    figures = run_races(store_url, "slow test", processes=8, races=1000)
    print("\n".join(figures.lines()))
    assert figures.ok, figures.lines()
