"""The COTRI achievement the dashboard draws is the one the reports print: one rule, in Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlmodel import select

from desktop import i18n
from desktop.models import Contract
from desktop.services import demo
from desktop.services.changes import Actor
from desktop.services.dashboard_data import dashboard_data
from desktop.services.report_indicators import cotri_lines
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
