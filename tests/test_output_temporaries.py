"""Temporary files of outputs whose writer was killed: recognisable, and removed (only ours,
only stale) the next time an output is written into their folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.outputs import (
    STALE_AFTER,
    check_output,
    is_temporary_name,
    remove_stale_temporaries,
    write_output,
)

KILLED_WRITE = """
import os, signal, sys
from pathlib import Path
from desktop.outputs import write_output
with write_output(Path(sys.argv[1])) as temporary:
    temporary.write_bytes(b"half a report")
    os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder of outputs of its own (``tmp_path`` also holds the test's data folder)."""
    made = tmp_path / "outputs"
    made.mkdir()
    return made


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def _killed_during_a_write(target: Path) -> Path:
    """Kill -9 a process in the middle of writing ``target``; the temporary it left."""
    result = subprocess.run(
        [sys.executable, "-c", KILLED_WRITE, str(target)], capture_output=True, timeout=120
    )
    assert result.returncode == -signal.SIGKILL, result.stderr
    left = [path for path in target.parent.iterdir() if path != target]
    assert len(left) == 1
    return left[0]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no kill -9 on this system")
def test_a_write_killed_midway_leaves_a_recognisable_temporary_removed_later(
    folder: Path,
) -> None:
    target = folder / "report.pdf"
    target.write_bytes(b"previous report")
    left = _killed_during_a_write(target)
    assert target.read_bytes() == b"previous report"
    assert left.name.startswith(".pcaet-partial.report.pdf.") and left.name.endswith(".tmp.pdf")
    assert is_temporary_name(left.name)

    with write_output(folder / "other.xlsx") as temporary:  # an hour has not passed yet
        temporary.write_bytes(b"workbook")
    assert left.exists()

    _age(left, STALE_AFTER + 60)
    with write_output(folder / "chart.png") as temporary:
        temporary.write_bytes(b"chart")
    assert not left.exists()
    assert sorted(path.name for path in folder.iterdir()) == [
        "chart.png",
        "other.xlsx",
        "report.pdf",
    ]


def test_only_our_stale_temporaries_are_removed(folder: Path) -> None:
    ours = folder / ".pcaet-partial.actions.xlsx.ab3_9xyz.tmp.xlsx"
    probe = folder / ".pcaet-partial.probe.k2m4p6q8.tmp"
    recent = folder / ".pcaet-partial.plan.pdf.zz11yy22.tmp.pdf"
    lookalikes = [
        folder / ".report.pdf.ab3_9xyz.tmp.pdf",  # the user's, or another program's
        folder / "pcaet-partial.actions.xlsx.ab3_9xyz.tmp.xlsx",
        folder / ".pcaet-partial.notes.txt",
        folder / ".pcaet-partial.actions.xlsx.ABCDEFGH.tmp.xlsx",
    ]
    for path in (ours, probe, recent, *lookalikes):
        path.write_bytes(b"x")
    directory = folder / ".pcaet-partial.dir.ab3_9xyz.tmp"
    directory.mkdir()
    elsewhere = folder / "kept.txt"
    elsewhere.write_bytes(b"kept")
    link = folder / ".pcaet-partial.link.ab3_9xyz.tmp"
    link.symlink_to(elsewhere)
    for path in (ours, probe, *lookalikes, directory, link):
        _age(path, STALE_AFTER + 60)

    removed = remove_stale_temporaries(folder)

    assert sorted(removed) == sorted([ours, probe])
    assert not ours.exists() and not probe.exists()
    assert recent.exists() and directory.is_dir() and link.is_symlink()
    assert all(path.exists() for path in lookalikes)
    assert elsewhere.read_bytes() == b"kept"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="changing a file's owner needs root"
)
def test_a_stale_temporary_of_another_user_is_left_alone(folder: Path) -> None:
    theirs = folder / ".pcaet-partial.report.pdf.ab3_9xyz.tmp.pdf"
    theirs.write_bytes(b"x")
    os.chown(theirs, 65534, -1)
    _age(theirs, STALE_AFTER + 60)
    assert remove_stale_temporaries(folder) == []
    assert theirs.exists()


def test_an_unreadable_folder_never_fails_the_output(folder: Path) -> None:
    assert remove_stale_temporaries(folder / "missing") == []


def test_the_probe_and_the_temporary_carry_the_mark(folder: Path) -> None:
    check_output(folder / "out.pdf")
    assert list(folder.iterdir()) == []
    with write_output(folder / ("x" * 100 + ".pdf")) as temporary:
        assert is_temporary_name(temporary.name)
        temporary.write_bytes(b"%PDF")
