"""The indicators view as an officer uses it: the indicators of the territory worked on, codes
in natural order, the chosen indicator kept from one visit to the next, and the targets the
chart draws shown and edited in the year grid with their horizon and source."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from sqlmodel import select
from support.demo_screens import show_demo_window
from support.shell import application_look
from support.week import LAPTOP, activate, choose_plan, plan_id, shot, territory_id

from desktop.models import IndicatorCategory, ObservationKind, Target
from desktop.services import indicators as indicator_service
from desktop.services.changes import Actor
from desktop.services.text import natural_key
from desktop.store import Store
from desktop.ui.dialogs.target_dialog import TargetDialog
from desktop.ui.views.indicator_grid import TARGET
from desktop.ui.views.indicators import IndicatorView
from desktop.ui.window.navigation import NavTarget

pytestmark = pytest.mark.gui


def indicator_id(store: Store, code: str) -> int:
    with store.session() as session:
        found = indicator_service.indicator_by_code(session, code)
        assert found is not None
        return found.pk


def listed_codes(view: IndicatorView) -> list[str]:
    """The codes shown, in the tree's order (a referential sector under its total)."""
    codes: list[str] = []

    def walk(parent: Any) -> None:
        for child in range(parent.childCount()):
            item = parent.child(child)
            if not item.isHidden():
                codes.append(item.text(0).split(" ")[0])
                walk(item)

    for index in range(view.tree.topLevelItemCount()):
        walk(view.tree.topLevelItem(index))
    return codes


def test_codes_sort_as_numbers() -> None:
    codes = ["14a", "2a", "1b", "PB-10", "PB-9", "1.10", "1.2"]
    assert sorted(codes, key=natural_key) == ["1.2", "1.10", "1b", "2a", "14a", "PB-9", "PB-10"]


