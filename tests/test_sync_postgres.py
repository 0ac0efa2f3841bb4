"""Offline copies of a store on a real PostgreSQL server (started by the test, as the other
PostgreSQL tests do): taken offline, edited on both sides, synchronised online and through
change packages, with a save made on the server during a synchronisation."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import sync_world as world
from support.postgres import fresh_database

from desktop.cli.main import main
from desktop.services.sync import online
from desktop.services.sync.checkout import checkout
from desktop.services.sync.online import synchronise
from desktop.services.sync.plan import Choice, ConflictKind
from desktop.store import Store, open_store


@pytest.fixture
def shared(pg_server: str, request: pytest.FixtureRequest) -> str:
    """A database of its own on the session's server, for the small shared store."""
    return fresh_database(pg_server, "sync_" + request.node.name)


def _copies(url: str, tmp_path: Path, names: tuple[str, ...]) -> dict[str, Store]:
    for name in names:
        checkout(url, tmp_path / f"{name}.pcaet", user=name, name=name)
    return {name: open_store(tmp_path / f"{name}.pcaet", create=False) for name in names}


def test_two_laptops_and_the_server_converge(shared: str, tmp_path: Path) -> None:
    made = world.build_hub(shared)
    copies = _copies(shared, tmp_path, ("marie", "paul"))
    hub = open_store(shared, create=False)
    try:
        marie, paul = copies["marie"], copies["paul"]
        assert world.data(marie) == world.data(hub) == world.data(paul)
        first, second, third = made["action"]
        world.edit_action(marie, first, "title", "Marie's title", "marie")
        world.edit_action(paul, first, "description", "Paul's description", "paul")
        world.edit_action(paul, second, "title", "Paul's", "paul")
        world.edit_action(hub, second, "title", "Office's", "office")
        world.delete_action(marie, third, "marie")
        world.set_value(marie, 2017, 100, "marie")
        world.set_value(paul, 2017, 200, "paul")
        world.add_line(paul, first, "00000000-0000-4000-8000-0000000000f1", "Etude", "paul")

        done = synchronise(marie, hub, user="marie")
        assert done.conflicts == [] and done.sent == 2 + 2  # title, value, action + its line
        result = synchronise(paul, hub, user="paul")
        kinds = sorted((c.table, c.kind) for c in result.conflicts)
        assert kinds == [("action", ConflictKind.FIELD), ("observation", ConflictKind.DUPLICATE)]
        synchronise(paul, hub, user="paul", prefer=Choice.THEIRS)
        synchronise(marie, hub, user="marie")
        reference = world.data(hub)
        assert world.data(marie) == reference == world.data(paul)
        titles = {v["title"] for (t, _k), v in reference.items() if t == "action"}
        assert {"Marie's title", "Office's"} <= titles
    finally:
        hub.close()
        for store in copies.values():
            store.close()


def test_change_packages_between_the_server_and_a_copy(shared: str, tmp_path: Path) -> None:
    made = world.build_hub(shared)
    copy_path = tmp_path / "laptop.pcaet"
    assert main(["checkout", "--from", shared, "--db", str(copy_path), "--name", "laptop"]) == 0
    copy = open_store(copy_path, create=False)
    hub = open_store(shared, create=False)
    try:
        world.edit_action(copy, made["action"][0], "title", "Offline", "marie")
        up, down = tmp_path / "up.pcaetsync", tmp_path / "down.pcaetsync"
        assert main(["changes", "--db", str(copy_path), "--out", str(up)]) == 0
        assert main(["apply", "--database-url", shared, str(up)]) == 0
        before = world.data(hub)
        assert main(["apply", "--database-url", shared, str(up)]) == 0  # twice: no change
        assert world.data(hub) == before
        world.edit_action(hub, made["action"][1], "title", "At the office", "paul")
        assert (
            main(["changes", "--database-url", shared, "--since", "laptop", "--out", str(down)])
            == 0
        )
        assert main(["apply", "--db", str(copy_path), str(down)]) == 0
        assert world.data(copy) == world.data(hub)
    finally:
        hub.close()
        copy.close()


def test_a_save_on_the_server_during_a_synchronisation_is_not_overwritten(
    shared: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves a record on the server between the synchronisation's read and its
    write: the version in the UPDATE statement catches it, the synchronisation starts again
    and merges that save instead of writing over it."""
    made = world.build_hub(shared)
    copies = _copies(shared, tmp_path, ("marie",))
    hub = open_store(shared, create=False)
    marie = copies["marie"]
    uuid = made["action"][0]
    try:
        world.edit_action(marie, uuid, "title", "Marie's title", "marie")
        real = online.apply_side
        calls = {"count": 0}

        def interleaved(connection, schema, snapshot, changes, meta):  # type: ignore[no-untyped-def]
            calls["count"] += 1
            if calls["count"] == 1:  # the first write, on the server
                other = open_store(shared, create=False)
                try:
                    world.edit_action(other, uuid, "description", "Saved meanwhile", "paul")
                finally:
                    other.close()
            return real(connection, schema, snapshot, changes, meta)

        monkeypatch.setattr(online, "apply_side", interleaved)
        result = synchronise(marie, hub, user="marie")
        assert result.written and calls["count"] >= 3  # once refused, then both sides
        for store in (marie, hub):
            values = world.data(store)[("action", uuid)]
            assert (values["title"], values["description"]) == ("Marie's title", "Saved meanwhile")
    finally:
        hub.close()
        marie.close()
