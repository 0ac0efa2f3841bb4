"""Charts as image bytes, without a window: for the PDF report, the Excel export and the CLI.

Works without a running application: a QApplication is created if there is none, offscreen
when the machine has no display. Callable from a worker thread too (a report built in the
background): Qt widgets live on the application's thread, so the drawing is handed to it and
the worker waits for the bytes; the session is then used by one thread at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from sqlmodel import Session

from ..errors import UserError
from ..i18n import _, language
from ..services.dashboard_data import default_contract, default_plan, default_territory
from . import theme
from .base import ChartWidget
from .export import png_bytes, svg_bytes
from .registry import KINDS

FORMATS = ("png", "svg")


def render_indicator(
    session: Session,
    indicator_id: int,
    territory_id: int,
    *,
    width: int = 1200,
    height: int = 700,
    fmt: str = "png",
    lang: str | None = None,
) -> bytes:
    """The indicator chart (values, trajectory, targets, on-track band) as PNG or SVG bytes."""
    from .indicator_chart import IndicatorChart, indicator_chart_read

    def make() -> ChartWidget:
        try:
            read = indicator_chart_read(session, indicator_id, territory_id)
        except LookupError:
            raise UserError(
                _("There is no indicator number {id}.").format(id=indicator_id)
            ) from None
        return IndicatorChart.of(read)

    return _render(make, width, height, fmt, lang)


def render_chart(
    session: Session,
    kind: str,
    *,
    territory_id: int | None = None,
    plan_id: int | None = None,
    contract_id: int | None = None,
    width: int = 1200,
    height: int = 700,
    fmt: str = "png",
    lang: str | None = None,
) -> bytes:
    """A dashboard chart as PNG or SVG bytes. Missing ids default to the store's first
    territory, that territory's PCAET (or first plan) and its latest contract."""
    if kind not in KINDS:
        raise UserError(
            _("Unknown chart {kind}; choose one of: {kinds}.").format(
                kind=kind, kinds=", ".join(KINDS)
            )
        )

    def make() -> ChartWidget:
        territory = territory_id or default_territory(session, plan_id, contract_id)
        return build_chart(
            session,
            kind,
            territory_id=territory,
            plan_id=plan_id or default_plan(session, territory),
            contract_id=contract_id or default_contract(session, territory),
        )

    return _render(make, width, height, fmt, lang)


def render_status_counts(
    counts: Any,
    *,
    width: int = 1200,
    height: int = 700,
    fmt: str = "png",
    lang: str | None = None,
) -> bytes:
    """Actions by status from counts already made (``progress.status_counts`` on the date of
    a report), so the chart's title and bars say what the report's tables say."""
    from .status_chart import StatusChart

    return _render(lambda: StatusChart(counts), width, height, fmt, lang)


def render_contract_indicator(
    session: Session,
    contract_id: int,
    indicator_id: int,
    territory_id: int,
    *,
    width: int = 1200,
    height: int = 700,
    fmt: str = "png",
    lang: str | None = None,
) -> bytes:
    """A contractual indicator against the contract's yearly targets, over the contract's
    years only: no trajectory nor pace is drawn past the contract's end."""
    from ..services.analysis import analyse, load_points
    from ..services.contracts import contract_targets
    from ..services.queries.contracts import contract_and_indicator
    from .indicator_chart import IndicatorChart

    def make() -> ChartWidget:
        found = contract_and_indicator(session, contract_id, indicator_id)
        if found is None:
            raise UserError(_("There is no indicator number {id}.").format(id=indicator_id))
        contract, indicator = found
        points = [
            p
            for p in load_points(session, indicator_id, territory_id)
            if contract.period_start - 1 <= p.year <= contract.period_end
        ]
        targets = contract_targets(session, contract_id, indicator_id, territory_id)
        return IndicatorChart(
            analyse(indicator, territory_id, points, targets), until_year=contract.period_end
        )

    return _render(make, width, height, fmt, lang)


def render_peers(
    session: Session,
    indicator_id: int,
    territory_id: int,
    *,
    width: int = 1200,
    height: int = 700,
    fmt: str = "png",
    lang: str | None = None,
) -> bytes:
    """The peer comparison of a chosen indicator (``render_chart("peers")`` picks one)."""
    from .peers_chart import PeersChart

    return _render(
        lambda: PeersChart.from_store(session, territory_id, indicator_id), width, height, fmt, lang
    )


def _render(
    make: Callable[[], ChartWidget], width: int, height: int, fmt: str, lang: str | None
) -> bytes:
    """Build the chart with ``make`` and encode it, in ``lang``, on the GUI thread (Qt paints
    only there)."""
    _check(fmt, width, height)

    def draw() -> bytes:
        with _language(lang):
            return _encode(make(), width, height, fmt)

    return on_gui_thread(draw)


def build_chart(
    session: Session,
    kind: str,
    *,
    territory_id: int | None,
    plan_id: int | None,
    contract_id: int | None,
) -> ChartWidget:
    """The widget of a kind, filled from the store (an empty chart says what is missing)."""
    return KINDS[kind].build(
        session, territory_id=territory_id, plan_id=plan_id, contract_id=contract_id
    )


class _GuiCall(QObject):
    """Runs a callable on the application's thread for a worker, which waits for it."""

    requested = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.requested.connect(self._run, Qt.ConnectionType.BlockingQueuedConnection)

    @Slot(object)
    def _run(self, job: list[Any]) -> None:
        try:
            job[1] = job[0]()
        except BaseException as error:  # handed back to the worker, raised there
            job[2] = error


_gui_call: _GuiCall | None = None


def on_gui_thread(work: Callable[[], bytes]) -> bytes:
    """``work()`` on the Qt application's thread; directly when already there."""
    global _gui_call
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() == app.thread():
        theme.ensure_app()
        return work()
    if _gui_call is None or _gui_call.thread() != app.thread():
        _gui_call = _GuiCall()
        _gui_call.moveToThread(app.thread())

    def prepared() -> bytes:
        theme.ensure_app()  # fonts and options are set up on the application's thread
        return work()

    job: list[Any] = [prepared, None, None]
    _gui_call.requested.emit(job)
    if job[2] is not None:
        raise job[2]
    return bytes(job[1])


def _check(fmt: str, width: int, height: int) -> None:
    if fmt not in FORMATS:
        raise UserError(_("Unknown image format {fmt}; use png or svg.").format(fmt=fmt))
    if not (50 <= width <= 10_000 and 50 <= height <= 10_000):
        raise UserError(
            _(
                "An image is between 50 and 10000 pixels wide and high (asked {width} x {height})."
            ).format(width=width, height=height)
        )


def _encode(chart: ChartWidget, width: int, height: int, fmt: str) -> bytes:
    try:
        return svg_bytes(chart, width, height) if fmt == "svg" else png_bytes(chart, width, height)
    finally:
        chart.close()


@contextmanager
def _language(lang: str | None) -> Iterator[None]:
    with language(lang) if lang else nullcontext():
        yield
