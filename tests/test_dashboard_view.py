"""The dashboard's heading, tiles and indicator list on a territory of a store holding several,
and what the charts do with awkward data (one value, a long timeline, committees before the
change log, long category names)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

# The territory of the `demo` fixture (tests/conftest.py), shared with the chart tests.
from support.calaisis import Ids

from desktop.charts.cotri_chart import CotriChart
from desktop.charts.export import render_image
from desktop.charts.indicator_chart import IndicatorChart
from desktop.charts.progress_chart import ProgressChart, committee_label
from desktop.charts.timeline_chart import TimelineChart
from desktop.i18n import language
from desktop.models import (
    Direction,
    Indicator,
    IndicatorCategory,
    Meeting,
    MeetingKind,
    ObservationKind,
)
from desktop.services import analysis, changes, indicators
from desktop.services.changes import Actor
from desktop.services.contracts import Achievement, IndicatorAchievement, YearAchievement
from desktop.services.dashboard_data import dashboard_data
from desktop.services.progress import timeline
from desktop.services.progress_history import progress_over_time
from desktop.store import Store
from desktop.ui.change_notice import ChangeNotice

D = Decimal


def _renewables_on_track(store: Store, actor: Actor, demo: Ids) -> None:
    """100 GWh in 2015, 150 in 2019, 200 aimed at in 2030: ahead of its trajectory."""
    with store.transaction() as s:
        enr = s.get(Indicator, demo.renewables)
        indicators.set_target(
            s, actor, indicator=enr, territory_id=demo.territory, horizon_year=2030, value=D(200)
        )


def test_dashboard_data_names_and_opens_the_territory_s_indicators(
    store: Store,
    actor: Actor,
    demo: Ids,
) -> None:
    _renewables_on_track(store, actor, demo)
    with store.session() as session:
        data = dashboard_data(session, territory_id=demo.territory, today=date(2024, 1, 1))
    assert (data.territory_name, data.plan_title) == ("CA du Calaisis", "PCAET")
    # The GHG total for the emissions tile; no consumption: the energy tile opens renewables
    assert data.emissions_indicator_id == demo.ghg
    assert data.energy_indicator_id == demo.renewables
    assert [s.indicator_id for s in data.behind] == [demo.ghg]
    assert [s.indicator_id for s in data.on_track] == [demo.renewables]
    assert data.not_assessed == 0


def test_tiles_open_nothing_of_another_territory(store: Store, actor: Actor) -> None:
    """A territory without energy values does not open another territory's indicator."""
    from desktop.services import territories

    with store.transaction() as s:
        first = territories.create_territory(s, actor, name="A")
        second = territories.create_territory(s, actor, name="B")
        conso = indicators.create_indicator(
            s,
            actor,
            code="CONSO",
            name="Consommation",
            unit="GWh",
            category=IndicatorCategory.ENERGY_CONSUMPTION,
        )
        indicators.set_observation(
            s, actor, indicator=conso, territory_id=second.id, year=2020, value=D(5)
        )
        first_id, second_id, conso_id = first.id, second.id, conso.id
    with store.session() as session:
        assert dashboard_data(session, territory_id=first_id).energy_indicator_id is None
        assert dashboard_data(session, territory_id=second_id).energy_indicator_id == conso_id


