"""The SNBC reference view: the Strasbourg reference and the plan against it, keeping the
simplified reference, importing an official one in the background, refusing a bad file; and
the view's place in the navigation."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support import strasbourg

from desktop.i18n import set_language
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui.context import AppContext
from desktop.ui.views import registry
from desktop.ui.views.reference import ReferenceView

pytestmark = pytest.mark.gui


def _context(store: Store) -> AppContext:
    case = strasbourg.build(store)
    context = AppContext(store, UserSettings(user_name="Claire"))
    context.territory_id, context.plan_id = case.territory_id, case.plan_id
    return context


@pytest.fixture
def view(qtbot, store: Store) -> ReferenceView:  # type: ignore[no-untyped-def]
    shown = ReferenceView(_context(store))
    qtbot.addWidget(shown)
    shown.resize(1280, 820)
    shown.show()
    return shown


def _cell(view: ReferenceView, table: str, row: int, column: int) -> str:
    model = view.comparison_model if table == "comparison" else view.yearly_model
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_the_view_shows_the_reference_and_the_plan_against_it(
    qtbot, view: ReferenceView, artifacts: Path
) -> None:
    assert "Eurométropole de Strasbourg" in view.heading.text()
    assert "2026, 2030, 2031, 2050" in view.horizons.text()  # adopted in 2024: SNBC-2
    comparison = view.comparison_model
    labels = [_cell(view, "comparison", r, 0) for r in range(comparison.rowCount())]
    road = labels.index("Transport routier")
    # 2015, plan 2030, reference 2030 (653.598 x 0.72), gap
    assert [_cell(view, "comparison", road, c) for c in range(1, 6)] == [
        "653,6",
        "424,8",
        "470,6",
        "-45,8",
        "-7,0 points",
    ]
    assert view.yearly_model.rowCount() == 36 and view.yearly_model.columnCount() == 10
    assert view.save_button.isEnabled() and not view.remove_button.isEnabled()
    assert view.stack.currentWidget() is view.tabs
    qtbot.wait(50)
    view.grab().save(str(artifacts / "reference-view.png"))


def test_keeping_then_importing_an_official_reference(
    qtbot, view: ReferenceView, tmp_path: Path, artifacts: Path
) -> None:
    assert "pas encore conservée" in view.provenance.text()
    view.save_simplified()
    assert view.provenance.text().startswith("Conservée dans la base le ")
    assert not view.save_button.isEnabled()
    view.import_official(strasbourg.tet_export(tmp_path / "trajectoire.xlsx"))
    qtbot.waitUntil(lambda: view.remove_button.isEnabled(), timeout=10_000)
    assert view.method.text().startswith("Référence SNBC officielle de la collectivité")
    assert "trajectoire.xlsx" in view.method.text()
    assert view.chart is not None
    _xs, ys = view.chart.series["reference"].getData()  # the chart follows: t CO2e
    assert ys[0] == pytest.approx(strasbourg.official_value("cae_1.a", 2015) * 1000)
    view.tabs.setCurrentIndex(1)
    qtbot.wait(50)  # the replaced chart goes at the next turn of the event loop
    view.grab().save(str(artifacts / "reference-view-official.png"))


def test_a_file_of_another_territory_is_refused_and_nothing_changes(
    qtbot, view: ReferenceView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    view.import_official(strasbourg.ademe_workbook(tmp_path / "outil.xlsx", siren="200067106"))
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "200067106" in shown[0]
    assert not view.remove_button.isEnabled()


def test_the_view_is_registered_after_the_others() -> None:
    assert registry.VIEWS[-1].key == "reference" and registry.is_available("reference")
    set_language("en")
    from desktop.ui.window.navigation import VIEW_OF_KIND, reference_item

    assert VIEW_OF_KIND["reference"] == "reference"
    assert reference_item().text() == "SNBC reference trajectory"


def test_the_dashboard_draws_the_reference_in_its_emissions_tile(
    qtbot, store: Store, artifacts: Path
) -> None:
    from desktop.ui.views.dashboard import DashboardView

    dashboard = DashboardView(_context(store))
    qtbot.addWidget(dashboard)
    dashboard.resize(1400, 1150)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=10_000)
    emissions = dashboard.charts["emissions"]
    _xs, ys = emissions.series["reference"].getData()
    assert ys[-1] == pytest.approx((15.57306 + 66.21975 + 13.52894) * 1000)  # 2050, t CO2e
    qtbot.wait(50)
    dashboard.grab().save(str(artifacts / "reference-dashboard.png"))


def test_a_thin_inventory_says_what_is_missing_and_offers_nothing_to_keep(
    qtbot, store: Store, artifacts: Path
) -> None:
    from sqlmodel import select

    from desktop.models import Observation

    context = _context(store)
    with store.transaction() as session:  # only residential and tertiary are left
        for row in session.exec(select(Observation)).all():
            if row.year == 2015 and row.value not in (D("447868"), D("471107")):
                session.delete(row)
    view = ReferenceView(context)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    assert view.missing.text().startswith("Pas de référence : l'inventaire 2015 compte 2 des 8")
    assert view.comparison_model.rowCount() == 0 and not view.save_button.isEnabled()
    # Where the tables would be, the view says there is nothing to compare yet and why.
    assert view.stack.currentWidget() is view.empty and view.empty.isVisible()
    assert view.empty.text().startswith("Pas encore de référence")
    view.domain.setCurrentIndex(1)  # energy: the same inventory rule
    assert view.missing.isVisible() and view.yearly_model.columnCount() == 0
    qtbot.wait(50)
    view.grab().save(str(artifacts / "reference-view-missing.png"))


def test_the_reference_view_reads_a_change_off_the_gui_thread(
    qtbot, view: ReferenceView, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from desktop.ui.change_notice import ChangeNotice
    from desktop.ui.views import reference

    first = view.chart
    assert first is not None  # the first fill is read as the view is made
    readers: list[threading.Thread] = []

    def recorded(read):  # type: ignore[no-untyped-def]
        def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
            readers.append(threading.current_thread())
            return read(*args, **kwargs)

        return wrapped

    monkeypatch.setattr(reference, "sector_read", recorded(reference.sector_read))
    monkeypatch.setattr(reference, "comparison", recorded(reference.comparison))
    view.context.notify(ChangeNotice.of("observation"))
    qtbot.waitUntil(lambda: view.chart is not first)
    assert len(readers) == 2 and threading.main_thread() not in readers
    assert "Eurométropole de Strasbourg" in view.heading.text()
    assert view.chart is not None and "reference" in view.chart.series
