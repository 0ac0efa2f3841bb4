"""The committee report: the demo with charts (goal under 3 s) and synthetic plans of growing
size up to 300 actions and 100 indicators (time per page should stay flat: linear growth).

``build_sample`` makes a plan through the services; the report and workbook tests use it too.
"""

from __future__ import annotations

import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

from sqlmodel import col, select

from desktop.models import (
    ActionStatus,
    BudgetState,
    Contract,
    ContractIndicator,
    ContractTarget,
    IndicatorCategory,
    Meeting,
    MeetingKind,
    ObservationKind,
    OrganisationKind,
    Plan,
    PlanKind,
    Priority,
    SectionKind,
    TerritoryKind,
)
from desktop.models.reference import SECTORS
from desktop.services import actions as action_service
from desktop.services import budget, changes, indicators, plans, store_settings, territories
from desktop.services.changes import Actor
from desktop.store import Store, open_store

STATUSES = list(ActionStatus)


def build_sample(
    store: Store,
    actor: Actor | None = None,
    *,
    actions: int = 12,
    indicators_count: int = 12,
    years: range = range(2012, 2024),
    title_prefix: str = "",
) -> dict[str, int]:
    """A territory with a plan of ``actions`` actions in 3 parts, ``indicators_count``
    indicators (the 8 GHG sectors first) with values and targets, a COTRI and a meeting.
    Returns the ids of the territory, plan, meeting and first indicator."""
    actor = actor or Actor("bench", "bench")
    with store.transaction() as session:
        territory = territories.create_territory(
            session,
            actor,
            name="Pays Boulonnais & Côte d'Opale",
            kind=TerritoryKind.CA,
            siren="200042398",
        )
        assert territory.id is not None
        orgs = [
            territories.get_or_create_organisation(session, actor, name, kind=kind)
            for name, kind in (
                ("Région Hauts-de-France", OrganisationKind.LOCAL_AUTHORITY),
                ("ADEME", OrganisationKind.AGENCY),
                ("Kent County Council", OrganisationKind.LOCAL_AUTHORITY),
                ("Œuvres & Énergies <coop>", OrganisationKind.ASSOCIATION),
            )
        ]
        plan = plans.create_plan(
            session,
            actor,
            territory_id=territory.id,
            title="Plan climat 2020-2026",
            kind=PlanKind.PCAET,
            period_start=2020,
            period_end=2026,
            reference_year=2012,
        )
        assert plan.id is not None
        parts = [
            plans.create_section(
                session, actor, plan_id=plan.id, code=str(i + 1), title=title, kind=SectionKind.PART
            )
            for i, title in enumerate(
                (
                    "Sobriété et efficacité énergétique",
                    "Énergies renouvelables",
                    "Adaptation, mobilité & qualité de l'air",
                )
            )
        ]
        for index in range(actions):
            part = parts[index % 3]
            status = STATUSES[index % len(STATUSES)]
            start = date(2020 + index % 4, 1 + index % 12, 1)
            end = date(2024 + index % 5, 1 + (index * 5) % 12, 28)
            title = f"{title_prefix}Action {index + 1} : rénovation énergétique des bâtiments"
            if index == 1:
                title = "Soutenir <b>les</b> coopératives & l'œuvre collective"
            action = action_service.create_action(
                session,
                actor,
                plan_id=plan.id,
                section_id=part.id,
                code=f"{index + 1}",
                title=title,
                description=(
                    "Accompagner les ménages (primes, conseil). Budget en € et £, "
                    "coût « à définir », IJsselmeer-samenwerking."
                ),
                status=status,
                priority=list(Priority)[index % 3],
                start_date=start,
                end_date=end,
                lead_organisation_id=orgs[index % 4].id,
                lead_service="Service climat",
                calendar_text="2021-2023" if index % 2 else "",
                progress_percent=(index * 7) % 101,
            )
            if index % 5 == 3:
                budget.add_budget_line(
                    session, actor, action, state=BudgetState.TO_BE_DEFINED, text="à définir"
                )
            else:
                budget.add_budget_line(
                    session,
                    actor,
                    action,
                    amount=Decimal("1234.5") * (index + 1),
                    unit="GBP" if index % 4 == 2 else "EUR",
                    year=2021,
                )
            budget.add_funding(
                session,
                actor,
                action,
                funder_id=orgs[1].id,
                amount=Decimal("500.25"),
                programme="Fonds chaleur",
            )
            action_service.add_partner(session, actor, action, orgs[(index + 1) % 4].id)
        store_settings.put(
            session,
            store_settings.CURRENCY_RATES,
            {"GBP": {"EUR": "1.14", "as_of": "2018-03-31", "source": "BCE"}},
        )
        first_indicator = 0
        made = []
        for index in range(indicators_count):
            if index < len(SECTORS):
                sector = SECTORS[index]
                ind = indicators.create_indicator(
                    session,
                    actor,
                    code=f"GES-{sector}",
                    name=f"Émissions GES — {sector}",
                    unit="kteqCO2",
                    category=IndicatorCategory.GHG_EMISSIONS,
                    dimension=sector,
                    source_producer="Atmo Hauts-de-France",
                    source_method="Inventaire A2022",
                )
            else:
                ind = indicators.create_indicator(
                    session,
                    actor,
                    code=f"IND-{index}",
                    name=f"Production EnR {index}",
                    unit="GWh",
                    category=IndicatorCategory.RENEWABLE_PRODUCTION,
                )
            assert ind.id is not None
            made.append(ind)
            first_indicator = first_indicator or ind.id
            for year in years:
                base = Decimal(1000 + 37 * index) - Decimal(year - years[0]) * 11
                if ind.category == IndicatorCategory.RENEWABLE_PRODUCTION:
                    base = Decimal(100 + index) + Decimal(year - years[0]) * 9
                indicators.set_observation(
                    session,
                    actor,
                    indicator=ind,
                    territory_id=territory.id,
                    year=year,
                    value=base + Decimal("0.5"),
                    source="Observatoire régional",
                    kind=ObservationKind.ESTIMATED
                    if year == years[-1]
                    else ObservationKind.MEASURED,
                )
            if index % 2 == 0:
                indicators.set_target(
                    session,
                    actor,
                    indicator=ind,
                    territory_id=territory.id,
                    horizon_year=2030,
                    relative_change_percent=Decimal(-40),
                    reference_year=years[0],
                    plan_id=plan.id,
                    source="SRADDET",
                )
                indicators.set_target(
                    session,
                    actor,
                    indicator=ind,
                    territory_id=territory.id,
                    horizon_year=2050,
                    value=Decimal(100),
                    plan_id=plan.id,
                )
        contract = changes.create(
            session,
            Contract(
                territory_id=territory.id,
                plan_id=plan.id,
                title="COTRI 2017-2019",
                period_start=2017,
                period_end=2019,
            ),
            actor,
        )
        for position, ind in enumerate(made[:3]):
            link = changes.create(
                session,
                ContractIndicator(
                    contract_id=contract.id,
                    indicator_id=ind.id,
                    position=position,
                    objective_text="Réduire de 10 %",
                ),
                actor,
            )
            for year in (2017, 2018, 2019):
                changes.create(
                    session,
                    ContractTarget(
                        contract_indicator_id=link.id, year=year, value=Decimal(900 + position)
                    ),
                    actor,
                )
        meeting = changes.create(
            session,
            Meeting(
                territory_id=territory.id,
                plan_id=plan.id,
                held_on=date(2024, 3, 14),
                kind=MeetingKind.STEERING,
                title="Comité de pilotage n°3",
                location="Boulogne-sur-Mer",
            ),
            actor,
        )
        return {
            "territory": territory.id,
            "plan": plan.id,
            "meeting": meeting.id or 0,
            "indicator": first_indicator,
        }