def test_dashboard_heading_and_indicator_list(
    qtbot: QtBot,
    store: Store,
    actor: Actor,
    context: object,
    demo: Ids,
    artifacts: Path,
) -> None:
    from desktop.ui.views.dashboard import DashboardView

    _renewables_on_track(store, actor, demo)
    view = DashboardView(context)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1300, 1100)
    view.show()
    qtbot.waitExposed(view)
    assert view.heading.text() == "CA du Calaisis — PCAET"
    # Behind first (clickable), then on track (clickable too), nothing else
    ids = [
        view.behind_list.item(i).data(0x0100) for i in range(view.behind_list.count())
    ]  # Qt.UserRole
    assert ids == [demo.ghg, demo.renewables]
    with qtbot.waitSignal(context.navigate_requested) as blocker:  # type: ignore[attr-defined]
        view.tiles["energy"].open_button.click()
    assert blocker.args == ["indicators", demo.renewables]
    # The comparison with other territories is kept while only actions change...
    assert view.data is not None and view.data.peers is not None
    peers, data = view.data.peers, view.data
    # (a change is read on a worker thread and shown when the read ends)
    context.notify(ChangeNotice.of("action"))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.data is not data)
    assert view.data.peers is peers
    # ...and computed again when values change
    data = view.data
    context.notify(ChangeNotice.of("observation"))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.data is not data)
    assert view.data.peers is not peers and view.data.peers == peers
    assert view.tiles["peers"].isVisible()
    qtbot.wait(50)
    view.grab().save(str(artifacts / "dashboard_calaisis.png"))
    # the whole scrolled content, every tile, to look at
    content = view.findChild(QWidget, "dashboardContent")
    assert content is not None
    content.grab().save(str(artifacts / "dashboard_calaisis_full.png"))


def test_a_narrow_window_stacks_the_tiles_instead_of_scrolling_sideways(
    qtbot: QtBot,
    context: object,
    demo: Ids,
    artifacts: Path,
) -> None:
    from PySide6.QtWidgets import QScrollArea

    from desktop.ui.views.dashboard import DashboardView

    view = DashboardView(context)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1100, 800)
    view.show()
    qtbot.waitExposed(view)
    left, right = view.tiles["energy"], view.tiles["status"]
    assert left.y() == right.y() and left.x() < right.x()  # side by side
    # WHEN the window leaves the dashboard 500 pixels (an 800-pixel laptop window)
    view.resize(500, 700)
    scroll = view.findChild(QScrollArea)
    assert scroll is not None
    qtbot.waitUntil(lambda: right.y() > left.y())  # one under the other
    assert left.x() == right.x()
    content = scroll.widget()
    qtbot.waitUntil(lambda: content.width() <= scroll.viewport().width())
    assert not scroll.horizontalScrollBar().isVisible()
    view.grab().save(str(artifacts / "dashboard_narrow.png"))
    view.resize(1100, 800)
    qtbot.waitUntil(lambda: left.y() == right.y())  # side by side again


def test_category_names_fit_from_the_first_paint(qtbot: QtBot) -> None:
    """pyqtgraph widens an axis only after painting and drops the names that did not fit: the
    axis is given its width up front, so a tile painted once shows every name."""
    card = Achievement(
        1,
        "COTRI",
        (2019, 2022),
        [
            IndicatorAchievement(
                i,
                i,
                f"C{i}",
                name,
                "u",
                Direction.HIGHER_IS_BETTER,
                Decimal(1),
                [YearAchievement(2019, Decimal(10), Decimal(9), Decimal("0.9"))],
            )
            for i, name in enumerate(["Logements privés engagés en rénovation", "Aires", "Haies"])
        ],
    )
    chart = CotriChart(card)
    qtbot.addWidget(chart)
    axis = chart.plot.getAxis("left")
    assert axis.fixedWidth is not None and axis.fixedWidth > 150
    # One year for every indicator: said once on the axis, not on each bar
    with language("en"):
        chart.set_data(card)
    assert "2019" in chart.plot.getAxis("bottom").labelText
    # A refresh with other data sizes the axis from its labels again
    chart.set_data(None)
    assert axis.fixedWidth is None
    image = render_image(chart, 500, 300)
    assert image.width() == 500


