"""``--out`` of every command that writes a file: impossible paths are said (exit 1, no
traceback), files get the user's umask, links are written through, special files refused."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.mounts import run_on_small_fs
from support.shell import fill

from desktop.cli.main import main
from desktop.services.changes import Actor
from desktop.store import open_store


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("outputs") / "filled.pcaet"
    store = open_store(path)
    fill(store, Actor("test", "test"))
    store.close()
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")  # one file: a byte copy is all of it
    connection.close()
    return path


@pytest.fixture
def db(filled_store: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(filled_store, tmp_path / "store.pcaet"))


def commands(db: Path, out: Path) -> dict[str, list[str]]:
    """Each command that writes ``out``."""
    return {
        "report": [
            "report",
            "--db",
            str(db),
            "--out",
            str(out.with_suffix(".pdf")),
            "--no-charts",
            "--no-action-sheets",
            "--no-snapshot",
        ],
        "export": ["export", "--db", str(db), "--out", str(out.with_suffix(".xlsx"))],
        "export-tet": [
            "export",
            "--db",
            str(db),
            "--format",
            "tet",
            "--out",
            str(out.with_suffix(".xlsx")),
        ],
        "chart": [
            "chart",
            "--db",
            str(db),
            "--indicator",
            "GES",
            "--out",
            str(out.with_suffix(".png")),
        ],
        "template": ["template", "observations", "--out", str(out.with_suffix(".xlsx"))],
        "backup": ["backup", "--db", str(db), "--out", str(out.with_suffix(".pcaet"))],
    }


NAMES = ["report", "export", "export-tet", "chart", "template", "backup"]


@pytest.fixture
def umask() -> Iterator[int]:
    previous = os.umask(0o002)
    try:
        yield 0o002
    finally:
        os.umask(previous)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["--lang", "en", *args])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("name", NAMES)
def test_out_onto_an_existing_folder_is_refused(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = commands(db, tmp_path / "out")[name]
    folder = Path(args[args.index("--out") + 1])
    folder.mkdir()
    code, err = _run(args, capsys)
    assert code == 1 and "is a folder" in err and "Traceback" not in err
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("name", NAMES)
def test_out_under_a_file_is_refused(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "notes.txt"
    blocker.write_text("a file")
    code, err = _run(commands(db, blocker / "sub" / "out")[name], capsys)
    assert code == 1 and "notes.txt is a file, not a folder" in err
    assert blocker.read_text() == "a file"


@pytest.mark.parametrize("name", NAMES)
def test_out_in_a_missing_folder_is_refused(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _run(commands(db, tmp_path / "absent" / "out")[name], capsys)
    assert code == 1 and "does not exist" in err
    assert not (tmp_path / "absent").exists()


@pytest.mark.parametrize("name", NAMES)
def test_outputs_get_the_users_umask_and_no_temporary_file_is_left(
    name: str, db: Path, tmp_path: Path, umask: int, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    args = commands(db, folder / "out")[name]
    code, err = _run(args, capsys)
    assert code == 0, err
    written = Path(args[args.index("--out") + 1])
    assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in folder.iterdir()] == [written.name]


def test_replacing_a_file_keeps_its_mode(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "t.xlsx"
    out.write_bytes(b"old")
    out.chmod(0o640)
    code, _err = _run(["template", "actions", "--out", str(out)], capsys)
    assert code == 0 and out.read_bytes()[:2] == b"PK"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


@pytest.mark.parametrize("name", ["chart", "template", "backup"])
def test_a_link_is_written_through(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    args = commands(db, tmp_path / "out")[name]
    link = Path(args[args.index("--out") + 1])
    real = real_folder / ("target" + link.suffix)
    real.write_bytes(b"old")
    link.symlink_to(real)
    code, err = _run(args, capsys)
    assert code == 0, err
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert real.read_bytes() != b"old" and real.stat().st_size > 100


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", NAMES)
def test_a_fifo_is_refused(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = commands(db, tmp_path / "out")[name]
    fifo = Path(args[args.index("--out") + 1])
    os.mkfifo(fifo)
    code, err = _run(args, capsys)
    assert code == 1 and "special file" in err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["template", "observations", "--out", "/dev/null"], capsys)
    assert code == 1 and "special file" in err


READ_ONLY_FOLDER = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from pathlib import Path
    from desktop.cli.main import main
    folder = Path(sys.argv[1])
    found = {}
    for name, args in json.loads(sys.argv[2]).items():
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = main(["--lang", "en", *args])
        found[name] = [code, err.getvalue()]
    print(json.dumps(found))
    """
)


def test_out_into_a_read_only_folder_names_the_destination(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    todo = commands(db, folder / "out")
    result = run_on_small_fs(folder, READ_ONLY_FOLDER, json.dumps(todo), read_only=True)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    for name, (code, err) in found.items():
        assert code == 1, (name, err)
        assert f"the folder {folder} is read-only" in err, (name, err)
        assert str(db) not in err and "Traceback" not in err, (name, err)
