"""The services' unit of work: one transaction, a backup before the commit, the change log's
source, a dry run or a discarded work rolled back, an error or a cancellation leaving nothing."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from desktop.models import ChangeLog, Territory
from desktop.progress import Cancelled, Progress
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.services.unit_of_work import unit_of_work
from desktop.store import Store
from desktop.store.errors import StoreReplaced


def _territories(store: Store) -> list[str]:
    with store.session() as session:
        return [t.name for t in session.exec(select(Territory))]


def _create(session: Session, actor: Actor, name: str = "CC Test") -> None:
    create_territory(session, actor, name=name)


def test_commits_with_the_source_in_the_change_log(store: Store, actor: Actor) -> None:
    with unit_of_work(store, actor, source="partner.xlsx") as work:
        _create(work.session, work.actor)
    assert _territories(store) == ["CC Test"]
    assert work.backup is None  # not asked for
    with store.session() as session:
        sources = {row.source for row in session.exec(select(ChangeLog))}
    assert sources == {"partner.xlsx"}


def test_backs_up_the_state_before_the_write(store: Store, actor: Actor) -> None:
    with unit_of_work(store, actor, backup=True) as work:
        _create(work.session, work.actor)
    assert work.backup is not None and work.backup.exists()
    from desktop.store import open_store

    before = open_store(work.backup)
    try:
        assert _territories(before) == []
    finally:
        before.close()


@pytest.mark.parametrize("how", ["dry_run", "discard"])
def test_a_dry_run_or_a_discarded_work_writes_nothing_and_backs_nothing_up(
    store: Store, actor: Actor, how: str
) -> None:
    with unit_of_work(store, actor, backup=True, dry_run=how == "dry_run") as work:
        _create(work.session, work.actor)
        if how == "discard":
            work.discard()
    assert _territories(store) == []
    assert work.backup is None


def test_an_error_or_a_cancellation_leaves_nothing(store: Store, actor: Actor) -> None:
    with pytest.raises(ValueError), unit_of_work(store, actor, backup=True) as work:
        _create(work.session, work.actor)
        raise ValueError("bad file")
    progress = Progress()
    with pytest.raises(Cancelled), unit_of_work(store, actor, progress=progress) as work:
        _create(work.session, work.actor)
        progress.cancel()
    assert _territories(store) == []


def test_a_restored_store_is_not_written(store: Store, actor: Actor) -> None:
    store.generation += 1  # as if the store were restored since it was opened
    with pytest.raises(StoreReplaced), unit_of_work(store, actor) as work:
        _create(work.session, work.actor)
    store.generation -= 1
    assert _territories(store) == []


def test_the_caller_begins_the_transaction_its_own_way(store: Store, actor: Actor) -> None:
    begun: list[Session] = []
    with unit_of_work(store, actor, begin=begun.append) as work:
        _create(work.session, work.actor)
    assert begun == [work.session]
    assert _territories(store) == ["CC Test"]
