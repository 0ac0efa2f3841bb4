"""Provenance of values: the value that counts for a year, computed parents of the referential,
parents that disagree with their children, unit conversions, and modelled values assessed."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlmodel import Session, col, select

from desktop.models import (
    Indicator,
    IndicatorCategory,
    Observation,
    ObservationKind,
    TerritoryKind,
    ValueOrigin,
)
from desktop.services import analysis, indicators, referential, territories, values
from desktop.services.changes import Actor
from desktop.services.trajectory import TrackStatus
from desktop.store import Store

K = ObservationKind
Org = ValueOrigin


@pytest.fixture
def territory_id(store: Store, actor: Actor) -> int:
    with store.transaction() as session:
        territory = territories.create_territory(
            session, actor, name="CA du Boulonnais", siren="200041960", kind=TerritoryKind.CA
        )
        return territory.pk


def _ref(session: Session, identifier: str) -> Indicator:
    return session.exec(select(Indicator).where(Indicator.identifier == identifier)).one()


def _set(
    session: Session,
    actor: Actor,
    territory_id: int,
    identifier: str,
    year: int,
    value: str,
    kind: ObservationKind = K.MEASURED,
    origin: ValueOrigin = Org.AUTHORITY,
) -> None:
    indicators.set_observation(
        session,
        actor,
        indicator=_ref(session, identifier),
        territory_id=territory_id,
        year=year,
        value=D(value),
        kind=kind,
        origin=origin,
    )


def test_the_authority_s_own_value_wins_and_the_other_stays(
    store: Store, actor: Actor, territory_id: int
) -> None:
    with store.transaction() as session:
        # the observatory's modelled inventory and the authority's own estimate, same year
        _set(session, actor, territory_id, "cae_1.h", 2019, "40.5", K.MODELLED, Org.OBSERVATORY)
        _set(session, actor, territory_id, "cae_1.h", 2019, "38", K.ESTIMATED, Org.AUTHORITY)
        _set(session, actor, territory_id, "cae_1.h", 2020, "39.1", K.MODELLED, Org.OBSERVATORY)
        _set(session, actor, territory_id, "cae_1.h", 2020, "20", K.MODELLED, Org.SNBC_REFERENCE)
    with store.session() as session:
        indicator_id = _ref(session, "cae_1.h").pk
        result = analysis.indicator_analysis(session, indicator_id, territory_id)
        counted_sql = session.exec(
            select(Observation.year, Observation.value, Observation.origin)
            .where(Observation.indicator_id == indicator_id, values.counted())
            .order_by(col(Observation.year))
        ).all()
    assert [(p.year, p.value, p.origin) for p in result.points] == [
        (2019, 38.0, Org.AUTHORITY),
        (2020, 39.1, Org.OBSERVATORY),
    ]
    assert [(p.year, p.origin) for p in result.others] == [(2019, Org.OBSERVATORY)]
    # the SQL form of the rule picks the same rows (the database sums with it)
    assert [(y, v, o) for y, v, o in counted_sql] == [
        (2019, D("38"), Org.AUTHORITY),
        (2020, D("39.1"), Org.OBSERVATORY),
    ]


def test_within_one_origin_measured_beats_modelled_estimated_illustrative() -> None:
    order = [K.ILLUSTRATIVE, K.ESTIMATED, K.MODELLED, K.MEASURED]
    points = [analysis.Point(2020, float(i), kind, "", Org.PARTNER) for i, kind in enumerate(order)]
    assert values.pick(points)[2020].kind == K.MEASURED
    assert values.pick(points[:2])[2020].kind == K.ESTIMATED
    # a reference (SNBC) is never the territory's value
    reference = analysis.Point(2020, 1.0, K.MODELLED, "", Org.SNBC_REFERENCE)
    assert values.pick([reference]) == {}


def test_an_observatory_s_modelled_inventory_is_assessed_with_its_provenance(
    store: Store, actor: Actor, territory_id: int
) -> None:
    with store.transaction() as session:
        for year, value in ((2015, "1000"), (2018, "960"), (2021, "900")):
            _set(session, actor, territory_id, "cae_2.a", year, value, K.MODELLED, Org.OBSERVATORY)
        indicators.set_target(
            session,
            actor,
            indicator=_ref(session, "cae_2.a"),
            territory_id=territory_id,
            horizon_year=2030,
            relative_change_percent=D("-20"),
            reference_year=2015,
        )
    with store.session() as session:
        statuses = analysis.indicator_statuses(session, territory_id)
    (status,) = statuses
    assert status.track.status != TrackStatus.UNKNOWN
    assert status.track.year == 2021
    assert (status.kind, status.origin) == (K.MODELLED, Org.OBSERVATORY)


def test_a_parent_is_computed_from_its_children_and_a_disagreeing_entry_is_flagged(
    store: Store, actor: Actor, territory_id: int
) -> None:
    with store.transaction() as session:
        # residential known only by its sub-sectors in 2018; entered as well in 2019
        for identifier, value in (("cae_1.ca", "30"), ("cae_1.cb", "20.5"), ("cae_1.cc", "9.5")):
            _set(session, actor, territory_id, identifier, 2018, value)
            _set(session, actor, territory_id, identifier, 2019, value)
        _set(session, actor, territory_id, "cae_1.c", 2019, "75")
    with store.session() as session:
        resolved = referential.resolved_values(session, territory_id, ["cae_1.c"])["cae_1.c"]
        found = referential.disagreements(session, territory_id)
        result = analysis.indicator_analysis(session, _ref(session, "cae_1.c").pk, territory_id)
    assert resolved[2018].is_computed and resolved[2018].value == D("60")
    assert not resolved[2018].disagrees
    assert resolved[2019].value == D("75") and resolved[2019].computed == D("60")
    assert resolved[2019].disagrees
    assert [(d.identifier, d.year, d.entered, d.computed) for d in found] == [
        ("cae_1.c", 2019, D("75"), D("60"))
    ]
    # the analysis draws the computed year and counts the entered one
    assert [(p.year, p.value, p.computed) for p in result.points] == [
        (2018, 60.0, True),
        (2019, 75.0, False),
    ]


def test_a_total_needs_its_required_terms_and_converts_units(
    store: Store, actor: Actor, territory_id: int
) -> None:
    with store.transaction() as session:
        # cae_1.a = val(c)+val(d)+val(g)+opt(h)+opt(i)+opt(j)+val(k); k = val(e)+opt(f)
        for identifier, value in (("cae_1.c", "100"), ("cae_1.d", "50"), ("cae_1.g", "20")):
            _set(session, actor, territory_id, identifier, 2016, value)
            _set(session, actor, territory_id, identifier, 2017, value)
        _set(session, actor, territory_id, "cae_1.e", 2016, "80")
        _set(session, actor, territory_id, "cae_1.h", 2016, "5")
        # an adopted indicator in t CO2e under a kt CO2e parent
        _ref(session, "cae_1.f").unit = "tCO2e"
        _set(session, actor, territory_id, "cae_1.f", 2016, "2500")
    with store.session() as session:
        total = referential.resolved_values(session, territory_id, ["cae_1.a"])["cae_1.a"]
    assert total[2016].value == D("257.5")  # 100 + 50 + 20 + 5 + (80 + 2.5)
    assert 2017 not in total  # road transport (required through transport) is missing


def test_parse_formula_reads_sums_only() -> None:
    assert referential.parse_formula("val(cae_1.e) + opt_val(cae_1.f)") == [
        referential.Term("cae_1.e", True),
        referential.Term("cae_1.f", False),
    ]
    assert referential.parse_formula("val(cae_1.a)/val(terr_1)*1000") == []
    assert referential.parse_formula("") == []


def test_the_emissions_breakdown_counts_computed_sectors_once(
    store: Store, actor: Actor, territory_id: int
) -> None:
    with store.transaction() as session:
        _set(session, actor, territory_id, "cae_1.ca", 2016, "30")
        _set(session, actor, territory_id, "cae_1.cb", 2016, "20")
        _set(session, actor, territory_id, "cae_1.d", 2016, "40")
        _set(session, actor, territory_id, "cae_1.a", 2016, "500")  # a total: not a part
        custom = indicators.create_indicator(
            session,
            actor,
            code="GES-AGRI",
            name="GES agriculture (t)",
            unit="tCO2e",
            category=IndicatorCategory.GHG_EMISSIONS,
            dimension="agriculture",
        )
        indicators.set_observation(
            session, actor, indicator=custom, territory_id=territory_id, year=2016, value=D("7000")
        )
    with store.session() as session:
        result = analysis.breakdown(session, territory_id, IndicatorCategory.GHG_EMISSIONS)
    assert result.unit == "kteq CO2"
    assert result.years == [2016]
    assert {part: result.values[part][0] for part in result.parts} == {
        "residential": 50.0,
        "tertiary": 40.0,
        "agriculture": 7.0,
    }
