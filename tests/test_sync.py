"""The merging rules of offline copies, one by one, on a shared store file and a copy."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select
from support import sync_world as world

from desktop.models import (
    Action,
    BudgetLine,
    ChangeLog,
    Indicator,
    IndicatorCategory,
    Observation,
    Territory,
)
from desktop.services import indicators
from desktop.services.changes import Actor, create, update
from desktop.services.sync import state
from desktop.services.sync.checkout import Selection, checkout
from desktop.services.sync.common import SyncError
from desktop.services.sync.online import synchronise
from desktop.services.sync.plan import Choice, ConflictKind, Decision
from desktop.store import Store, open_store

MARIE = Actor("marie", "ui")
PAUL = Actor("paul", "ui")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    """A shared store and its copy "laptop", made once; each test works on copies of them."""
    folder = tmp_path_factory.mktemp("sync-template")
    made = world.build_hub(folder / "hub.pcaet")
    checkout(folder / "hub.pcaet", folder / "copy.pcaet", user="marie", name="laptop")
    return folder, made


@pytest.fixture
def pair(
    template: tuple[Path, dict[str, list[str]]], tmp_path: Path
) -> Iterator[tuple[Store, Store, dict[str, list[str]]]]:
    """A shared store ``hub`` and its offline copy."""
    world.clone_world(template[0], tmp_path)
    hub = open_store(tmp_path / "hub.pcaet", create=False)
    copy = open_store(tmp_path / "copy.pcaet", create=False)
    yield hub, copy, template[1]
    hub.close()
    copy.close()


def _action(store: Store, uuid: str) -> Action | None:
    with store.session() as session:
        return session.exec(select(Action).where(Action.uuid == uuid)).first()


def test_a_copy_holds_the_whole_store_and_knows_its_origin(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, _made = pair
    assert world.data(copy) == world.data(hub)
    with copy.engine.connect() as connection:
        replica = state.replica(connection)
    with hub.engine.connect() as connection:
        origin = state.replica(connection)
    assert replica.is_copy and replica.origin_replica == origin.replica
    assert replica.dataset == origin.dataset and replica.replica != origin.replica
    assert Path(replica.origin_location).name == "hub.pcaet"
    assert replica.origin_seq == origin.seq > 0


def test_records_are_matched_by_uuid_never_by_id(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, _made = pair
    # Each side creates an action: both get the same next id, they are different records.
    world.create_action(copy, "00000000-0000-4000-8000-00000000000c", "Made offline", "marie")
    world.create_action(hub, "00000000-0000-4000-8000-00000000000h", "Made at the office", "paul")
    with copy.session() as a, hub.session() as b:
        mine = a.exec(select(Action).where(Action.title == "Made offline")).one()
        theirs = b.exec(select(Action).where(Action.title == "Made at the office")).one()
        assert mine.id == theirs.id
    result = synchronise(copy, hub, user="marie")
    assert (result.sent, result.received, result.conflicts) == (1, 1, [])
    assert world.data(copy) == world.data(hub)
    titles = {a.title for a in Store.session(copy).exec(select(Action)).all()}
    assert {"Made offline", "Made at the office"} <= titles


def test_different_fields_changed_on_each_side_are_both_kept(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, made = pair
    uuid = made["action"][0]
    world.edit_action(copy, uuid, "title", "Rénover les écoles (offline)", "marie")
    world.edit_action(hub, uuid, "description", "Budget voté en conseil", "paul")
    result = synchronise(copy, hub, user="marie")
    assert result.merged == 1 and result.conflicts == []
    for store in (copy, hub):
        action = _action(store, uuid)
        assert action is not None
        assert (action.title, action.description) == (
            "Rénover les écoles (offline)",
            "Budget voté en conseil",
        )


def test_the_same_field_changed_on_both_sides_waits_for_a_decision(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, made = pair
    uuid = made["action"][0]
    world.edit_action(copy, uuid, "title", "Mine", "marie")
    world.edit_action(hub, uuid, "title", "Theirs", "paul")
    world.edit_action(hub, made["action"][1], "title", "Unrelated", "paul")
    result = synchronise(copy, hub, user="marie")
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.field, conflict.mine, conflict.theirs) == (
        ConflictKind.FIELD,
        "title",
        "Mine",
        "Theirs",
    )
    assert (conflict.mine_who.user, conflict.theirs_who.user) == ("marie", "paul")
    assert conflict.mine_who.at and conflict.theirs_who.at
    assert conflict.decision is None and result.undecided == [conflict]
    # Nothing that conflicts was written; everything else was.
    assert _action(copy, uuid).title == "Mine"  # type: ignore[union-attr]
    assert _action(hub, uuid).title == "Theirs"  # type: ignore[union-attr]
    assert _action(copy, made["action"][1]).title == "Unrelated"  # type: ignore[union-attr]
    # Asked again, the conflict is still there, once.
    again = synchronise(copy, hub, user="marie", dry_run=True)
    assert [c.conflict_key for c in again.conflicts] == [conflict.conflict_key]


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (Decision(Choice.MINE), "Mine"),
        (Decision(Choice.THEIRS), "Theirs"),
        (Decision(Choice.EDIT, "Both, edited"), "Both, edited"),
    ],
)
def test_a_decision_settles_the_conflict_on_both_sides(  # type: ignore[no-untyped-def]
    pair, decision: Decision, expected: str
) -> None:
    hub, copy, made = pair
    uuid = made["action"][0]
    world.edit_action(copy, uuid, "title", "Mine", "marie")
    world.edit_action(hub, uuid, "title", "Theirs", "paul")
    result = synchronise(copy, hub, user="marie", decisions={("action", uuid, "title"): decision})
    assert [c.decision for c in result.conflicts] == [decision]
    for store in (copy, hub):
        assert _action(store, uuid).title == expected  # type: ignore[union-attr]
    follow = synchronise(copy, hub, user="marie")
    assert follow.conflicts == [] and (follow.sent, follow.received) == (0, 0)


def test_deleted_on_one_side_and_changed_on_the_other_is_a_conflict(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, made = pair
    edited, deleted = made["action"][0], made["action"][1]
    world.delete_action(copy, edited, "marie")
    world.edit_action(hub, edited, "title", "Changed at the office", "paul")
    world.edit_action(copy, deleted, "title", "Changed offline", "marie")
    world.delete_action(hub, deleted, "paul")
    result = synchronise(copy, hub, user="marie")
    kinds = {c.key: c.kind for c in result.conflicts}
    assert kinds == {edited: ConflictKind.DELETED_HERE, deleted: ConflictKind.DELETED_THERE}
    # Undecided: each side as it was, nothing lost.
    assert _action(copy, edited) is None and _action(hub, edited) is not None
    assert _action(copy, deleted) is not None and _action(hub, deleted) is None
    result = synchronise(copy, hub, user="marie", prefer=Choice.THEIRS)
    assert len(result.conflicts) == 2 and not result.undecided
    assert _action(copy, edited).title == "Changed at the office"  # type: ignore[union-attr]
    assert _action(copy, deleted) is None and _action(hub, deleted) is None
    assert world.data(copy) == world.data(hub)


def test_records_under_a_record_follow_it(pair) -> None:  # type: ignore[no-untyped-def]
    """A budget line added offline under an action deleted at the office: the action is in
    conflict; deleted, the line goes with it (no orphan); kept, both come back."""
    hub, copy, made = pair
    parent = made["action"][2]
    world.add_line(copy, parent, "00000000-0000-4000-8000-0000000000b1", "Offline line", "marie")
    world.delete_action(hub, parent, "paul")
    result = synchronise(copy, hub, user="marie", dry_run=True)
    assert [(c.table, c.key, c.kind) for c in result.conflicts] == [
        ("action", parent, ConflictKind.DELETED_THERE)
    ]
    kept = synchronise(copy, hub, user="marie", prefer=Choice.MINE)
    assert kept.conflicts[0].decision == Decision(Choice.MINE)
    with hub.session() as session:
        lines = session.exec(select(BudgetLine).join(Action).where(Action.uuid == parent)).all()
    assert sorted(line.label for line in lines) == ["Line 2", "Offline line"]
    assert world.data(copy) == world.data(hub)


def test_deleting_wins_takes_what_hangs_under(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, made = pair
    parent = made["action"][2]
    world.add_line(copy, parent, "00000000-0000-4000-8000-0000000000b2", "Offline line", "marie")
    world.delete_action(hub, parent, "paul")
    synchronise(copy, hub, user="marie", prefer=Choice.THEIRS)
    for store in (copy, hub):
        with store.session() as session:
            assert (
                session.exec(select(BudgetLine).where(BudgetLine.label == "Offline line")).first()
                is None
            )
            orphans = (
                session.connection()
                .execute(
                    sa.text(
                        "SELECT count(*) FROM budget_line "
                        "WHERE action_id NOT IN (SELECT id FROM action)"
                    )
                )
                .scalar()
            )
            assert orphans == 0
    assert world.data(copy) == world.data(hub)


def test_a_value_entered_on_both_sides_for_one_year_is_a_conflict_not_a_duplicate(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, _made = pair
    world.set_value(copy, 2017, 1111, "marie")
    world.set_value(hub, 2017, 2222, "paul")
    world.set_value(copy, 2018, 3333, "marie")
    world.set_value(hub, 2018, 3333, "paul")  # the same value: one record, no question
    result = synchronise(copy, hub, user="marie")
    [conflict] = result.conflicts
    assert (conflict.kind, conflict.field, conflict.mine, conflict.theirs) == (
        ConflictKind.DUPLICATE,
        "value",
        "1111",
        "2222",
    )
    synchronise(copy, hub, user="marie", prefer=Choice.THEIRS)
    for store in (copy, hub):
        with store.session() as session:
            values = {o.year: o.value for o in session.exec(select(Observation)).all()}
        assert values[2017] == Decimal(2222) and values[2018] == Decimal(3333)
        assert len(values) == 4
    assert world.data(copy) == world.data(hub)  # one uuid per year on both sides


def test_records_created_on_both_sides_with_one_natural_key_are_one(pair) -> None:  # type: ignore[no-untyped-def]
    """Records both stores got separately (an indicator of one code, as a migration would
    install it): matched by its key, kept once under the origin's UUID, with the values
    under each merged too."""
    hub, copy, _made = pair
    for store, value in ((copy, 10), (hub, 10)):
        with store.transaction() as session:
            made = indicators.create_indicator(
                session,
                MARIE,
                code="pb_local.1",
                name="Rénovations aidées",
                category=IndicatorCategory.GHG_EMISSIONS,
            )
            territory = session.exec(select(Territory)).one()
            indicators.set_observation(
                session,
                MARIE,
                indicator=made,
                territory_id=territory.pk,
                year=2015,
                value=Decimal(value),
            )
    with hub.session() as session:
        origin = session.exec(select(Indicator).where(Indicator.code == "pb_local.1")).one()
        origin_uuid = origin.uuid
    result = synchronise(copy, hub, user="marie")
    assert result.conflicts == []
    for store in (copy, hub):
        with store.session() as session:
            found = session.exec(select(Indicator).where(Indicator.code == "pb_local.1")).all()
            assert [i.uuid for i in found] == [origin_uuid]
            assert (
                len(
                    session.exec(
                        select(Observation).where(Observation.indicator_id == found[0].id)
                    ).all()
                )
                == 1
            )
    assert world.data(copy) == world.data(hub)


def test_the_history_of_a_record_shows_both_copies(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, made = pair
    uuid = made["action"][0]
    world.edit_action(copy, uuid, "title", "Offline title", "marie")
    world.edit_action(hub, uuid, "description", "Office description", "paul")
    synchronise(copy, hub, user="marie")
    with hub.engine.connect() as connection:
        names = state.names(connection)
    for store in (copy, hub):
        with store.session() as session:
            entries = session.exec(
                select(ChangeLog).where(ChangeLog.entity_uuid == uuid, ChangeLog.kind == "update")
            ).all()
        made_by = {(e.user, e.field, names.get(e.origin, "here")) for e in entries}
        assert ("marie", "title", "laptop" if store is hub else "here") in made_by
        assert (
            "paul",
            "description",
            "here"
            if store is hub
            else names.get(next(e.origin for e in entries if e.user == "paul")),
        ) in made_by
        # Entries point at this store's row of the record.
        assert {e.entity_id for e in entries} == {_action(store, uuid).id}  # type: ignore[union-attr]
    # Synchronising again brings no entry twice.
    synchronise(copy, hub, user="marie")
    with hub.session() as session:
        assert (
            len(
                session.exec(
                    select(ChangeLog).where(
                        ChangeLog.entity_uuid == uuid, ChangeLog.kind == "update"
                    )
                ).all()
            )
            == 2
        )


def test_a_copy_of_one_territory_holds_its_records_only(tmp_path: Path) -> None:
    world.build_hub(tmp_path / "hub.pcaet")
    hub = open_store(tmp_path / "hub.pcaet")
    with hub.transaction() as session:
        from desktop.services import plans, territories

        other = territories.create_territory(
            session, PAUL, name="Autre EPCI", siren="200069037", kind="cc"
        )
        plans.create_plan(session, PAUL, territory_id=other.pk, title="PCAET voisin")
    hub.close()
    checkout(
        tmp_path / "hub.pcaet",
        tmp_path / "part.pcaet",
        user="marie",
        selection=Selection(territories=["246200364"]),
    )
    part = open_store(tmp_path / "part.pcaet")
    try:
        with part.session() as session:
            assert [t.siren for t in session.exec(select(Territory)).all()] == ["246200364"]
            assert len(session.exec(select(Action)).all()) == 3
            assert session.exec(select(Indicator)).first() is not None  # shared references
    finally:
        part.close()
    with pytest.raises(SyncError, match="999999999"):
        checkout(
            tmp_path / "hub.pcaet",
            tmp_path / "none.pcaet",
            user="marie",
            selection=Selection(territories=["999999999"]),
        )
    assert not (tmp_path / "none.pcaet").exists()


def test_another_store_is_refused_as_origin(pair, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _hub, copy, _made = pair
    world.build_hub(tmp_path / "stranger.pcaet")
    stranger = open_store(tmp_path / "stranger.pcaet")
    before = world.data(copy)
    try:
        with pytest.raises(SyncError, match="n’est pas la base d’où vient cette copie"):
            synchronise(copy, stranger, user="marie")
    finally:
        stranger.close()
    assert world.data(copy) == before


def test_a_store_that_is_no_copy_is_told_so(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, _made = pair
    with pytest.raises(SyncError, match="n’est pas une copie hors ligne"):
        synchronise(hub, copy, user="paul")


def test_changes_of_the_service_layer_bump_versions_on_arrival(pair) -> None:  # type: ignore[no-untyped-def]
    """A window that read a record before the synchronisation changed it gets the usual
    "changed elsewhere" conflict instead of overwriting it."""
    hub, copy, made = pair
    uuid = made["action"][0]
    before = _action(copy, uuid)
    assert before is not None
    world.edit_action(hub, uuid, "title", "From the office", "paul")
    synchronise(copy, hub, user="marie")
    after = _action(copy, uuid)
    assert after is not None and after.version == before.version + 1
    from desktop.services.changes import ConflictError

    with copy.transaction() as session, pytest.raises(ConflictError):
        stale = session.get(Action, before.id)
        assert stale is not None
        update(session, stale, {"title": "Stale"}, MARIE, expected_version=before.version)


def test_store_settings_travel_by_key(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, _made = pair
    from desktop.models import StoreSetting

    with hub.transaction() as session:
        session.add(StoreSetting(key="rates", value='{"GBP": "1.17"}'))
    synchronise(copy, hub, user="marie")
    with copy.session() as session:
        assert session.get(StoreSetting, "rates").value == '{"GBP": "1.17"}'  # type: ignore[union-attr]


def test_create_and_delete_offline_leave_no_trace(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, _made = pair
    uuid = "00000000-0000-4000-8000-0000000000dd"
    world.create_action(copy, uuid, "Short-lived", "marie")
    world.delete_action(copy, uuid, "marie")
    result = synchronise(copy, hub, user="marie")
    assert (result.sent, result.received, result.conflicts) == (0, 0, [])
    assert _action(hub, uuid) is None


def test_created_entities_through_create_have_log_and_travel(pair) -> None:  # type: ignore[no-untyped-def]
    hub, copy, made = pair
    with copy.transaction() as session:
        action = session.exec(select(Action).where(Action.uuid == made["action"][0])).one()
        create(
            session,
            BudgetLine(action_id=action.pk, label="Etude", amount=Decimal("12.50")),
            MARIE,
            parent=action,
        )
    synchronise(copy, hub, user="marie")
    with hub.session() as session:
        line = session.exec(select(BudgetLine).where(BudgetLine.label == "Etude")).one()
        assert line.amount == Decimal("12.5")
