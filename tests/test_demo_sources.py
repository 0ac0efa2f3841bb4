"""The demo says what its sources say (seed 001, the PASSAGE action plan, 2018) and marks
everything it invents: titles, leads, partners, barriers, ranges, dates and their precision,
the territory of the Pays Boulonnais' PCAET, the strait's emissions by activity."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, col, select

from desktop.models import (
    Action,
    ActionFactor,
    ActionPartner,
    ActionStatus,
    Contract,
    DatePrecision,
    Impact,
    Indicator,
    Observation,
    ObservationKind,
    Organisation,
    Plan,
    Territory,
)
from desktop.models.reference import SECTORS
from desktop.services import actions as action_service
from desktop.services import analysis, demo, referential
from desktop.services.changes import Actor
from desktop.store import Store
from desktop.text import normalise_name

SEED = "001_c5925fbd05f89791.txt"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Store:
    from desktop.store import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "demo.pcaet")
    with store.transaction() as session:
        demo.load_demo(session, Actor("test", "test"))
    return store


def _passage(session: Session) -> dict[str, Action]:
    plan = session.exec(select(Plan).where(col(Plan.title).startswith("PASSAGE"))).one()
    return {a.code: a for a in session.exec(select(Action).where(Action.plan_id == plan.pk))}


def _seed_titles(seeds: Path) -> dict[str, str]:
    lines = (seeds / SEED).read_text(encoding="utf-8").splitlines()
    titles = {}
    for number, line in enumerate(lines):
        match = re.match(r"\s*ACTION (\d+) – (.*)", line)
        if match:
            title = match.group(2).strip()
            following = number + 1
            while lines[following].strip():  # a title may run on the next line
                title += " " + lines[following].strip()
                following += 1
            titles[match.group(1)] = title
    return titles


def test_titles_are_the_plan_s_own(loaded: Store, shared_seeds: Path) -> None:
    titles = _seed_titles(shared_seeds)
    with loaded.session() as session:
        actions = _passage(session)
    assert len(titles) == 29
    for code, action in actions.items():  # no "(rive française)" added (22, 23, 25)
        assert normalise_name(action.title) == normalise_name(titles[code]), code


def test_leads_and_partners_are_those_the_plan_names(loaded: Store) -> None:
    with loaded.session() as session:
        actions = _passage(session)
        partners = {
            code: {
                name
                for (name,) in session.execute(
                    select(Organisation.name)
                    .join(ActionPartner, col(ActionPartner.organisation_id) == Organisation.id)
                    .where(ActionPartner.action_id == action.pk)
                )
            }
            for code, action in actions.items()
        }
        barriers = session.exec(
            select(ActionFactor).where(ActionFactor.action_id == actions["26"].pk)
        ).all()
    # 16: "la Région et/ou la SEPD (pilotage à définir)"; 19: "un groupe de travail"
    assert actions["16"].lead_organisation_id is None and actions["16"].lead_service == ""
    assert actions["19"].lead_organisation_id is None
    assert {"Région Hauts-de-France", "Société d'exploitation des ports du détroit"} <= (
        partners["16"]
    )
    assert partners["11"] == set() and partners["21"] == set()
    assert "Kent County Council" not in partners["13"]  # the French shore's plan
    assert "Programme Interreg Europe" not in partners["1"]
    assert barriers == []  # the COP21 coalition's barriers belong to another document


def test_ranges_and_dates_keep_their_precision(loaded: Store) -> None:
    with loaded.session() as session:
        actions = _passage(session)
        fuel = session.exec(select(Impact).where(Impact.action_id == actions["18"].pk)).one()
        assert (fuel.value, fuel.value_max, fuel.unit) == (Decimal(15), Decimal(21), "%")
        strategy = actions["27"]  # "devrait être disponible à l'été 2018"
        assert strategy.end_date_precision == DatePrecision.SEASON
        # its date alone makes it late only once the summer is over
        pending = strategy.model_copy(update={"status": ActionStatus.IN_PROGRESS})
        assert not action_service.is_late(pending, date(2018, 9, 22))
        assert action_service.is_late(pending, date(2018, 9, 23))
        tunnel = actions["3"]  # "à partir de 2018"
        assert (tunnel.start_date, tunnel.start_date_precision) == (
            date(2018, 1, 1),
            DatePrecision.YEAR,
        )
        assert (actions["14"].end_date, actions["14"].end_date_precision) == (
            date(2019, 12, 31),
            DatePrecision.YEAR,
        )
        # statuses, priorities and progress are the demo's: marked illustrative
        assert all(a.illustrative for a in actions.values())


def test_the_pays_boulonnais_pcaet_is_its_own_territory(loaded: Store) -> None:
    with loaded.session() as session:
        plan = session.exec(select(Plan).where(Plan.title == "PCAET du Pays Boulonnais")).one()
        territory = session.get(Territory, plan.territory_id)
        contract = session.exec(select(Contract)).one()
        assert territory is not None and territory.name == "Pays Boulonnais"
        assert contract.territory_id == territory.pk
        kinds = set(
            session.exec(select(Observation.kind).where(Observation.territory_id == territory.pk))
        )
    # every yearly value there is invented, COTRI achievements included
    assert kinds == {ObservationKind.ILLUSTRATIVE}


def test_illustrative_series_agree_with_each_other(loaded: Store) -> None:
    with loaded.session() as session:
        territory = session.exec(select(Territory).where(Territory.name == "Pays Boulonnais")).one()
        assert referential.disagreements(session, territory.pk) == []
        renewables = referential.resolved_values(session, territory.pk, ["cae_3.a"])["cae_3.a"]
        cotri = {
            year: value
            for year, value in session.execute(
                select(Observation.year, Observation.value)
                .join(Indicator)
                .where(Indicator.code == "COTRI-PB-06")
            )
        }
        # the COTRI's local renewable production is the sum of the filières, in GWh
        assert {y: renewables[y].value / 1000 for y in cotri} == cotri
        # and the GHG total, never stored, is the sum of the eight sectors
        total = referential.resolved_values(session, territory.pk, ["cae_1.a"])["cae_1.a"]
        assert total[2015].is_computed and total[2015].value == Decimal("1023.4")
        # the final consumption by sector adds up to the consumption total, year by year
        consumption = referential.resolved_values(session, territory.pk, ["cae_2.a"])["cae_2.a"]
        assert consumption[2015].entered == consumption[2015].computed == Decimal(4031)


def test_the_pays_boulonnais_inventory_gives_its_snbc_reference(loaded: Store) -> None:
    from desktop.services.reference_trajectory import reference_for

    with loaded.session() as session:
        territory = session.exec(select(Territory).where(Territory.name == "Pays Boulonnais")).one()
        reference = reference_for(session, territory.pk)
    # 8 emission sectors and 5 consumption sectors in 2015: TeT's rule is met
    assert reference.exists
    assert reference.emissions["cae_1.e"][2030] == Decimal("254.0") * Decimal("0.72")


def test_a_target_in_percent_of_a_computed_total_is_compared_with_the_reference(
    loaded: Store,
) -> None:
    from desktop.services.reference_inputs import plan_targets

    # The plan's GHG targets are -35 % (2030) and -75 % (2050) of the 2015 total, which the
    # demo never stores: it is the sum of the eight sectors (1 023.4 kteq)
    with loaded.session() as session:
        plan = session.exec(select(Plan).where(Plan.title == "PCAET du Pays Boulonnais")).one()
        targets = plan_targets(session, plan.territory_id, plan.pk)
    assert targets["cae_1.a"][2030].value == Decimal("1023.4") * Decimal("0.65")
    assert targets["cae_1.a"][2050].value == Decimal("1023.4") * Decimal("0.25")


def test_the_strait_s_activities_are_not_put_in_sectors(loaded: Store) -> None:
    with loaded.session() as session:
        strait = session.exec(
            select(Territory).where(col(Territory.name).startswith("Détroit"))
        ).one()
        sectors = session.exec(
            select(Indicator.dimension, Indicator.identifier)
            .join(Observation)
            .where(Observation.territory_id == strait.pk)
        ).all()
        breakdown = analysis.breakdown(session, strait.pk, analysis.IndicatorCategory.GHG_EMISSIONS)
    # neither urban and tourist activities as tertiary nor rail, waterway and tunnel as road
    assert not any(dimension in SECTORS for dimension, _identifier in sectors)
    assert {i for _d, i in sectors if i} == {"cae_1.a", "cae_1.l"}
    assert breakdown.parts == [""] and breakdown.values[""] == [pytest.approx(14470.855)]
