"""Change packages between two SQLite files, through the command line: the format, refusals
of what does not belong, packages applied twice or crossing in the mail, and interruptions
that leave both stores as they were."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from support import sync_world as world

from desktop.cli.main import main
from desktop.services.sync import changelog, online, packages
from desktop.services.sync.checkout import checkout
from desktop.services.sync.package import PackageError, read_package
from desktop.store import Store, open_store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    folder = tmp_path_factory.mktemp("packages-template")
    made = world.build_hub(folder / "hub.pcaet")
    checkout(folder / "hub.pcaet", folder / "copy.pcaet", user="marie", name="laptop")
    checkout(folder / "hub.pcaet", folder / "other.pcaet", user="paul", name="desktop")
    return folder, made


@pytest.fixture
def files(
    template: tuple[Path, dict[str, list[str]]], tmp_path: Path
) -> Iterator[tuple[Path, dict[str, list[str]]]]:
    world.clone_world(template[0], tmp_path)
    yield tmp_path, template[1]


def _open(path: Path) -> Store:
    return open_store(path, create=False)


def _data(path: Path) -> dict[tuple[str, str], dict[str, str | None]]:
    store = _open(path)
    try:
        return world.data(store)
    finally:
        store.close()


def _edit(path: Path, uuid: str, field: str, value: str, user: str) -> None:
    store = _open(path)
    try:
        world.edit_action(store, uuid, field, value, user)
    finally:
        store.close()


def test_a_round_trip_between_two_files(files, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    _edit(copy, made["action"][0], "title", "Offline title", "marie")
    _edit(hub, made["action"][1], "title", "Office title", "paul")
    up = folder / "up.pcaetsync"
    assert main(["changes", "--db", str(copy), "--out", str(up), "--json"]) == 0
    written = json.loads(capsys.readouterr().out)
    assert written["sent"] == 1 and written["package_size"] == up.stat().st_size
    assert main(["apply", "--db", str(hub), str(up), "--json"]) == 0
    applied = json.loads(capsys.readouterr().out)
    assert (applied["received"], applied["conflicts"]) == (1, [])
    down = folder / "down.pcaetsync"
    assert main(["changes", "--db", str(hub), "--since", "laptop", "--out", str(down)]) == 0
    capsys.readouterr()
    assert main(["apply", "--db", str(copy), str(down), "--json"]) == 0
    received = json.loads(capsys.readouterr().out)
    assert received["received"] == 1 and received["state"]
    assert _data(copy) == _data(hub)


def test_the_package_format(files) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    copy = folder / "copy.pcaet"
    _edit(copy, made["action"][0], "title", "Offline title", "marie")
    out = folder / "up.pcaetsync"
    assert main(["changes", "--db", str(copy), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["changes.json", "manifest.json"]
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
        manifest = json.loads(archive.read("manifest.json"))
    assert (manifest["format"], manifest["version"]) == ("pcaet-changes", 1)
    assert manifest["sender"]["name"] == "laptop" and manifest["sender"]["user"]
    assert manifest["checksum"].startswith("sha256:") and manifest["direction"] == "up"
    package = read_package(out)
    assert [(r.table, r.values["title"] if r.values else None) for r in package.records] == [
        ("action", "Offline title")
    ]


def test_a_package_applied_twice_changes_nothing(files) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    _edit(copy, made["action"][0], "title", "Offline title", "marie")
    up = folder / "up.pcaetsync"
    main(["changes", "--db", str(copy), "--out", str(up)])
    assert main(["apply", "--db", str(hub), str(up)]) == 0
    once = _data(hub)
    _edit(hub, made["action"][0], "title", "Changed again at the office", "paul")
    twice = _data(hub)
    assert main(["apply", "--db", str(hub), str(up)]) == 0
    assert _data(hub) == twice != once
    down = folder / "down.pcaetsync"
    main(["changes", "--db", str(hub), "--since", "laptop", "--out", str(down)])
    assert main(["apply", "--db", str(copy), str(down)]) == 0
    after = _data(copy)
    assert main(["apply", "--db", str(copy), str(down)]) == 0
    assert _data(copy) == after


def test_a_package_from_another_store_is_refused(files, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    stranger = tmp_path_factory.mktemp("stranger")
    world.build_hub(stranger / "hub.pcaet")
    checkout(stranger / "hub.pcaet", stranger / "copy.pcaet", user="eve")
    _edit(stranger / "copy.pcaet", made["action"][0], "title", "Not yours", "eve")
    package = stranger / "up.pcaetsync"
    main(["changes", "--db", str(stranger / "copy.pcaet"), "--out", str(package)])
    before = _data(folder / "hub.pcaet")
    assert main(["apply", "--db", str(folder / "hub.pcaet"), str(package)]) == 1
    assert _data(folder / "hub.pcaet") == before


def test_a_package_for_another_copy_is_refused(files) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    _edit(folder / "hub.pcaet", made["action"][0], "title", "For the laptop", "paul")
    package = folder / "down.pcaetsync"
    main(["changes", "--db", str(folder / "hub.pcaet"), "--since", "laptop", "--out", str(package)])
    before = _data(folder / "other.pcaet")
    assert main(["apply", "--db", str(folder / "other.pcaet"), str(package)]) == 1
    assert _data(folder / "other.pcaet") == before
    # A copy's package goes to its origin only.
    up = folder / "up.pcaetsync"
    main(["changes", "--db", str(folder / "copy.pcaet"), "--out", str(up)])
    assert main(["apply", "--db", str(folder / "other.pcaet"), str(up)]) == 1


@pytest.mark.parametrize("damage", ["checksum", "not_zip", "newer", "bomb", "missing"])
def test_a_damaged_or_foreign_file_is_refused_with_a_reason(files, damage: str) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    copy = folder / "copy.pcaet"
    _edit(copy, made["action"][0], "title", "Offline title", "marie")
    good = folder / "good.pcaetsync"
    main(["changes", "--db", str(copy), "--out", str(good)])
    bad = folder / "bad.pcaetsync"
    with zipfile.ZipFile(good) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        body = archive.read("changes.json")
    if damage == "not_zip":
        bad.write_bytes(b"PK\x03\x04 this is not a zip at all")
    else:
        with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
            if damage == "newer":
                manifest["version"] = 99
            if damage != "missing":
                archive.writestr("manifest.json", json.dumps(manifest))
            if damage == "checksum":
                body = body.replace(b"Offline title", b"Offline tit1e")
            if damage == "bomb":
                body = b" " * (20 << 20)  # 20 MB of spaces: compresses a thousand to one
            archive.writestr("changes.json", body)
    with pytest.raises(PackageError) as refused:
        read_package(bad)
    assert str(refused.value)
    before = _data(folder / "hub.pcaet")
    assert main(["apply", "--db", str(folder / "hub.pcaet"), str(bad)]) == 1
    assert _data(folder / "hub.pcaet") == before


def test_packages_crossing_in_the_mail_settle_each_conflict_once(files) -> None:  # type: ignore[no-untyped-def]
    """The copy sends its changes while the office sends its own: each applies the other's;
    the conflict between them is decided once, on the copy, and the next round agrees."""
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    uuid = made["action"][0]
    _edit(copy, uuid, "title", "Mine", "marie")
    _edit(hub, uuid, "title", "Theirs", "paul")
    up, down = folder / "up.pcaetsync", folder / "down.pcaetsync"
    main(["changes", "--db", str(copy), "--out", str(up)])
    main(["changes", "--db", str(hub), "--since", "laptop", "--out", str(down)])
    assert main(["apply", "--db", str(hub), str(up)]) == 1  # listed, held back
    assert _data(hub)[("action", uuid)]["title"] == "Theirs"
    assert main(["apply", "--db", str(copy), str(down), "--prefer", "mine"]) == 0
    up2, down2 = folder / "up2.pcaetsync", folder / "down2.pcaetsync"
    main(["changes", "--db", str(copy), "--out", str(up2)])
    assert main(["apply", "--db", str(hub), str(up2)]) == 0  # no question any more
    main(["changes", "--db", str(hub), "--since", "laptop", "--out", str(down2)])
    assert main(["apply", "--db", str(copy), str(down2)]) == 0
    assert _data(copy) == _data(hub)
    assert _data(hub)[("action", uuid)]["title"] == "Mine"


def test_a_dry_run_changes_nothing(files, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    _edit(hub, made["action"][0], "title", "Office title", "paul")
    before = (_data(copy), _data(hub))
    assert main(["sync", "--db", str(copy), "--dry-run", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["dry_run"], report["received"], report["written"]) == (True, 1, False)
    assert (_data(copy), _data(hub)) == before


def test_conflicts_are_listed_and_nothing_conflicting_applied(files, capsys) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    uuid = made["action"][0]
    _edit(copy, uuid, "title", "Mine", "marie")
    _edit(hub, uuid, "title", "Theirs", "paul")
    assert main(["--lang", "en", "sync", "--db", str(copy)]) == 1
    out = capsys.readouterr().out
    assert "Mine" in out and "Theirs" in out and "marie" in out and "paul" in out
    assert "--prefer" in out
    assert _data(copy)[("action", uuid)]["title"] == "Mine"
    assert _data(hub)[("action", uuid)]["title"] == "Theirs"
    assert main(["sync", "--db", str(copy), "--prefer", "theirs"]) == 0
    assert _data(copy) == _data(hub)


def test_an_error_while_writing_leaves_both_stores_as_before(  # type: ignore[no-untyped-def]
    files, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, made = files
    hub_path, copy_path = folder / "hub.pcaet", folder / "copy.pcaet"
    _edit(copy_path, made["action"][0], "title", "Offline title", "marie")
    _edit(hub_path, made["action"][1], "title", "Office title", "paul")
    before = (_data(copy_path), _data(hub_path))

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(changelog, "incoming", broken)
    copy, hub = _open(copy_path), _open(hub_path)
    try:
        with pytest.raises(Exception):  # noqa: B017 - whatever the disk says
            online.synchronise(copy, hub, user="marie")
        assert (world.data(copy), world.data(hub)) == before
        monkeypatch.undo()
        online.synchronise(copy, hub, user="marie")
        assert world.data(copy) == world.data(hub)
    finally:
        copy.close()
        hub.close()
    # The same for a package.
    _edit(hub_path, made["action"][2], "title", "Another office title", "paul")
    down = folder / "down.pcaetsync"
    main(["changes", "--db", str(hub_path), "--since", "laptop", "--out", str(down)])
    before_copy = _data(copy_path)
    monkeypatch.setattr(packages.changelog, "incoming", broken)
    assert main(["apply", "--db", str(copy_path), str(down)]) == 1  # "the disk is full"
    assert _data(copy_path) == before_copy
    monkeypatch.undo()
    assert main(["apply", "--db", str(copy_path), str(down)]) == 0


KILLER = """
import os, signal, sys
from desktop.services.sync import online
real = online.apply_side
calls = []
def apply_then_die(*args, **kwargs):
    result = real(*args, **kwargs)
    calls.append(1)
    if len(calls) == int(sys.argv[3]):
        os.kill(os.getpid(), signal.SIGKILL)
    return result
