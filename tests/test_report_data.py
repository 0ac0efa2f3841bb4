"""What the reports print agrees with the services the window and the charts use: emissions by
sector (several indicators of one sector added, as the chart does) and the COTRI rates."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from sqlmodel import select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.bench_report import build_sample
from desktop.models import Contract, IndicatorCategory, ObservationKind
from desktop.reports.pdf import build_report
from desktop.services import analysis, contracts, indicators, territories
from desktop.services.changes import Actor
from desktop.services.report_data import ReportOptions, gather
from desktop.store import Store


def test_emissions_add_the_indicators_of_one_sector(store: Store, actor: Actor) -> None:
    with store.transaction() as session:
        territory = territories.create_territory(session, actor, name="Détroit")
        assert territory.id is not None
        rows = [
            ("PORT", "other_transport", "223073", ObservationKind.MEASURED),
            ("SEA", "other_transport", "2449840", ObservationKind.MEASURED),
            ("ROAD", "road_transport", "1746178", ObservationKind.MEASURED),
            ("TOTAL", "", "4419091", ObservationKind.MEASURED),  # no sector: not added
        ]
        for code, sector, value, kind in rows:
            indicator = indicators.create_indicator(
                session,
                actor,
                code=code,
                name=code,
                unit="tCO2e",
                category=IndicatorCategory.GHG_EMISSIONS,
                dimension=sector,
            )
            indicators.set_observation(
                session,
                actor,
                indicator=indicator,
                territory_id=territory.id,
                year=2016,
                value=Decimal(value),
                kind=kind,
            )
            # An estimate of the same year never counts twice beside the measured value.
            indicators.set_observation(
                session,
                actor,
                indicator=indicator,
                territory_id=territory.id,
                year=2016,
                value=Decimal(1),
                kind=ObservationKind.ESTIMATED,
            )
        territory_id = territory.id
    with store.session() as session:
        data = gather(session, ReportOptions(language="en"))
        chart = analysis.breakdown(session, territory_id, IndicatorCategory.GHG_EMISSIONS)
    assert data.emissions_year == 2016 and data.emissions_unit == "tCO2e"
    by_sector = {s.sector: s.value for s in data.emissions}
    assert by_sector == {
        "road_transport": Decimal("1746178"),
        "other_transport": Decimal("2672913"),
    }
    assert sum(s.share for s in data.emissions) == Decimal(1)
    # The same figures as the emissions chart.
    index = chart.years.index(2016)
    assert {p: Decimal(str(chart.values[p][index])) for p in chart.parts} == by_sector


def test_cotri_rates_are_those_of_the_contracts_service(store: Store, actor: Actor) -> None:
    ids = build_sample(store, actor, actions=3, indicators_count=4)
    with store.session() as session:
        data = gather(session, ReportOptions(plan_id=ids["plan"], language="en"))
        contract = session.exec(select(Contract)).one()
        assert contract.id is not None
        expected = contracts.achievement(session, contract.id)
    assert data.cotri_overall == (
        {contract.title: expected.overall} if expected.overall is not None else {}
    )
    rates = {(y.year, i.code): y.rate for i in expected.indicators for y in i.years}
    assert {(line.year, line.indicator_code): line.achievement for line in data.cotri} == rates


def test_landscape_parts_leave_no_blank_page(store: Store, actor: Actor, tmp_path: Path) -> None:
    ids = build_sample(store, actor, actions=3, indicators_count=4)
    for kind in ("committee", "midterm", "cotri"):
        out = tmp_path / f"{kind}.pdf"
        build_report(
            store,
            ReportOptions(plan_id=ids["plan"], kind=kind, language="en", include_charts=False),
            out,
            record=False,
        )
        pages = PdfReader(out).pages
        landscape = [p for p in pages if p.mediabox.width > p.mediabox.height]
        assert landscape, kind  # the COTRI scorecard or the indicators overview
        for number, page in enumerate(pages, 1):
            lines = [t for t in (page.extract_text() or "").splitlines() if t.strip()]
            # Header (territory, date) and footer (plan, page X / Y) are not content.
            assert len(lines) > 4, (kind, number, lines)
