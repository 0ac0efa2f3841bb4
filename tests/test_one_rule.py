"""One rule in one place: the COTRI achievement the dashboard draws is the one the reports
print (in Decimal), and where an indicator stands in a report is the trajectory service's
verdict, named with the window's words."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

import desktop.charts
import desktop.reports
from desktop import i18n, labels
from desktop.models import Contract
from desktop.services import analysis, demo
from desktop.services.changes import Actor
from desktop.services.dashboard_data import dashboard_data
from desktop.services.report_indicators import cotri_lines, indicator_blocks
from desktop.services.trajectory import TrackStatus
from desktop.store import Store


@pytest.fixture
def demo_store(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        demo.load_demo(session, actor)
    return store


def test_dashboard_and_report_give_the_same_cotri_figures(demo_store: Store) -> None:
    i18n.set_language("fr")
    with demo_store.session() as session:
        contract = session.exec(select(Contract)).one()
        card = dashboard_data(
            session, contract_id=contract.pk, territory_id=contract.territory_id, with_peers=False
        ).scorecard
        lines, overall = cotri_lines(session, contract.territory_id)
    assert card is not None
    # The report's table: one line per indicator and year.
    printed = {(line.indicator_id, line.year): line.achievement for line in lines}
    drawn = {(i.indicator_id, y.year): y.rate for i in card.indicators for y in i.years}
    assert drawn == printed and len(drawn) == 33
    assert all(rate is None or isinstance(rate, Decimal) for rate in drawn.values())
    # Each indicator's rate and the overall rate, as the chart and the report write them.
    scored = [i for i in card.indicators if i.rate is not None]
    assert len(scored) == 11
    for indicator in scored:
        latest = [line for line in lines if line.indicator_id == indicator.indicator_id]
        latest_rate = [line.achievement for line in latest if line.achievement is not None][-1]
        assert i18n.format_percent(indicator.rate) == i18n.format_percent(latest_rate)
    assert card.overall == overall[contract.title]


def test_report_statuses_are_the_trajectory_services(demo_store: Store) -> None:
    with demo_store.session() as session:
        contract = session.exec(select(Contract)).one()
        territory_id = contract.territory_id
        blocks = indicator_blocks(session, territory_id, None, lambda year: True)
        verdicts = {
            s.indicator_id: s.track for s in analysis.indicator_statuses(session, territory_id)
        }
    assert verdicts and blocks
    for block in blocks:
        assert isinstance(block.status, TrackStatus)
        track = verdicts.get(block.indicator.pk)
        # No target: nothing to judge against, as the window says.
        assert block.status == (track.status if track is not None else TrackStatus.UNKNOWN)
        if track is None or track.expected is None:
            assert block.expected_value is None
    assert {b.status for b in blocks} >= {TrackStatus.UNKNOWN, TrackStatus.ON_TRACK}


def test_track_statuses_read_alike_in_reports_and_charts() -> None:
    i18n.set_language("fr")
    assert labels.label(TrackStatus.UNKNOWN) == labels.legend_label(TrackStatus.UNKNOWN)
    assert labels.label(TrackStatus.UNKNOWN) == "Non évalué"
    for status in TrackStatus:
        assert labels.label(status) == labels.legend_label(status) != status.value


# A session call or a select() on a line: SQL built in place rather than a named query.
SQL_IN_PLACE = re.compile(r"\bsession\.(exec|execute|get|scalar|scalars)\(|\bselect\(")


def sql_built_in(root: Path) -> list[str]:
    """Where the modules under ``root`` build SQL themselves (file:line)."""
    return [
        f"{path.relative_to(root)}:{number}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if SQL_IN_PLACE.search(line)
    ]


def test_reports_read_through_named_queries() -> None:
    """Reports build no SQL of their own: every read is a named query of the services."""
    assert sql_built_in(Path(desktop.reports.__file__).parent) == []


def test_charts_read_through_named_queries() -> None:
    """Charts build no SQL of their own either: they draw what named queries return."""
    assert sql_built_in(Path(desktop.charts.__file__).parent) == []


def test_the_scan_finds_sql_built_in_place(tmp_path: Path) -> None:
    (tmp_path / "chart.py").write_text(
        "name = session.get(Indicator, 1)\nrows = sa.select(Indicator.id)\nok = 1\n",
        encoding="utf-8",
    )
    assert sql_built_in(tmp_path) == ["chart.py:1", "chart.py:2"]