def test_the_list_shows_the_territory_worked_on_in_natural_order_and_keeps_the_choice(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    store = demo_copy
    boulonnais = territory_id(store, "Pays Boulonnais")
    actor = Actor("Camille", "test")
    with store.transaction() as session:  # codes as the partners' files write them
        for code in ("14a", "2a", "1b"):
            made = indicator_service.create_indicator(
                session,
                actor,
                code=code,
                name=f"Indicateur {code}",
                unit="t",
                category=IndicatorCategory.OTHER,
            )
            indicator_service.set_observation(
                session,
                actor,
                indicator=made,
                territory_id=boulonnais,
                year=2020,
                value=Decimal(1),
                kind=ObservationKind.MEASURED,
            )
    with application_look(qapp):
        window = show_demo_window(qtbot, store, "fr", LAPTOP)
        choose_plan(qtbot, window, store, "PCAET du Pays Boulonnais", "Pays Boulonnais")
        activate(qtbot, window)
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        view = window.views["indicators"]
        assert isinstance(view, IndicatorView)
        # THEN only the Boulonnais' indicators, "2a" before "14a"
        assert view.scope.currentText() == "Pays Boulonnais"
        codes = listed_codes(view)
        assert "DET-GES-PORT" not in codes and "HDF-PART-ENR" not in codes
        others = [c for c in codes if c in ("14a", "2a", "1b")]
        assert others == ["1b", "2a", "14a"]
        assert codes.index("COTRI-PB-02") < codes.index("COTRI-PB-10")
        shot(window, artifacts, "indicators_of_the_territory")
        # WHEN the officer chooses an indicator, works elsewhere and comes back
        view.show_item(indicator_id(store, "cae_2.a"))
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
        assert view.indicator_id == indicator_id(store, "cae_2.a")
        assert view.tree.currentItem().text(0).startswith("cae_2.a")
        # ... also through the navigation's Indicators row
        window.navigation.select_target(NavTarget("indicators"))
        assert view.tree.currentItem().text(0).startswith("cae_2.a")
        # Every territory on request, and a search narrows the list
        view.scope.setCurrentIndex(view.scope.count() - 1)
        assert "DET-GES-PORT" in listed_codes(view)
        assert view.indicator_id == indicator_id(store, "cae_2.a")
        qtbot.keyClicks(view.search, "HDF")
        assert listed_codes(view) == ["HDF-PART-ENR"]


def test_targets_the_chart_draws_are_in_the_grid_with_horizon_and_source(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    store = demo_copy
    pays = territory_id(store, "Pays Boulonnais")
    with application_look(qapp):
        window = show_demo_window(qtbot, store, "fr", LAPTOP)
        choose_plan(qtbot, window, store, "PCAET du Pays Boulonnais", "Pays Boulonnais")
        window.navigate("indicators", indicator_id(store, "cae_1.a"))
        view = window.views["indicators"]
        assert isinstance(view, IndicatorView)
        grid = view.grid
        # THEN the target row holds the four horizons the chart draws (-12 % ... -75 %)
        chart_targets = {t.horizon_year: t.value for t in view.chart.analysis.targets}
        assert set(chart_targets) == {2021, 2026, 2030, 2050}
        for year, value in chart_targets.items():
            item = grid.item(TARGET, grid.years.index(year))
            assert item.text() != "" and item.font().italic()
            assert (
                value is not None
                and abs(float(item.text().replace("\u202f", "").replace(",", ".")) - value) < 1
            )
        tip = grid.item(TARGET, grid.years.index(2050)).toolTip()
        assert "-75\u00a0% par rapport à 2015" in tip or "-75" in tip
        assert "Objectifs illustratifs (démo)" in tip and "PCAET du Pays Boulonnais" in tip
        assert "2050\u00a0: -75" in view.target_summary.text()
        shot(window, artifacts, "indicator_targets_in_grid")
        # WHEN the 2030 target is typed as a value in the grid
        grid.item(TARGET, grid.years.index(2030)).setText("500")
        with store.session() as session:
            stored = session.exec(
                select(Target).where(
                    Target.indicator_id == indicator_id(store, "cae_1.a"),
                    Target.territory_id == pays,
                    Target.horizon_year == 2030,
                )
            ).one()
            assert stored.value == Decimal(500) and stored.relative_change_percent is None
            assert stored.source == "Objectifs illustratifs (démo)"  # its source stays
            assert stored.plan_id == plan_id(store, "PCAET du Pays Boulonnais")
        window.undo_action.trigger()
        # AND the target dialog sets another horizon's change and source
        qtbot.wait(10)
        grid.setCurrentCell(TARGET, grid.years.index(2050))
        dialog = view.edit_target()
        assert isinstance(dialog, TargetDialog)
        assert dialog.relative.isChecked() and dialog.year() == 2050
        dialog.change.setText("-80")
        dialog.source.setText("PCAET du Pays Boulonnais, stratégie 2024")
        shot(dialog, artifacts, "target_dialog")
        dialog.accept()
        # saved, and the view shows it
        qtbot.waitUntil(lambda: "stratégie 2024" in view.target_summary.text())
    with store.session() as session:
        stored = session.exec(
            select(Target).where(
                Target.indicator_id == indicator_id(store, "cae_1.a"),
                Target.territory_id == pays,
                Target.horizon_year == 2050,
            )
        ).one()
        assert stored.relative_change_percent == Decimal(-80)
        assert stored.source == "PCAET du Pays Boulonnais, stratégie 2024"
        again = session.exec(
            select(Target).where(
                Target.indicator_id == indicator_id(store, "cae_1.a"),
                Target.territory_id == pays,
                Target.horizon_year == 2030,
            )
        ).one()
        assert again.value is None and again.relative_change_percent == Decimal(-35)
    assert "stratégie 2024" in view.target_summary.text()


def test_the_referential_nests_sectors_and_the_navigation_lists_what_holds_data(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    from desktop.ui.window.navigation import TARGET_ROLE

    store = demo_copy
    with application_look(qapp):
        window = show_demo_window(qtbot, store, "fr", LAPTOP)
        choose_plan(qtbot, window, store, "PCAET du Pays Boulonnais", "Pays Boulonnais")
        window.navigate("indicators", indicator_id(store, "cae_1.a"))
        view = window.views["indicators"]
        assert isinstance(view, IndicatorView)
        total = view.tree.currentItem()
        assert total.text(0).startswith("cae_1.a ") and total.isExpanded()
        sectors = [total.child(i).text(0).split(" ")[0] for i in range(total.childCount())]
        # road and other transport hang under the total: their subtotal (cae_1.k) holds no
        # value of its own, it is computed
        assert {"cae_1.c", "cae_1.e", "cae_1.f", "cae_1.i"} <= set(sectors)
        shot(window, artifacts, "indicators_referential_tree")
        # The navigation's indicator rows: the indicators holding values or targets, by code
        model = window.navigation.model()
        rows: list[str] = []

        def walk(parent: Any) -> None:
            for r in range(model.rowCount(parent)):
                index = model.index(r, 0, parent)
                target = index.data(TARGET_ROLE)
                if target is not None and target.kind == "indicator":
                    rows.append(index.data())
                walk(index)

        walk(QModelIndex())
    with store.session() as session:
        used = indicator_service.list_indicators(session, used_only=True)
    assert len(rows) == len(used) < 80  # not the 168 indicators of the referential
    assert "cae_1.c Emissions de gaz à effet de serre - résidentiel" in rows
    assert not any(row.startswith("cae_4.") for row in rows)  # pollutants: no value here