online.apply_side = apply_then_die
from desktop.store import open_store
copy, hub = open_store(sys.argv[1], create=False), open_store(sys.argv[2], create=False)
online.synchronise(copy, hub, user="marie")
"""


@pytest.mark.parametrize("after_writes", [1, 2])
def test_kill_9_during_a_synchronisation_leaves_both_stores_as_before(  # type: ignore[no-untyped-def]
    files, after_writes: int
) -> None:
    """Killed after writing the origin (or both stores), before any commit: both stores
    are as they were, intact, and synchronising again completes."""
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    _edit(copy, made["action"][0], "title", "Offline title", "marie")
    _edit(hub, made["action"][1], "title", "Office title", "paul")
    before = (_data(copy), _data(hub))
    done = subprocess.run(
        [sys.executable, "-c", KILLER, str(copy), str(hub), str(after_writes)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()
    for path in (copy, hub):
        connection = sqlite3.connect(path)
        try:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            connection.close()
    assert (_data(copy), _data(hub)) == before
    assert main(["sync", "--db", str(copy)]) == 0
    assert _data(copy) == _data(hub)


def test_cut_between_the_two_commits_completes_on_the_next_run(  # type: ignore[no-untyped-def]
    files, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The origin committed, the copy's commit failed (the laptop's disk, a kill at that
    moment): the origin holds the copy's changes, the copy is as it was; the next run brings
    the copy up to date without sending anything twice or asking anything again."""
    from contextlib import contextmanager

    folder, made = files
    hub_path, copy_path = folder / "hub.pcaet", folder / "copy.pcaet"
    _edit(copy_path, made["action"][0], "title", "Offline title", "marie")
    _edit(hub_path, made["action"][1], "title", "Office title", "paul")
    copy_before = _data(copy_path)
    real = online.transaction

    @contextmanager
    def failing_on_the_copy(store: Store, *, commit: bool = True):  # type: ignore[no-untyped-def]
        if store.path != copy_path:
            with real(store, commit=commit) as connection:
                yield connection
            return
        with real(store, commit=False) as connection:
            yield connection
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(online, "transaction", failing_on_the_copy)
    copy, hub = _open(copy_path), _open(hub_path)
    try:
        with pytest.raises(Exception):  # noqa: B017
            online.synchronise(copy, hub, user="marie")
        assert world.data(copy) == copy_before
        assert world.data(hub)[("action", made["action"][0])]["title"] == "Offline title"
        monkeypatch.undo()
        again = online.synchronise(copy, hub, user="marie")
        assert again.conflicts == [] and again.sent == 0
        assert world.data(copy) == world.data(hub)
        with hub.engine.connect() as connection:
            logged = connection.exec_driver_sql(
                "SELECT count(*) FROM change_log WHERE new_value = 'Offline title'"
            ).scalar()
        assert logged == 1
    finally:
        copy.close()
        hub.close()


