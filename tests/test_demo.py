"""The demo territory: the PASSAGE action plan and its surroundings, loaded from
resources/demo/passage.json through the services, the same every time."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, col, select

from desktop import paths
from desktop.cli.main import main
from desktop.models import (
    Action,
    ActionFrameworkLink,
    ActionLink,
    ActionLinkKind,
    BudgetLine,
    BudgetState,
    ChangeLog,
    Contract,
    ContractIndicator,
    ContractParty,
    ContractTarget,
    DatePrecision,
    FrameworkReference,
    Impact,
    Indicator,
    Meeting,
    MeetingAction,
    Observation,
    ObservationKind,
    Organisation,
    Plan,
    Section,
    SectionKind,
    StrategicObjective,
    Target,
    TaxBasis,
    Territory,
    ValueOrigin,
)
from desktop.models.reference import SECTORS
from desktop.services import demo, store_info
from desktop.services.changes import Actor
from desktop.services.contracts import achievement
from desktop.services.validation import siren_is_valid
from desktop.store import Store, open_store


@pytest.fixture
def loaded(store: Store, actor: Actor) -> Store:
    with store.transaction() as session:
        counts = demo.load_demo(session, actor)
    assert counts["actions"] == 39  # 29 PASSAGE, 6 Pays Boulonnais, 3 Métropole, 1 CLES
    return store


def _passage(session: Session) -> Plan:
    return session.exec(select(Plan).where(col(Plan.title).startswith("PASSAGE"))).one()


def _actions(session: Session) -> dict[str, Action]:
    plan = _passage(session)
    rows = session.exec(select(Action).where(Action.plan_id == plan.pk)).all()
    return {a.code: a for a in rows}


def test_passage_plan_has_29_actions_in_3_parts(loaded: Store) -> None:
    with loaded.session() as session:
        plan = _passage(session)
        # The report and the first window open on the first plan: it must be PASSAGE.
        assert session.exec(select(Plan).order_by(col(Plan.id))).first() == plan
        actions = _actions(session)
        assert sorted(actions, key=int) == [str(n) for n in range(1, 30)]
        sections = session.exec(select(Section).where(Section.plan_id == plan.pk)).all()
        parts = sorted((s for s in sections if s.parent_id is None), key=lambda s: s.position)
        assert [p.code for p in parts] == ["I", "II", "III"]
        assert all(p.kind == SectionKind.PART for p in parts)
        levers = [s for s in sections if s.parent_id is not None]
        assert levers and all(s.kind == SectionKind.LEVER for s in levers)
        by_id = {s.pk: s for s in sections}
        part_of = {
            code: by_id[by_id[a.section_id].parent_id or 0].code
            for code, a in actions.items()
            if a.section_id is not None
        }
        assert len(part_of) == 29
        assert {c for c, p in part_of.items() if p == "I"} == {str(n) for n in range(1, 11)}
        assert {c for c, p in part_of.items() if p == "III"} == {str(n) for n in range(25, 30)}
        for code, action in actions.items():
            assert action.description and action.budget_text and action.calendar_text
            # 16 and 19: the plan leaves the lead open ("pilotage à définir", a working group)
            assert (action.lead_organisation_id is None) == (code in ("16", "19"))
        # calendars as written, with dates as precise as the text gives them
        assert "d'ici à mars 2020" in actions["1"].calendar_text
        assert str(actions["1"].end_date) == "2020-03-31"
        assert actions["1"].end_date_precision == DatePrecision.MONTH
        assert actions["29"].calendar_text == "En continu." and actions["29"].end_date is None
        assert actions["29"].recurring


def test_budgets_in_eur_and_gbp_and_non_numeric_states(loaded: Store) -> None:
    with loaded.session() as session:
        actions = _actions(session)
        lines = session.exec(select(BudgetLine)).all()
        by_action: dict[str, list[BudgetLine]] = {}
        codes = {a.pk: code for code, a in actions.items()}
        for line in lines:
            if line.action_id in codes:
                by_action.setdefault(codes[line.action_id], []).append(line)
        assert len(by_action) == 29  # every action has its budget, numeric or not
        triple_a = [b for b in by_action["25"] if b.unit == "EUR"]
        assert triple_a[0].amount == Decimal("633381.85")  # exact: never through a float
        assert {(b.amount, b.unit) for b in by_action["25"] if b.amount is not None} == {
            (Decimal("633381.85"), "EUR"),
            (Decimal("3000000"), "GBP"),
        }
        assert any(b.amount == Decimal("18800000") and b.unit == "GBP" for b in by_action["26"])
        assert any(b.amount == Decimal("130000000") for b in by_action["21"])
        states = {b.state for b in lines}
        assert {
            BudgetState.AMOUNT,
            BudgetState.NO_EXTRA_COST,
            BudgetState.CONFIDENTIAL,
            BudgetState.TO_BE_DEFINED,
            BudgetState.STAFF_TIME_ONLY,
        } <= states
        confidential = [b for b in by_action["3"] if b.state == BudgetState.CONFIDENTIAL]
        assert confidential and "confidentiel" in confidential[0].text
        assert all(b.amount is None for b in lines if b.state != BudgetState.AMOUNT)


def test_local_versions_and_framework_references(loaded: Store) -> None:
    with loaded.session() as session:
        actions = _actions(session)
        code = {a.pk: c for c, a in actions.items()}
        links = session.exec(
            select(ActionLink).where(ActionLink.kind == ActionLinkKind.LOCAL_VERSION_OF)
        ).all()
        pairs = {
            (code[link.source_action_id], code[link.target_action_id])
            for link in links
            if link.source_action_id in code
        }
        assert {("22", "4"), ("23", "6"), ("25", "4")} <= pairs
        assert all(int(source) >= 21 for source, _target in pairs)
        references = {
            (r.framework.value, r.code) for r in session.exec(select(FrameworkReference)).all()
        }
        assert ("tri_criterion", "11") in references
        assert {("kent_environment_strategy", c) for c in ("BF2.2", "MR6.1", "MR6.2", "MR6.3")} <= (
            references
        )
        lobbying = session.exec(
            select(FrameworkReference.code)
            .join(ActionFrameworkLink)
            .where(ActionFrameworkLink.action_id == actions["1"].pk)
        ).all()
        assert set(lobbying) == {"11", "BF2.2"}


def test_strait_emissions_2016_add_up(loaded: Store) -> None:
    with loaded.session() as session:

        def value(code: str) -> Decimal:
            return session.exec(
                select(Observation.value)
                .join(Indicator)
                .where(Indicator.code == code, Observation.year == 2016)
            ).one()

        parts = [value(c) for c in ("DET-GES-PORT", "DET-GES-MARITIME", "DET-GES-TERRESTRE")]
        assert parts == [Decimal(223073), Decimal(2449840), Decimal(1746178)]
        assert sum(parts) == value("DET-GES-SPECIFIQUE") == Decimal(4419091)
        # the industry (energy branch included) and the total on the referential, in kt
        industry, total = value("cae_1.l"), value("cae_1.a")
        assert industry == Decimal("8346.854")
        assert industry * 1000 + value("DET-GES-URBAIN") == Decimal(10051764)
        assert total * 1000 == sum(parts) + Decimal(10051764)
        observation = session.exec(
            select(Observation).join(Indicator).where(Indicator.code == "DET-GES-MARITIME")
        ).one()
        # a study's figures by activity: modelled, by the PASSAGE partnership
        assert (observation.kind, observation.origin) == (
            ObservationKind.MODELLED,
            ValueOrigin.PARTNER,
        )
        assert "I Care & Consult" in observation.source and "17 %" in observation.comment


def test_cotri_contract_with_yearly_targets(loaded: Store) -> None:
    with loaded.session() as session:
        contract = session.exec(select(Contract)).one()
        assert (contract.period_start, contract.period_end) == (2017, 2019)
        territory = session.get(Territory, contract.territory_id)
        # passed between the Pays Boulonnais (its three EPCI) and ADEME
        assert territory is not None and territory.name == "Pays Boulonnais"
        parties = session.exec(
            select(Organisation.acronym, Organisation.name)
            .join(ContractParty)
            .where(ContractParty.contract_id == contract.pk)
        ).all()
        names = {acronym or name for acronym, name in parties}
        assert {"ADEME", "Région Hauts-de-France"} <= names
        indicators = session.exec(
            select(ContractIndicator).where(ContractIndicator.contract_id == contract.pk)
        ).all()
        assert len(indicators) == 11
        years = session.exec(
            select(ContractTarget.year).where(
                col(ContractTarget.contract_indicator_id).in_([i.pk for i in indicators])
            )
        ).all()
        assert sorted(set(years)) == [2017, 2018, 2019] and len(years) == 33
        card = achievement(session, contract.pk)
        assert card.overall is not None and 0.5 < card.overall <= 1  # illustrative achievements


def test_regional_targets_impacts_and_meetings(loaded: Store) -> None:
    with loaded.session() as session:
        region = session.exec(select(Territory).where(Territory.kind == "region")).one()
        targets = {
            t.horizon_year: t
            for t in session.exec(select(Target).where(Target.territory_id == region.pk)).all()
        }
        rows = session.exec(select(Target).where(Target.territory_id == region.pk)).all()
        changes = sorted(t.relative_change_percent for t in rows if t.relative_change_percent)
        assert changes == [Decimal(-75), Decimal(-60)]
        assert any(t.value == Decimal(100) for t in rows) and set(targets) == {2050}
        impacts = session.exec(select(Impact).where(Impact.unit == "tCO2e/an")).all()
        assert [i.value for i in impacts] == [Decimal(3500)]
        units = set(session.exec(select(Impact.unit)).all())
        assert {"EUR/an", "L/an", "emplois", "synergies"} <= units
        meetings = session.exec(select(Meeting).order_by(col(Meeting.held_on))).all()
        assert [m.kind.value for m in meetings].count("steering") == 2
        linked = session.exec(select(MeetingAction)).all()
        assert linked and all(m.decisions for m in meetings)
        invented = session.exec(
            select(Observation).where(Observation.kind == ObservationKind.ILLUSTRATIVE)
        ).all()
        assert invented and {o.source for o in invented} == {"Série illustrative (démo)"}
        illustrative = session.exec(
            select(Observation).where(Observation.source == "Série illustrative (démo)")
        ).all()
        assert all("ILLUSTRATIVE" in o.comment for o in illustrative)
        assert len(illustrative) == len(invented) == 306 - 7  # all but the strait's 2016
        for row in (
            session.exec(select(Territory.siren)).all()
            + session.exec(select(Organisation.siren)).all()
        ):
            assert row is None or siren_is_valid(row)


def test_everything_goes_through_the_change_log(loaded: Store) -> None:
    with loaded.session() as session:
        logged = session.exec(select(ChangeLog).where(ChangeLog.entity == "action")).all()
        assert len(logged) == 39 and {entry.source for entry in logged} == {"test"}


def _uuids(store: Store) -> dict[str, set[str]]:
    with store.session() as session:
        return {
            model.__tablename__: set(session.exec(select(model.uuid)).all())
            for model in (Territory, Plan, Section, Action, BudgetLine, Observation, ContractTarget)
        }


def test_uuids_are_stable_across_loads(tmp_path: Path) -> None:
    first = open_store(demo.create_demo_store(tmp_path / "one.pcaet"))
    second = open_store(demo.create_demo_store(tmp_path / "two.pcaet"))
    try:
        one, two = _uuids(first), _uuids(second)
        assert one == two and all(one.values())
    finally:
        first.close()
        second.close()


def test_an_existing_store_is_left_untouched_unless_overwritten(tmp_path: Path) -> None:
    path = demo.create_demo_store(tmp_path / "demo.pcaet")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert demo.create_demo_store(path) == path
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    demo.create_demo_store(path, overwrite=True)
    store = open_store(path)
    try:
        with store.session() as session:
            assert store_info.counts(session)["actions"] == 39  # rebuilt, not doubled
    finally:
        store.close()


def test_ensure_demo_store_uses_the_data_folder() -> None:
    path = demo.ensure_demo_store()
    assert path == paths.demo_store_path() and path.exists()
    assert demo.ensure_demo_store() == path


def _broken_copy(tmp_path: Path, change: Any) -> Path:
    data = json.loads(paths.demo_data_file().read_text(encoding="utf-8"))
    change(data)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    return broken


def _float_amount(data: dict[str, Any]) -> None:
    data["actions"][24]["budget_lines"][0]["amount"] = 633381.85


def _unknown_reference(data: dict[str, Any]) -> None:
    data["actions"][-1]["lead_organisation"] = "org:nobody"


def _duplicate_uuid(data: dict[str, Any]) -> None:
    data["meetings"][1]["uuid"] = data["meetings"][0]["uuid"]


@pytest.mark.parametrize("change", [_float_amount, _unknown_reference, _duplicate_uuid])
def test_a_malformed_file_loads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: Any
) -> None:
    broken = _broken_copy(tmp_path, change)
    monkeypatch.setattr(paths, "demo_data_file", lambda: broken)
    target = tmp_path / "demo.pcaet"
    with pytest.raises(demo.DemoDataError):
        demo.create_demo_store(target)
    assert not target.exists()
    assert not list(tmp_path.glob("*.building*"))


def test_a_malformed_file_in_an_open_store_rolls_back(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken = _broken_copy(tmp_path, _duplicate_uuid)
    monkeypatch.setattr(paths, "demo_data_file", lambda: broken)
    with pytest.raises(demo.DemoDataError):
        demo.create_demo_store(store)
    with store.session() as session:
        assert store_info.is_empty(session)
        assert session.exec(select(ChangeLog)).first() is None


def test_not_json_and_newer_format_are_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(demo.DemoDataError, match="JSON"):
        demo.read_demo_file(bad)
    bad.write_text(json.dumps({"format_version": 99}), encoding="utf-8")
    with pytest.raises(demo.DemoDataError, match="99"):
        demo.read_demo_file(bad)


def test_cli_demo_then_info(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.pcaet"
    assert main(["--lang", "en", "demo", "--db", str(db)]) == 0
    assert "39 actions" in capsys.readouterr().out
    assert main(["info", "--db", str(db), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["actions"] == 39 and info["plans"] == 4 and info["contracts"] == 1
    assert info["territories"] == 17 and info["budget_lines"] == 41 and info["meetings"] == 3
    assert info["observations"] == 306 and info["schema_revision"]
    # a second run refuses to touch the store, --force rebuilds it
    assert main(["--lang", "en", "demo", "--db", str(db)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["--lang", "en", "demo", "--db", str(db), "--force"]) == 0
    assert main(["info", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])["actions"] == 39


def test_the_demo_follows_the_source_document(shared_seeds: Path) -> None:
    text = (shared_seeds / "001_c5925fbd05f89791.txt").read_text(encoding="utf-8")
    data = json.loads(paths.demo_data_file().read_text(encoding="utf-8"))
    for number in range(1, 30):
        assert f"ACTION {number} –" in text
    for figure in ("223 073", "2 449 840", "1 746 178", "4 419 091", "8 346 854", "633 381,85"):
        assert figure in text
    passage = [a for a in data["actions"] if a["plan"] == "plan:passage"]
    assert len(passage) == 29
    flat = " ".join(text.replace("’", "'").split())
    for action in passage:  # the budget and calendar paragraphs are quoted, not invented
        for paragraph in (action["budget_text"], action["calendar_text"]):
            assert " ".join(paragraph.split())[:60] in flat, action["code"]


def test_pays_boulonnais_pcaet_series_targets_and_budgets(loaded: Store) -> None:
    with loaded.session() as session:
        pcaet = session.exec(select(Plan).where(Plan.title == "PCAET du Pays Boulonnais")).one()
        domains = {
            o.domain.value
            for o in session.exec(
                select(StrategicObjective).where(StrategicObjective.plan_id == pcaet.pk)
            ).all()
        }
        assert {"final_energy", "renewable_energy", "adaptation", "carbon_storage"} <= domains
        sectors = session.exec(
            select(Indicator.dimension, Observation.year)
            .join(Observation)
            .where(
                Observation.territory_id == pcaet.territory_id,
                Indicator.category == "ghg_emissions",
                Indicator.dimension != "",
            )
        ).all()
        assert {d for d, _y in sectors} == set(SECTORS)
        assert {y for _d, y in sectors} == set(range(2010, 2024))
        horizons = session.exec(
            select(Target.horizon_year)
            .join(Indicator)
            .where(Indicator.identifier == "cae_1.a", Target.plan_id == pcaet.pk)
        ).all()
        assert sorted(horizons) == [2021, 2026, 2030, 2050]
        aquatic = session.exec(select(Action).where(Action.code == "PB-4")).one()
        line = session.exec(select(BudgetLine).where(BudgetLine.action_id == aquatic.pk)).one()
        assert (line.amount, line.tax_basis) == (Decimal(14000000), TaxBasis.EXCL_VAT)
        link = session.exec(
            select(ActionLink).where(ActionLink.source_action_id == aquatic.pk)
        ).one()
        target = session.get(Action, link.target_action_id)
        assert target is not None and target.code == "5" and target.plan_id != pcaet.pk
