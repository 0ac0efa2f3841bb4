"""What the shell's GUI tests share: a small filled store (the ``filled`` fixture of
tests/conftest.py), the application's look for screenshots, and static message boxes recorded
instead of shown (a modal box would hang)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.models import (
    ActionStatus,
    Contract,
    IndicatorCategory,
    Meeting,
    MeetingKind,
    ObservationKind,
    OrganisationKind,
    PlanKind,
    SectionKind,
    TerritoryKind,
)
from desktop.services import actions as action_service
from desktop.services import changes, indicators, plans, territories
from desktop.services.changes import Actor
from desktop.store import Store
from desktop.ui import style


def fill(store: Store, actor: Actor) -> dict[str, int]:
    """A small territory like the demo: a plan with two parts, actions, an indicator with
    values, a COTRI contract, a committee and organisations."""
    with store.transaction() as s:
        territory = territories.create_territory(
            s, actor, name="Pays de l'Opale", siren="200042398", kind=TerritoryKind.CA
        )
        lead = territories.get_or_create_organisation(
            s, actor, "ADEME", kind=OrganisationKind.AGENCY
        )
        plan = plans.create_plan(
            s,
            actor,
            territory_id=territory.pk,
            title="PCAET 2024-2030",
            kind=PlanKind.PCAET,
            period_start=2024,
            period_end=2030,
            reference_year=2015,
        )
        energy = plans.create_section(
            s, actor, plan_id=plan.pk, title="Énergie", code="1", kind=SectionKind.PART
        )
        mobility = plans.create_section(
            s, actor, plan_id=plan.pk, title="Mobilité", code="2", kind=SectionKind.PART
        )
        for title, section, status in (
            ("Rénover les écoles", energy, ActionStatus.IN_PROGRESS),
            ("Chaufferie bois", energy, ActionStatus.DONE),
            ("Plan vélo", mobility, ActionStatus.LATE),
        ):
            action_service.create_action(
                s,
                actor,
                plan_id=plan.pk,
                section_id=section.pk,
                title=title,
                status=status,
                lead_organisation_id=lead.pk,
                start_date=date(2024, 1, 1),
                end_date=date(2026, 12, 31),
            )
        ghg = indicators.create_indicator(
            s,
            actor,
            code="GES",
            name="Émissions de GES",
            unit="kt CO2e",
            category=IndicatorCategory.GHG_EMISSIONS,
        )
        for year, value in ((2015, 820), (2018, 790), (2021, 742)):
            indicators.set_observation(
                s,
                actor,
                indicator=ghg,
                territory_id=territory.pk,
                year=year,
                value=Decimal(value),
                kind=ObservationKind.MEASURED,
            )
        contract = changes.create(
            s,
            Contract(
                territory_id=territory.pk,
                plan_id=plan.pk,
                title="COTRI Opale",
                period_start=2022,
                period_end=2025,
            ),
            actor,
        )
        meeting = changes.create(
            s,
            Meeting(
                territory_id=territory.pk,
                plan_id=plan.pk,
                held_on=date(2025, 3, 14),
                kind=MeetingKind.STEERING,
                title="Comité de pilotage",
            ),
            actor,
        )
        return {
            "territory": territory.pk,
            "plan": plan.pk,
            "energy": energy.pk,
            "mobility": mobility.pk,
            "indicator": ghg.pk,
            "contract": contract.pk,
            "meeting": meeting.pk,
        }


@contextmanager
def application_look(app: QApplication) -> Iterator[None]:
    """The look of the real application (as ``desktop.ui.application.run`` sets it), for the
    screenshots; removed afterwards so other tests keep Qt's defaults."""
    palette, sheet = app.palette(), app.styleSheet()
    style.apply(app)
    try:
        yield
    finally:
        app.setStyleSheet(sheet)
        app.setPalette(palette)


def record_messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Every static QMessageBox call, recorded as (kind, title, text) instead of shown."""
    seen: list[tuple[str, str, str]] = []

    def fake(kind: str, answer: Any) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            seen.append((kind, title, text))
            return answer

        return show

    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", fake("question", QMessageBox.StandardButton.Yes))
    return seen