def test_one_value_is_framed_from_zero(
    qtbot: QtBot,
    store: Store,
    demo: Ids,
) -> None:
    with store.session() as session:
        enr = session.get(Indicator, demo.renewables)
        assert enr is not None
        result = analysis.analyse(
            enr,
            demo.territory,
            [analysis.Point(2016, 14_470_855.0, ObservationKind.MEASURED, "")],
            [],
        )
    chart = IndicatorChart(result)
    qtbot.addWidget(chart)
    (x0, x1), (y0, y1) = chart.plot.getViewBox().viewRange()
    assert y0 == 0 and y1 == pytest.approx(14_470_855 * 1.25)
    assert (x0, x1) == (2013.5, 2018.5)
    with language("en"):
        chart = IndicatorChart(result)
    qtbot.addWidget(chart)
    assert "no target" in chart.plot.titleLabel.text


def test_timeline_key_is_under_the_title(
    qtbot: QtBot,
    store: Store,
    demo: Ids,
) -> None:
    with store.session() as session:
        data = timeline(session, demo.plan, today=date(2024, 1, 1))
    with language("en"):
        chart = TimelineChart(data)
    qtbot.addWidget(chart)
    title = chart.plot.titleLabel.text
    assert "Plan timeline" in title and "late (end date passed)" in title
    assert "Done" in title and "To come" in title
    assert chart.legend is None  # nothing drawn over the bars
    # Every row is in view, the last one included
    (_x0, _x1), (y0, y1) = chart.plot.getViewBox().viewRange()
    rows = sorted(chart.row_of_action.values())
    assert y0 < -rows[-1] and y1 > 0


def test_committees_before_the_change_log(
    qtbot: QtBot,
    store: Store,
    actor: Actor,
    demo: Ids,
) -> None:
    with store.transaction() as s:
        changes.create(
            s,
            Meeting(
                territory_id=demo.territory,
                plan_id=demo.plan,
                held_on=date(2019, 4, 11),
                kind=MeetingKind.MONITORING,
                title="Comité de suivi transfrontalier – printemps 2019, séance plénière",
            ),
            actor,
        )
    with store.session() as session:
        points = progress_over_time(session, demo.plan)
    assert [p.total for p in points] == [0, 3]
    with language("en"):
        chart = ProgressChart(points)
    qtbot.addWidget(chart)
    texts = [item.toPlainText() for item in chart.plot.items if isinstance(item, pg.TextItem)]
    assert "nothing recorded yet" in texts
    label = committee_label(points[0].label, 20)
    assert label.count("\n") == 1 and label.endswith("…")
    assert all(len(line) <= 21 for line in label.splitlines())