def _time_report(
    store: Store, ids: dict[str, int], out: Path, charts: bool, fmt: str = "pdf"
) -> tuple[float, int]:
    from desktop.reports.build import build_report
    from desktop.services.report_data import ReportOptions

    options = ReportOptions(
        plan_id=ids["plan"],
        meeting_id=ids["meeting"],
        include_charts=charts,
        language="fr",
        format=fmt,
    )
    started = time.perf_counter()
    result = build_report(store, options, out, record=False)
    return time.perf_counter() - started, result.pages


def _time_content(store: Store, ids: dict[str, int]) -> float:
    """What every format shares: the data, the parts and their charts, drawn once."""
    from desktop import i18n
    from desktop.reports.build import content
    from desktop.services.report_data import ReportOptions, gather

    options = ReportOptions(plan_id=ids["plan"], meeting_id=ids["meeting"], language="fr")
    started = time.perf_counter()
    with i18n.language("fr"), store.session() as session:
        content(session, gather(session, options))
    return time.perf_counter() - started


def main() -> int:
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        demo_store = open_store(root / "demo.pcaet")
        from desktop.services import demo

        demo.create_demo_store(demo_store)
        with demo_store.session() as session:
            # The PASSAGE plan and its latest committee (COPIL n°2: agenda, decisions).
            plan = session.exec(select(Plan).order_by(col(Plan.id))).first()
            meeting = session.exec(select(Meeting).order_by(col(Meeting.held_on).desc())).first()
        ids = {"plan": plan.id if plan else 0, "meeting": meeting.id if meeting else 0}
        for fmt in ("pdf", "docx", "pptx"):  # imports, fonts, Qt start
            _time_report(demo_store, ids, root / f"warm.{fmt}", True, fmt)
        shared = min(_time_content(demo_store, ids) for _ in range(2))
        print(f"demo report, data + parts + charts shared by every format: {shared:.2f} s")
        for fmt in ("pdf", "docx", "pptx"):
            seconds, pages = min(
                _time_report(demo_store, ids, root / f"demo.{fmt}", True, fmt) for _ in range(2)
            )
            unit = "slides" if fmt == "pptx" else "pages"
            line = (
                f"demo report with charts as {fmt}: {seconds:.2f} s, {pages} {unit}, "
                f"{seconds / shared:.2f} x the shared part"
            )
            if fmt == "pdf":
                ok = seconds < 3.0
                failed |= not ok
                line += f", goal < 3 s: {'ok' if ok else 'MISSED'}"
            print(line)
        demo_store.close()
        per_page = []
        for n_actions, n_indicators in ((75, 25), (150, 50), (300, 100)):
            store = open_store(root / f"s{n_actions}.pcaet")
            ids = build_sample(store, actions=n_actions, indicators_count=n_indicators)
            seconds, pages = _time_report(store, ids, root / f"s{n_actions}.pdf", True)
            per_page.append(seconds / pages)
            print(
                f"{n_actions} actions, {n_indicators} indicators: {seconds:.2f} s, "
                f"{pages} pages, {1000 * seconds / pages:.1f} ms per page"
            )
            store.close()
        growth = per_page[-1] / per_page[0]
        print(f"time per page, largest / smallest plan: {growth:.2f} (1.0 = linear growth)")
        failed |= growth > 1.5
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