def test_a_package_of_the_whole_demo_store_stays_under_a_megabyte(tmp_path: Path) -> None:
    from desktop.services import demo
    from desktop.services.sync.package_writer import write_changes

    store = open_store(tmp_path / "demo.pcaet")
    try:
        demo.create_demo_store(store)
        result = write_changes(store, tmp_path / "all.pcaetsync", user="test", since="0")
        records = len(world.data(store))
    finally:
        store.close()
    assert result.sent == records and result.package_size < 1 << 20


def test_a_conflict_decided_on_the_shared_store_is_not_asked_again_on_the_copy(files) -> None:  # type: ignore[no-untyped-def]
    folder, made = files
    hub, copy = folder / "hub.pcaet", folder / "copy.pcaet"
    uuid = made["action"][0]
    _edit(copy, uuid, "title", "Mine", "marie")
    _edit(hub, uuid, "title", "Theirs", "paul")
    up, down = folder / "up.pcaetsync", folder / "down.pcaetsync"
    main(["changes", "--db", str(copy), "--out", str(up)])
    assert main(["apply", "--db", str(hub), str(up), "--prefer", "mine"]) == 0  # the office's
    main(["changes", "--db", str(hub), "--since", "laptop", "--out", str(down)])
    assert main(["apply", "--db", str(copy), str(down)]) == 0  # no question: decided there
    assert _data(copy) == _data(hub)
    assert _data(copy)[("action", uuid)]["title"] == "Theirs"
