"""Small or read-only file systems for the tests, in a private mount namespace (``unshare``):
a full disk and a read-only folder that root cannot write either. Skips when the machine does
not allow it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NOT_MOUNTED = 97


def run_on_small_fs(
    folder: Path,
    script: str,
    *args: str,
    size_kb: int = 2048,
    read_only: bool = False,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -c script folder *args`` with a fresh tmpfs of ``size_kb`` mounted on
    ``folder``, holding a copy of what ``folder`` held (``read_only``: mounted read-only).
    What the script changes there vanishes with it: it prints what the test checks."""
    if shutil.which("unshare") is None or sys.platform != "linux":
        pytest.skip("no unshare here: a small file system cannot be mounted for the test")
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / (folder.name + "-content")
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(folder, staging)
    remount = f"mount -o remount,ro {folder} || exit {NOT_MOUNTED}; " if read_only else ""
    shell = (
        f"mount -t tmpfs -o size={size_kb}k tmpfs {folder} || exit {NOT_MOUNTED}; "
        f"cp -a {staging}/. {folder}/ ; {remount}"
        'exec "$@"'
    )
    command = [
        "unshare",
        "-m",
        "sh",
        "-c",
        shell,
        "sh",
        sys.executable,
        "-c",
        script,
        str(folder),
        *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode == NOT_MOUNTED or "unshare failed" in result.stderr:
        pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()[:200]}")
    return result
