"""Charts: the widgets hold the expected series, images have the requested size and are not
blank, the CLI writes PNG and SVG, and the dashboard and timeline views work."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

# The territory of the `demo` fixture (tests/conftest.py).
from support.calaisis import Ids

from desktop.charts import images
from desktop.charts.export import build_menu, png_bytes, render_image, svg_bytes
from desktop.charts.indicator_chart import IndicatorChart
from desktop.charts.sector_chart import SectorChart
from desktop.charts.status_chart import StatusChart
from desktop.charts.theme import LocaleAxis, YearAxis, readable_unit
from desktop.cli.main import main as cli_main
from desktop.errors import UserError
from desktop.i18n import language
from desktop.services import analysis
from desktop.services.dashboard_data import dashboard_data
from desktop.services.progress import status_counts
from desktop.store import Store
from desktop.ui.change_notice import ChangeNotice


def _is_blank(image: QImage) -> bool:
    """True when the image is one flat colour."""
    first = image.pixel(0, 0)
    step_x = max(1, image.width() // 60)
    step_y = max(1, image.height() // 60)
    return all(
        image.pixel(x, y) == first
        for x in range(0, image.width(), step_x)
        for y in range(0, image.height(), step_y)
    )


def _image(data: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(data, "PNG")
    return image


def test_indicator_chart_holds_the_series(
    qtbot: QtBot, store: Store, demo: Ids, artifacts: Path
) -> None:
    with store.session() as session:
        result = analysis.indicator_analysis(session, demo.ghg, demo.territory)
    chart = IndicatorChart(result)
    qtbot.addWidget(chart)
    measured = chart.series["measured"]
    assert list(measured.data["x"]) == [2015, 2016, 2018, 2019]
    assert list(chart.series["estimated"].data["x"]) == [2020]
    x, y = chart.series["trajectory"].getData()
    assert list(x) == [2015, 2030] and list(y) == pytest.approx([1000, 600])
    assert list(chart.series["targets"].data["y"]) == pytest.approx([600])
    assert {"on_track_band", "slightly_behind_band", "projection"} <= set(chart.series)
    # Hover text: locale number, unit, kind and source
    tip = chart.series["measured"].opts["tip"](x=2015, y=1000, data=0)
    assert "1\u202f000" in tip and "kteqCO2" in tip and "ORECA" in tip
    image = render_image(chart, 900, 500)
    assert (image.width(), image.height()) == (900, 500)
    assert not _is_blank(image)
    image.save(str(artifacts / "chart_indicator.png"))


def test_sector_and_status_charts(qtbot: QtBot, store: Store, demo: Ids) -> None:
    with store.session() as session:
        data = dashboard_data(session, territory_id=demo.territory, today=date(2024, 1, 1))
        counts = status_counts(session, demo.plan, today=date(2024, 1, 1))
    sectors = SectorChart(data.emissions, "GES", "Emissions")
    qtbot.addWidget(sectors)
    assert set(sectors.series) == {"residential", "road_transport"}
    road = sectors.series["road_transport"].opts
    assert list(road["height"]) == [500, 500] and list(road["y0"]) == [300, 300]
    status = StatusChart(counts)
    qtbot.addWidget(status)
    assert set(status.series) == {"done", "in_progress", "to_come"}
    assert list(status.series["done"].opts["width"]) == [1]
    assert counts.late == 1


def test_empty_chart_says_so(qtbot: QtBot, store: Store) -> None:
    with store.session() as session:
        data = dashboard_data(session)
    chart = SectorChart(data.emissions, "GES", "Emissions")
    qtbot.addWidget(chart)
    assert chart.is_empty


@pytest.mark.parametrize("kind", images.KINDS)
def test_every_kind_renders_at_the_requested_size(
    store: Store, demo: Ids, kind: str, artifacts: Path
) -> None:
    with store.session() as session:
        data = images.render_chart(session, kind, width=1000, height=600)
    image = _image(data)
    assert (image.width(), image.height()) == (1000, 600)
    assert not _is_blank(image)
    (artifacts / f"chart_{kind}.png").write_bytes(data)


def test_peers_and_cotri_charts_are_filled(qtbot: QtBot, store: Store, demo: Ids) -> None:
    with store.session() as session:
        peers = images.build_chart(
            session, "peers", territory_id=demo.territory, plan_id=None, contract_id=None
        )
        cotri = images.build_chart(
            session,
            "cotri",
            territory_id=demo.territory,
            plan_id=None,
            contract_id=images.default_contract(session, demo.territory),
        )
    qtbot.addWidget(peers)
    qtbot.addWidget(cotri)
    # per inhabitant, shown in teqCO2: the others 8 to 11, the territory 9.85 then 9.8
    assert not peers.is_empty and {"median", "quartiles", "territory"} <= set(peers.series)
    assert list(peers.series["territory"].getData()[1]) == pytest.approx([9.85, 9.8])
    # 150 achieved for 200: 75 %
    assert list(cotri.series["ENR"].opts["width"]) == pytest.approx([0.75])


def test_svg_and_language(store: Store, demo: Ids) -> None:
    with store.session() as session:
        svg = images.render_indicator(session, demo.ghg, demo.territory, fmt="svg", lang="en")
        png = images.render_indicator(session, demo.ghg, demo.territory, width=640, height=400)
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert b"Trajectory to the targets" in svg and b'viewBox="0 0 1200 700"' in svg
    assert _image(png).size().toTuple() == (640, 400)
    with pytest.raises(UserError, match="png or svg"):
        with store.session() as session, language("en"):
            images.render_indicator(session, demo.ghg, demo.territory, fmt="gif")


def test_render_from_a_worker_thread(qtbot: QtBot, store: Store, demo: Ids) -> None:
    """A report built in the background asks for images from a worker thread."""
    import threading

    result: dict[str, object] = {}

    def work() -> None:
        try:
            with store.session() as session:
                result["png"] = images.render_chart(
                    session, "actions-by-status", width=400, height=300
                )
        except Exception as error:  # reported below
            result["error"] = error

    thread = threading.Thread(target=work)
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=20_000)
    thread.join()
    assert "error" not in result, result.get("error")
    assert _image(result["png"]).size().toTuple() == (400, 300)  # type: ignore[arg-type]


def test_cli_writes_png_and_svg(store: Store, demo: Ids, tmp_path: Path) -> None:
    db = str(store.path)
    png, svg = tmp_path / "ges.png", tmp_path / "status.svg"
    assert (
        cli_main(
            [
                "chart",
                "--db",
                db,
                "--indicator",
                "GES",
                "--out",
                str(png),
                "--width",
                "800",
                "--height",
                "450",
                "--territory",
                "246200364",
            ]
        )
        == 0
    )
    assert _image(png.read_bytes()).size().toTuple() == (800, 450)
    assert cli_main(["chart", "--db", db, "--kind", "actions-by-status", "--out", str(svg)]) == 0
    assert b"<svg" in svg.read_bytes()
    # Bad input: a message and an error code, no file
    assert cli_main(["chart", "--db", db, "--indicator", "NOPE", "--out", str(png) + "2"]) == 1
    assert cli_main(["chart", "--db", db, "--kind", "cotri", "--out", str(tmp_path / "a.gif")]) == 1
    assert not (tmp_path / "a.gif").exists()
    peers = tmp_path / "peers.png"
    assert (
        cli_main(
            ["chart", "--db", db, "--kind", "peers", "--indicator", "GES", "--out", str(peers)]
        )
        == 0
    )
    assert _image(peers.read_bytes()).size().toTuple() == (1200, 700)
    assert (
        cli_main(["chart", "--db", db, "--kind", "cotri", "--indicator", "GES", "--out", str(png)])
        == 1
    )


def test_locale_axes_and_units(qtbot: QtBot) -> None:
    axis = LocaleAxis("left")
    assert axis.tickStrings([1000.0, 2500.0], 1.0, 500.0) == ["1\u202f000", "2\u202f500"]
    assert axis.tickStrings([0.5, 1.0], 1.0, 0.5) == ["0,5", "1,0"]
    assert YearAxis("bottom").tickStrings([2020.0], 1.0, 1.0) == ["2020"]
    assert readable_unit([0.008], "kteqCO2") == (1000.0, "teqCO2")
    assert readable_unit([12.0], "GWh") == (1.0, "GWh")


def test_export_png_bytes_and_menu(qtbot: QtBot, store: Store, demo: Ids) -> None:
    with store.session() as session:
        chart = StatusChart(status_counts(session, demo.plan))
    qtbot.addWidget(chart)
    assert _image(png_bytes(chart, 300, 200)).size().toTuple() == (300, 200)
    assert b"<svg" in svg_bytes(chart, 300, 200)
    with language("en"):
        texts = [a.text() for a in build_menu(chart).actions() if not a.isSeparator()]
    assert texts == ["Export as PNG…", "Export as SVG…", "Copy to clipboard"]


def test_dashboard_view(qtbot: QtBot, context: object, demo: Ids, artifacts: Path) -> None:
    from desktop.ui.views.dashboard import DashboardView

    view = DashboardView(context)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1400, 1150)
    view.show()
    qtbot.waitExposed(view)
    assert view.data is not None
    assert set(view.charts) == {
        "emissions",
        "energy",
        "status",
        "budget",
        "progress",
        "cotri",
        "peers",
    }
    # Four other territories with a population: the comparison tile is shown and filled
    assert view.tiles["peers"].isVisible()
    assert {"median", "quartiles", "territory"} <= set(view.charts["peers"].series)
    assert view.charts["progress"].points[-1].total == 3
    # The GHG total is behind its trajectory: listed, and opening it navigates
    assert view.behind_list.count() == 1
    item = view.behind_list.item(0)
    assert "Émissions de GES" in item.text()
    with qtbot.waitSignal(context.navigate_requested) as blocker:  # type: ignore[attr-defined]
        view._open_behind(item)
    assert blocker.args == ["indicators", demo.ghg]
    with qtbot.waitSignal(context.navigate_requested) as blocker:  # type: ignore[attr-defined]
        view.tiles["status"].open_button.click()
    assert blocker.args == ["actions", -1]
    # A second refresh draws in the same widgets, with the same series
    widgets = dict(view.charts)
    view.refresh()
    assert view.charts == widgets
    assert set(view.charts["status"].series) == {"done", "in_progress", "to_come"}
    assert set(view.charts["emissions"].series) == {"residential", "road_transport"}
    # children added to a shown widget appear on the next event loop turn
    qtbot.waitUntil(lambda: all(chart.isVisible() for chart in view.charts.values()))
    view.grab().save(str(artifacts / "dashboard.png"))


def test_timeline_view(qtbot: QtBot, context: object, demo: Ids, artifacts: Path) -> None:
    from desktop.ui.views.timeline import TimelineView

    view = TimelineView(context)  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    assert view.chart is not None and len(view.chart.data.rows) == 3
    assert "today" in view.chart.series
    view.late_only.setChecked(True)
    assert [r.late for r in view.chart.data.rows] == [True]
    view.late_only.setChecked(False)
    # A change is read on a worker thread, then drawn
    shown = view.data
    context.notify(ChangeNotice.of("action"))  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: view.data is not shown)
    assert view.data == shown and len(view.chart.data.rows) == 3
    first = view.chart.data.rows[0]
    assert view.chart.action_at(2022.0, -view.chart.row_of_action[first.action_id]) == (
        first.action_id
    )
    qtbot.wait(50)
    view.grab().save(str(artifacts / "timeline_view.png"))


def test_export_from_the_context_menu(
    qtbot: QtBot, store: Store, demo: Ids, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QDialog

    from desktop.charts import export

    with store.session() as session:
        chart = StatusChart(status_counts(session, demo.plan))
    qtbot.addWidget(chart)

    def choose_size(dialog: export.PngSizeDialog) -> QDialog.DialogCode:
        dialog.width_box.setValue(640)
        dialog.height_box.setValue(360)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(export.PngSizeDialog, "exec", choose_size)
    monkeypatch.setattr(
        export.QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "status"), "")
    )
    png = export.export_png_interactively(chart)
    assert png == tmp_path / "status.png"
    assert _image(png.read_bytes()).size().toTuple() == (640, 360)
    svg = export.export_svg_interactively(chart)
    assert svg is not None and b"<svg" in svg.read_bytes()
    chart.resize(500, 300)
    export.copy_to_clipboard(chart)
    assert QGuiApplication.clipboard().image().size().toTuple() == (500, 300)
