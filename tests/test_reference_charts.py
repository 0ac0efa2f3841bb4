"""The charts draw the SNBC reference beside the observed values and the plan's targets."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from support import strasbourg

from desktop.charts.energy_chart import EnergyChart
from desktop.charts.images import render_indicator
from desktop.charts.indicator_chart import IndicatorChart
from desktop.charts.sector_chart import SectorChart
from desktop.models import IndicatorCategory
from desktop.services import indicators
from desktop.services.analysis import indicator_analysis
from desktop.services.reference_comparison import indicator_reference
from desktop.store import Store

pytestmark = pytest.mark.gui


def _with_total_consumption(store: Store, case: strasbourg.StrasbourgStore) -> None:
    """An ILLUSTRATIVE 2012 total consumption and a plan target, for the energy reference."""
    with store.transaction() as session:
        total = indicators.create_indicator(
            session,
            strasbourg.ACTOR,
            code="EMS-energy-total",
            name="Consommation finale",
            unit="GWh",
            category=IndicatorCategory.ENERGY_CONSUMPTION,
        )
        indicators.set_observation(
            session,
            strasbourg.ACTOR,
            indicator=total,
            territory_id=case.territory_id,
            year=2012,
            value=Decimal("14000"),
        )
        indicators.set_target(
            session,
            strasbourg.ACTOR,
            indicator=total,
            territory_id=case.territory_id,
            horizon_year=2030,
            value=Decimal("10500"),
            plan_id=case.plan_id,
        )


def test_the_emissions_chart_draws_the_reference_and_the_targets(
    qtbot, store: Store, artifacts: Path
) -> None:
    case = strasbourg.build(store)
    with store.session() as session:
        chart = SectorChart.from_store(session, case.territory_id)
    qtbot.addWidget(chart)
    # the bars are in t CO2e: the reference of the total is drawn in t CO2e as well
    xs, ys = chart.series["reference"].getData()
    assert dict(zip(xs, ys, strict=True))[2030.0] == pytest.approx(1239552.04)
    assert "reference_targets" not in chart.series  # no target on the total in this plan
    low, high = chart.plot.getViewBox().viewRange()[0]
    assert low < 2015 and high > 2050
    chart.resize(1100, 560)
    chart.grab().save(str(artifacts / "reference-emissions-chart.png"))


def test_the_indicator_chart_of_a_sector_draws_its_reference(
    qtbot, store: Store, artifacts: Path
) -> None:
    case = strasbourg.build(store)
    road = case.indicator_ids["ghg:road_transport"]
    with store.session() as session:
        chart = IndicatorChart(
            indicator_analysis(session, road, case.territory_id),
            reference=indicator_reference(session, road, case.territory_id),
        )
        png = render_indicator(session, road, case.territory_id, width=900, height=520)
    qtbot.addWidget(chart)
    xs, ys = chart.series["reference"].getData()
    assert dict(zip(xs, ys, strict=True))[2030.0] == pytest.approx(653598 * 0.72)
    assert "targets" in chart.series  # the plan's own targets, drawn as before
    (artifacts / "reference-road-transport.png").write_bytes(png)


def test_the_energy_chart_draws_the_consumption_reference(
    qtbot, store: Store, artifacts: Path
) -> None:
    case = strasbourg.build(store)
    _with_total_consumption(store, case)
    with store.session() as session:
        chart = EnergyChart.from_store(session, case.territory_id)
    qtbot.addWidget(chart)
    xs, ys = chart.series["reference"].getData()
    points = dict(zip(xs, ys, strict=True))
    assert points[2030.0] == pytest.approx(14000 * 0.8) and points[2050.0] == pytest.approx(7000)
    targets = chart.series["reference_targets"].getData()
    assert list(targets[1]) == [10500]
    chart.resize(900, 520)
    chart.grab().save(str(artifacts / "reference-energy-chart.png"))


def test_the_bar_totals_thin_out_when_the_reference_runs_to_2050(
    qtbot, tmp_path: Path, artifacts: Path
) -> None:
    import pyqtgraph as pg
    from sqlmodel import select

    from desktop.models import Territory
    from desktop.services.demo import create_demo_store
    from desktop.store import open_store

    demo = open_store(create_demo_store(tmp_path / "demo.pcaet"))
    with demo.session() as session:
        territory = session.exec(select(Territory).where(Territory.name == "Pays Boulonnais")).one()
        chart = SectorChart.from_store(session, territory.pk)
    demo.close()
    qtbot.addWidget(chart)
    # 14 bars (2010-2023) on a frame running to 2050: one total in two, the last one kept
    totals = [i.toPlainText() for i in chart.plot.items if isinstance(i, pg.TextItem)]
    assert len(totals) == 7 and totals[-1] == "911"
    chart.resize(1100, 560)
    chart.grab().save(str(artifacts / "reference-emissions-chart-demo.png"))