def test_timeline_scrolls_within_the_plan(
    qtbot: QtBot,
    store: Store,
    demo: Ids,
) -> None:
    from desktop.models import ActionStatus
    from desktop.services.progress import SectionRow, Timeline, TimelineRow

    rows = [
        TimelineRow(i, str(i), f"A{i}", 1, ActionStatus.TO_COME, date(2024, 1, 1), None, False)
        for i in range(40)
    ]
    data = Timeline([SectionRow(1, "1", "Axe")], rows, date(2024, 1, 1))
    chart = TimelineChart(data, visible_rows=20)
    qtbot.addWidget(chart)
    view = chart.plot.getViewBox()
    assert chart.scrolls
    low, high = view.viewRange()[1]
    span = high - low
    chart.scroll_rows(100)  # far past the last row: stops on it
    assert view.viewRange()[1] == pytest.approx([chart.y_limits[0], chart.y_limits[0] + span])
    last = max(chart.row_of_action.values())
    assert view.viewRange()[1][0] < -last
    chart.scroll_rows(-100)  # back to the first row
    assert view.viewRange()[1][1] == pytest.approx(chart.y_limits[1])
    # One wheel notch down moves the rows, not the zoom
    from PySide6.QtCore import QPoint, QPointF, Qt
    from PySide6.QtGui import QWheelEvent

    notch = QWheelEvent(
        QPointF(50, 50),
        QPointF(50, 50),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    chart.wheelEvent(notch)
    low, high = view.viewRange()[1]
    assert high < chart.y_limits[1] and high - low == pytest.approx(span)
    assert not TimelineChart(data).scrolls  # an image shows every row
    with store.session() as session:
        few = timeline(session, demo.plan, today=date(2024, 1, 1))
    small = TimelineChart(few, visible_rows=20)
    qtbot.addWidget(small)
    # Four rows are drawn as thin as twelve would be, and do not scroll
    low, high = small.plot.getViewBox().viewRange()[1]
    assert not small.scrolls and high - low == pytest.approx(12.2)  # with half-row margins


def test_cli_territory_by_name_and_indicator_default(
    store: Store,
    demo: Ids,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.cli.main import main as cli_main
    from desktop.services.dashboard_data import find_territories, territory_with_values

    with store.session() as session:
        assert [t.id for t in find_territories(session, "calaisis")] == [demo.territory]
        assert [t.id for t in find_territories(session, "246 200 364")] == [demo.territory]
        assert len(find_territories(session, "voisin")) == 4
        assert [t.name for t in find_territories(session, "Voisin 2")] == ["Voisin 2"]
        # ENR has values for the Calaisis only: the others fall back on it
        assert territory_with_values(session, demo.renewables, demo.territory + 1) == (
            demo.territory
        )
    db = str(store.path)
    out = tmp_path / "cotri.png"
    args = ["chart", "--db", db, "--kind", "cotri", "--out", str(out)]
    assert cli_main([*args, "--territory", "CA du Calaisis"]) == 0 and out.exists()
    capsys.readouterr()
    # Ambiguous or unknown: a message, an error code, no file
    out.unlink()
    assert cli_main([*args, "--territory", "voisin"]) == 1
    assert "Voisin 0" in capsys.readouterr().err and not out.exists()
    assert cli_main([*args, "--territory", "Lille"]) == 1 and not out.exists()


def test_budget_bars_sit_on_their_section(qtbot: QtBot) -> None:
    from desktop.charts.budget_chart import BudgetChart
    from desktop.services.progress import BudgetBySection, SectionRow

    data = BudgetBySection(
        [SectionRow(1, "I", "Euros"), SectionRow(2, "II", "Both")],
        {1: {"EUR": D(100)}, 2: {"EUR": D(50), "GBP": D(20)}},
        {"EUR": D(150), "GBP": D(20)},
        0,
        None,
    )
    chart = BudgetChart(data)
    qtbot.addWidget(chart)
    # Section I (drawn at the top, row 1) in euros only: level with its name
    eur, gbp = chart.series["EUR"].opts["y"], chart.series["GBP"].opts["y"]
    assert eur[1] == pytest.approx(1.0)
    # Section II (row 0) in two currencies: either side of its name, euros on top
    assert eur[0] > 0 > gbp[0] and eur[0] == pytest.approx(-gbp[0])


def test_budget_subtitle_says_what_is_not_counted() -> None:
    from desktop.charts.budget_chart import totals_sentence
    from desktop.services.progress import BudgetBySection, SectionRow

    data = BudgetBySection(
        [SectionRow(1, "I", "A")], {1: {"EUR": D(100)}}, {"EUR": D(100)}, 2, None
    )
    with language("en"):
        lines = totals_sentence(data).splitlines()
    assert lines == ["Total: €100.00", "2 budget lines without an amount are not counted"]


def test_the_dashboard_reads_a_change_off_the_gui_thread(
    qtbot: QtBot,
    context: object,
    demo: Ids,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from desktop.ui.views import dashboard

    view = dashboard.DashboardView(context)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    first = view.data
    assert first is not None  # the first fill is read when the view shows
    readers: list[threading.Thread] = []

    def recorded(*args: object, **kwargs: object) -> object:
        readers.append(threading.current_thread())
        return dashboard_data(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard, "dashboard_data", recorded)
    context.notify(ChangeNotice.of("budget_line"))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.data is not first)
    assert readers and threading.main_thread() not in readers
