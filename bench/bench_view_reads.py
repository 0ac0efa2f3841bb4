"""GUI-thread time of a change-driven refresh of the indicators and SNBC reference views, on
the demo and on a large store (``bench_action_list.build_store``: 10,000 actions, 1,000,000
values of 100 energy indicators).

"Before" is the refresh made wholly on the GUI thread (what a change did until the views read
on a worker; the same code still serves a choice made by the user). "After" is what is left on
the GUI thread when a change refreshes the view: the indicators view's list, form and grid,
then the drawing of what the worker read; the reference view's drawing only. The worker's read
is timed apart. Both are measured in the same run, so the ratio reads alike on a busy machine.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPEAT = 5


def _ms(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return (time.perf_counter() - start) * 1000


def _median(work: Callable[[], object]) -> float:
    from PySide6.QtCore import QCoreApplication, QEvent

    times = []
    for _ in range(REPEAT):
        times.append(_ms(work))
        # The replaced charts go now, as between two refreshes in the window.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
    return statistics.median(times)


def measure(path: Path, territory_id: int, plan_id: int | None) -> dict[str, float]:
    """Median ms of each view's refresh: before (all on the GUI thread), after (GUI thread
    part), and the worker's read."""
    from PySide6.QtWidgets import QApplication

    from desktop.services.reference_trajectory import ENERGY, GHG
    from desktop.settings import UserSettings
    from desktop.store import open_store
    from desktop.ui.context import AppContext
    from desktop.ui.views.indicators import IndicatorView
    from desktop.ui.views.reference import ReferenceView

    app = QApplication.instance() or QApplication([])
    store = open_store(path)
    context = AppContext(store, UserSettings(user_name="bench"))
    context.territory_id, context.plan_id = territory_id, plan_id
    found: dict[str, float] = {}
    try:
        reference = ReferenceView(context)
        reference.resize(1280, 820)
        reference.show()
        for domain in (GHG, ENERGY):
            reference.domain.blockSignals(True)
            reference.domain.setCurrentIndex(reference.domain.findData(domain))
            reference.domain.blockSignals(False)
            found[f"reference {domain} before"] = _median(reference.refresh)
            read = reference._reader()
            found[f"reference {domain} worker"] = _median(read)
            data = read()
            found[f"reference {domain} after"] = _median(partial(reference._show, data))
            app.processEvents()
        reference.close()

        indicators = IndicatorView(context)
        indicators.resize(1280, 820)
        indicators.show()
        app.processEvents()
        found["indicators before"] = _median(indicators.refresh)
        reads: list[tuple[Callable[[], Any], Callable[[Any], None]]] = []
        # The worker's part is kept aside to be timed on its own.
        indicators.read_in_background = lambda read, show: reads.append((read, show))  # type: ignore[method-assign]

        def change_refresh() -> None:
            indicators._change_refresh = True
            try:
                indicators.refresh()
            finally:
                indicators._change_refresh = False

        found["indicators after (sync part)"] = _median(change_refresh)
        read, show = reads[-1]
        found["indicators worker"] = _median(read)
        data = read()
        found["indicators after (drawing)"] = _median(lambda: show(data))
        found["indicators after"] = (
            found["indicators after (sync part)"] + found["indicators after (drawing)"]
        )
        indicators.close()
        app.processEvents()
    finally:
        store.close()
    return found


def main() -> int:
    from bench.bench_action_list import build_store

    with tempfile.TemporaryDirectory() as folder:
        os.environ["PCAET_DATA_DIR"] = folder
        from desktop.i18n import set_language
        from desktop.services import demo
        from desktop.services.queries import names
        from desktop.store import open_store

        set_language("fr")
        demo_path, big_path = Path(folder) / "demo.pcaet", Path(folder) / "big.pcaet"
        demo.create_demo_store(demo_path)
        store = open_store(demo_path)
        with store.session() as session:
            plan = names.plan_or_first(session, None)
            assert plan is not None
            demo_ids = (plan.territory_id, plan.pk)
        store.close()
        started = time.perf_counter()
        big_ids = build_store(big_path, 10_000, observations=True)
        print(f"large store built in {time.perf_counter() - started:.0f} s", flush=True)
        results = {"demo": measure(demo_path, *demo_ids), "large": measure(big_path, *big_ids)}
    for name in results["demo"]:
        small, big = results["demo"][name], results["large"][name]
        print(f"{name:34} demo {small:8.1f} ms   large {big:8.1f} ms")
    for view in ("reference ghg", "reference energy", "indicators"):
        for store_name, found in results.items():
            before, after = found[f"{view} before"], found[f"{view} after"]
            print(
                f"{view} on the {store_name} store: GUI thread {before:.1f} -> {after:.1f} ms "
                f"({after / before:.0%} of before)"
            )
    return 0
