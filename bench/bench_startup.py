"""From process start to the main window showing the demo territory, against a bare PySide6
"hello" window started the same way in the same run. Goal: ratio <= 2.

"shown" is the window painted with the store's outline (territory in the title and the tree,
read with sqlite3 while the data layer loads on a worker thread); "ready" is the store open and
its first view (the dashboard, with its charts) filled, printed for information.

Each figure is the median of several cold process starts, interleaved (hello, app, hello,
app...) so both see the same machine load; the ratio is the median of each pair's ratio. The
demo store is created once beforehand, as it is after a first start.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 9
GOAL = 2.0
HELLO = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("Hello")
label.resize(400, 300)
label.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), label.close()))
sys.exit(app.exec())
"""


def _time_until_shown(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawning the process to its "shown" line (the window is on screen and the
    event loop running) and to its "ready" line (the first view filled; the same for hello)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    marks: dict[str, float] = {}
    for line in process.stdout:
        marks[line.strip()] = time.perf_counter() - start
        if "ready" in marks or ("shown" in marks and "--quit-when-shown" not in command):
            break
    _out, err = process.communicate(timeout=60)
    if "shown" not in marks:
        raise RuntimeError(f"{' '.join(command)} did not show a window:\n{err}")
    return marks["shown"], marks.get("ready", marks["shown"])


BREAKDOWN = """
import sys, time
stages = []
def mark(name, start=[time.perf_counter()]):
    now = time.perf_counter(); stages.append((name, now - start[0])); start[0] = now
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1]); mark("Qt and QApplication")
import desktop.ui.window.main_window; mark("window modules (no data layer)")
from pathlib import Path
from desktop.store.peek import peek_outline
peek_outline(Path(sys.argv[1])); mark("store outline (sqlite3)")
import desktop.models; desktop.models.metadata; mark("tables (sqlmodel, pydantic, SQLAlchemy)")
from desktop.store import open_store
store = open_store(sys.argv[1]); mark("open the store (revision check)")
import desktop.ui.window.navigation_model, desktop.ui.context, desktop.ui.commands
mark("services of the window")
import pyqtgraph; mark("pyqtgraph (dashboard charts)")
print(";".join(f"{n}={s * 1000:.0f}" for n, s in stages))
"""


def _breakdown(env: dict[str, str], store_path: str) -> str:
    """Where the start-up time goes, stage by stage, in one fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", BREAKDOWN, store_path],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        return "(breakdown unavailable)"
    return ", ".join(f"{part.replace('=', ' ')} ms" for part in lines[-1].split(";"))


def _prepare_store(data_dir: Path, env: dict[str, str]) -> tuple[list[str], str]:
    """Arguments opening the demo store (made once here), or a demo-sized sample if the demo
    module is absent from this build."""
    code = (
        "from desktop.services.demo import ensure_demo_store\n"
        "s = ensure_demo_store()\n"
        "getattr(s, 'close', lambda: None)()\n"
    )
    made = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    if made.returncode == 0:
        return ["--demo"], "demo store"
    from bench.bench_report import build_sample
    from desktop.store import open_store

    store = open_store(data_dir / "sample.pcaet")
    build_sample(store, actions=29, indicators_count=12)
    store.close()
    return ["--db", str(data_dir / "sample.pcaet")], "sample of 29 actions (no demo module)"


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        env = dict(os.environ)
        env["PCAET_DATA_DIR"] = str(data_dir)
        # An installed application runs from compiled .pyc files: let the warm-up start write
        # them (to a cache of its own, the source tree is left alone) and the timed ones read
        # them. Without this, a PYTHONDONTWRITEBYTECODE environment compiles every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(data_dir / "pycache")
        if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
            env.setdefault("QT_QPA_PLATFORM", "offscreen")
        args, source = _prepare_store(data_dir, env)
        app_command = [sys.executable, "-m", "desktop", *args, "--quit-when-shown"]
        hello_command = [sys.executable, "-c", HELLO]
        # One warm-up of each: the first start after an install pays for compiling .pyc files.
        _time_until_shown(hello_command, env)
        _time_until_shown(app_command, env)
        hello, shown, ready = [], [], []
        for _run in range(RUNS):
            hello.append(_time_until_shown(hello_command, env)[0])
            app_shown, app_ready = _time_until_shown(app_command, env)
            shown.append(app_shown)
            ready.append(app_ready)
        store_path = args[1] if args[0] == "--db" else str(data_dir / "demo.pcaet")
        breakdown = _breakdown(env, store_path)
    hello_s = statistics.median(hello)
    shown_s, ready_s = statistics.median(shown), statistics.median(ready)
    # Each app start is paired with the hello start just before it: the median of the pairs'
    # ratios follows the machine's load better than a ratio of two medians.
    ratios = [s / h for s, h in zip(shown, hello, strict=True)]
    ratio = statistics.median(ratios)
    print(f"bare PySide6 hello window: {hello_s * 1000:.0f} ms (median of {RUNS})")
    print(
        f"main window painted with the territory, on the {source}: {shown_s * 1000:.0f} ms, "
        f"ratio {ratio:.2f} (goal <= {GOAL:.1f}): {'ok' if ratio <= GOAL else 'MISSED'}; "
        f"pairs from {min(ratios):.2f} to {max(ratios):.2f}"
    )
    print(f"first view (dashboard) filled: {ready_s * 1000:.0f} ms, ratio {ready_s / hello_s:.2f}")
    print(f"where it goes: {breakdown}")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
