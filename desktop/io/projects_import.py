"""The national register of collectivities' ecological-transition projects (the "communs de la
transition écologique" schema: ``nom``, ``description``, ``budget``, ``forecasted_start_date``,
``phase``, ``phasestatut``, ``siren_epci``, ``leviers``, ``competences``) as actions.

Each project becomes an action of its EPCI's plan (the territory's PCAET, else its first plan;
a plan is created when the territory has none), in a section "National register of projects";
its phase and the phase's status give the action's status, its levers become tags, its
competences (M57 codes) themes, its budget a forecast line in euros. Projects are matched by
plan and normalised title, so importing the register again changes only what changed.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Final

from sqlmodel import Session, select

from ..i18n import _
from ..models import (
    Action,
    ActionStatus,
    BudgetLine,
    BudgetScenario,
    BudgetState,
    DatePrecision,
    PlanKind,
    PlanStatus,
    Section,
    SectionKind,
    TagKind,
    Territory,
)
from ..models import ActionTag as Tag
from ..progress import Progress
from ..services import changes, plans
from ..services.actions import create_action, update_action
from ..services.changes import Actor, ValidationError
from ..services.dates import parse_partial
from ..services.text import fold, normalise_name
from .layout import Layout
from .parsing import CellError, clean_text, parse_date, parse_number
from .readers.base import Sheet
from .summary import ImportSummary

# (phase, status of the phase) -> the action's status; "" when the file leaves it empty.
_PHASES: Final = {"idee": "idea", "etude": "study", "operation": "operation"}
_STATUSES: Final[dict[str, ActionStatus]] = {
    "en retard": ActionStatus.LATE,
    "en pause": ActionStatus.PAUSED,
    "bloque": ActionStatus.BLOCKED,
    "abandonne": ActionStatus.ABANDONED,
}


def action_status(phase: str, phase_status: str) -> ActionStatus:
    """An idea is to discuss; a study or an operation under way is in progress; a finished
    operation is done, a finished study or idea leaves the operation to come; late, paused,
    blocked and abandoned say so whatever the phase."""
    stage = _PHASES.get(fold(phase).strip(), "")
    status = fold(phase_status).strip()
    if status in _STATUSES:
        return _STATUSES[status]
    if status == "termine":
        return ActionStatus.DONE if stage == "operation" else ActionStatus.TO_COME
    if stage == "idea":
        return ActionStatus.TO_DISCUSS
    if stage in ("study", "operation"):
        return ActionStatus.IN_PROGRESS
    return ActionStatus.TO_COME


def split_values(value: Any) -> list[str]:
    """A list cell: a JSON array (``["Vélo", "Réduction des déplacements"]``) or text separated
    by "|", ";" or ","."""
    text = clean_text(value)
    if not text:
        return []
    if text.startswith("["):
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if isinstance(items, list):
            return [str(i).strip() for i in items if str(i).strip()]
    for separator in ("|", ";", ","):
        if separator in text:
            return [part.strip() for part in text.split(separator) if part.strip()]
    return [text]


class _Register:
    def __init__(self, session: Session, actor: Actor, summary: ImportSummary, sheet: str):
        self.session = session
        self.actor = actor
        self.summary = summary
        self.sheet = sheet
        self.territories = {
            t.siren: t for t in session.exec(select(Territory)) if t.siren is not None
        }
        self.sections: dict[int, Section] = {}
        self.actions: dict[int, dict[str, Action]] = {}

    def plan_of(self, territory: Territory) -> int:
        plan_id = plans.main_plan(self.session, territory.pk)
        if plan_id is None:
            title = _("Ecological transition projects")
            plan = plans.create_plan(
                self.session,
                self.actor,
                territory_id=territory.pk,
                title=title,
                kind=PlanKind.ACTION_PLAN,
                status=PlanStatus.IN_PREPARATION,
            )
            self.summary.created_plans.append(f"{title} ({territory.name})")
            plan_id = plan.pk
        return plan_id

    def section_of(self, plan_id: int) -> Section:
        if plan_id not in self.sections:
            title = _("National register of projects")
            found = self.session.exec(
                select(Section).where(Section.plan_id == plan_id, Section.title == title)
            ).first()
            if found is None:
                found = plans.create_section(
                    self.session,
                    self.actor,
                    plan_id=plan_id,
                    title=title,
                    kind=SectionKind.OTHER,
                )
                self.summary.created_sections.append(title)
            self.sections[plan_id] = found
        return self.sections[plan_id]

    def existing(self, plan_id: int) -> dict[str, Action]:
        if plan_id not in self.actions:
            self.actions[plan_id] = {
                normalise_name(a.title): a
                for a in self.session.exec(select(Action).where(Action.plan_id == plan_id))
            }
        return self.actions[plan_id]

    def project(self, number: int, cells: dict[str, Any]) -> None:
        title = clean_text(cells.get("title"))[:500]
        siren = "".join(clean_text(cells.get("territory_siren")).split())
        if not title:
            self.summary.reject(self.sheet, number, "nom", _("a project needs a name"))
            return
        territory = self.territories.get(siren)
        if territory is None:
            self.summary.reject(
                self.sheet,
                number,
                "siren_epci",
                _("unknown territory {name}").format(name=siren or "—"),
                siren,
            )
            return
        plan_id = self.plan_of(territory)
        values: dict[str, Any] = {
            "description": clean_text(cells.get("description")),
            "status": action_status(
                clean_text(cells.get("phase")), clean_text(cells.get("phase_status"))
            ),
        }
        start = self.start(number, cells.get("start_date"))
        if start is not None:
            values["start_date"], values["start_date_precision"] = start
        known = self.existing(plan_id)
        action = known.get(normalise_name(title))
        try:
            if action is None:
                action = create_action(
                    self.session,
                    self.actor,
                    plan_id=plan_id,
                    title=title,
                    section_id=self.section_of(plan_id).pk,
                    **values,
                )
                known[normalise_name(title)] = action
                self.summary.inserted += 1
            elif update_action(self.session, self.actor, action, values):
                self.summary.updated += 1
            else:
                self.summary.unchanged += 1
        except ValidationError as error:
            self.summary.reject(self.sheet, number, error.field, str(error))
            return
        self.tags(action, TagKind.TAG, split_values(cells.get("levers")))
        self.tags(
            action,
            TagKind.THEME,
            [
                _("M57 competence {code}").format(code=c)
                for c in split_values(cells.get("competences"))
            ],
        )
        self.budget(number, action, cells.get("budget"))

    def start(self, number: int, raw: Any) -> tuple[Any, DatePrecision] | None:
        text = clean_text(raw)
        if not text:
            return None
        try:
            day = parse_date(raw)
        except (CellError, ValueError):
            day = None
        if day is not None and len(text) > 7:
            return day, DatePrecision.DAY
        partial = parse_partial(text)  # "2025-03", "2025"
        if partial is None:
            self.summary.reject(
                self.sheet,
                number,
                "forecasted_start_date",
                _("{text} is not a date").format(text=text),
                text,
            )
        return partial

    def tags(self, action: Action, kind: TagKind, labels: list[str]) -> None:
        have = {
            t.label
            for t in self.session.exec(
                select(Tag).where(Tag.action_id == action.pk, Tag.kind == kind)
            )
        }
        for label in dict.fromkeys(labels):
            if label[:200] not in have:
                changes.create(
                    self.session,
                    Tag(action_id=action.pk, kind=kind, label=label[:200]),
                    self.actor,
                    parent=action,
                )

    def budget(self, number: int, action: Action, raw: Any) -> None:
        try:
            amount = parse_number(raw)
        except CellError as error:
            self.summary.reject(self.sheet, number, "budget", str(error), clean_text(raw))
            return
        if amount is None:
            return
        label = _("Forecast budget (national register)")
        line = self.session.exec(
            select(BudgetLine).where(BudgetLine.action_id == action.pk, BudgetLine.label == label)
        ).first()
        if line is None:
            changes.create(
                self.session,
                BudgetLine(
                    action_id=action.pk,
                    scenario=BudgetScenario.FORECAST,
                    state=BudgetState.AMOUNT,
                    amount=Decimal(amount),
                    unit="EUR",
                    label=label,
                    text=clean_text(raw),
                ),
                self.actor,
                parent=action,
            )
        elif line.amount != amount:
            changes.update(
                self.session, line, {"amount": Decimal(amount)}, self.actor, parent=action
            )


def import_projects(
    session: Session,
    actor: Actor,
    summary: ImportSummary,
    sheet: Sheet,
    layout: Layout,
    mapping: dict[int, str],
    *,
    progress: Progress | None = None,
) -> None:
    register = _Register(session, actor, summary, sheet.name)
    fields = {f: c for c, f in mapping.items()}
    for number, row in enumerate(
        sheet.rows[layout.first_data_row :], start=layout.first_data_row + 1
    ):
        if progress is not None and number % 500 == 0:
            progress.check()
        if all(c is None or c == "" for c in row):
            continue
        summary.rows_read += 1
        cells = {f: row[c] if c < len(row) else None for f, c in fields.items()}
        register.project(number, cells)
    session.flush()
