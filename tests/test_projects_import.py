"""The national register of ecological-transition projects becomes actions of the right EPCI's
plan, recognised without a mapping: phases and statuses mapped, levers as tags."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import select

from desktop.io.importer import ImportRequest, import_file
from desktop.io.projects_import import action_status, split_values
from desktop.models import (
    Action,
    ActionStatus,
    ActionTag,
    BudgetLine,
    DatePrecision,
    Plan,
    PlanKind,
    PlanStatus,
    TagKind,
    TerritoryKind,
)
from desktop.services import plans
from desktop.services.changes import Actor
from desktop.services.territories import create_territory
from desktop.store import Store

BOULONNAIS, DESVRES = "200041960", "246200729"
HEADER = [
    "nom",
    "description",
    "budget",
    "forecasted_start_date",
    "phase",
    "phasestatut",
    "siren_epci",
    "leviers",
    "competences",
]


@pytest.mark.parametrize(
    ("phase", "status", "expected"),
    [
        ("Idée", "En cours", ActionStatus.TO_DISCUSS),
        ("Étude", "En cours", ActionStatus.IN_PROGRESS),
        ("Étude", "Terminé", ActionStatus.TO_COME),  # the operation is still to come
        ("Opération", "Terminé", ActionStatus.DONE),
        ("Opération", "En retard", ActionStatus.LATE),
        ("Étude", "En pause", ActionStatus.PAUSED),
        ("Opération", "Bloqué", ActionStatus.BLOCKED),
        ("Idée", "Abandonné", ActionStatus.ABANDONED),
        ("", "", ActionStatus.TO_COME),
    ],
)
def test_phases_and_statuses_become_action_statuses(
    phase: str, status: str, expected: ActionStatus
) -> None:
    assert action_status(phase, status) == expected


def test_lists_are_read_as_json_or_separated_text() -> None:
    assert split_values('["Vélo", "Réduction des déplacements"]') == [
        "Vélo",
        "Réduction des déplacements",
    ]
    assert split_values("Vélo | Covoiturage") == ["Vélo", "Covoiturage"]
    assert split_values("") == []


def test_the_register_goes_into_each_epci_s_plan(
    store: Store, actor: Actor, tmp_path: Path
) -> None:
    with store.transaction() as session:
        cab = create_territory(
            session, actor, name="CA du Boulonnais", siren=BOULONNAIS, kind=TerritoryKind.CA
        )
        create_territory(
            session, actor, name="CC de Desvres-Samer", siren=DESVRES, kind=TerritoryKind.CC
        )
        plans.create_plan(
            session,
            actor,
            territory_id=cab.pk,
            title="PCAET du Boulonnais",
            kind=PlanKind.PCAET,
            status=PlanStatus.ADOPTED,
        )
    path = tmp_path / "projets-transition-ecologique.csv"
    rows = [
        HEADER,
        [
            "Rénovation énergétique des écoles",
            "Isolation et chaufferie bois",
            "450000",
            "2025-03-01",
            "Étude",
            "En cours",
            BOULONNAIS,
            '["Rénovation (hors changement chaudières)", "Electricité renouvelable"]',
            '["90-211", "90-212"]',
        ],
        [
            "Pistes cyclables vers la gare",
            "",
            "750000",
            "2025-06",
            "Opération",
            "Terminé",
            BOULONNAIS,
            '["Vélo"]',
            '["90-581"]',
        ],
        [
            "Réseau de chaleur du centre aquatique",
            "Chaleur fatale d'ArcelorMittal",
            "",
            "2025",
            "Idée",
            "",
            DESVRES,
            "Réseaux de chaleur",
            "",
        ],
        [
            "Projet d'une commune hors du magasin",
            "",
            "1000",
            "2025-01-01",
            "Idée",
            "En cours",
            "217500016",
            "",
            "",
        ],
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    summary = import_file(store, ImportRequest(path), actor)
    assert summary.kind == "projects"
    assert summary.inserted == 3 and [r.column for r in summary.rejections] == ["siren_epci"]
    # Desvres-Samer had no plan: one is made for its projects, and said so
    assert len(summary.created_plans) == 1 and "CC de Desvres-Samer" in summary.created_plans[0]
    with store.session() as session:
        actions = {a.title: a for a in session.exec(select(Action))}
        schools = actions["Rénovation énergétique des écoles"]
        plan = session.get(Plan, schools.plan_id)
        assert plan is not None and plan.title == "PCAET du Boulonnais"
        assert schools.status == ActionStatus.IN_PROGRESS
        assert (schools.start_date, schools.start_date_precision) == (
            date(2025, 3, 1),
            DatePrecision.DAY,
        )
        bikes = actions["Pistes cyclables vers la gare"]
        assert bikes.status == ActionStatus.DONE
        assert bikes.start_date_precision == DatePrecision.MONTH
        tags = {
            (t.kind, t.label)
            for t in session.exec(select(ActionTag).where(ActionTag.action_id == schools.pk))
        }
        assert (TagKind.TAG, "Electricité renouvelable") in tags
        assert (TagKind.THEME, "Compétence M57 90-211") in tags
        budget = session.exec(select(BudgetLine).where(BudgetLine.action_id == schools.pk)).one()
        assert (budget.amount, budget.unit) == (Decimal(450000), "EUR")
        heat = actions["Réseau de chaleur du centre aquatique"]
        assert heat.status == ActionStatus.TO_DISCUSS
    # the register again: nothing new
    again = import_file(store, ImportRequest(path), actor)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    assert again.created_plans == [] and again.created_sections == []
