""" "Since the last committee": each report records the state of its plan, the next one lists
what changed since (statuses, actions started, finished or late, new indicator values, budget
changes), dated from the change log."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..models import (
    Action,
    ActionStatus,
    BudgetLine,
    BudgetScenario,
    BudgetState,
    ChangeKind,
    ChangeLog,
    Indicator,
    Meeting,
    Observation,
    ReportSnapshot,
    utcnow,
)
from .actions import is_late

PAYLOAD_VERSION = 1
NOT_STARTED = frozenset({ActionStatus.TO_COME, ActionStatus.TO_DISCUSS})


@dataclass(frozen=True)
class StatusChange:
    code: str
    title: str
    old: ActionStatus | None  # None: the action is new since
    new: ActionStatus
    changed_at: datetime | None  # from the change log when it has the change
    changed_by: str


@dataclass(frozen=True)
class ValueChange:
    code: str
    name: str
    unit: str
    year: int
    kind: str
    old: Decimal | None
    new: Decimal


@dataclass(frozen=True)
class BudgetChange:
    code: str
    title: str
    unit: str
    old: Decimal
    new: Decimal


@dataclass
class ChangeSummary:
    since: datetime
    meeting_title: str
    meeting_date: date | None
    status_changes: list[StatusChange] = field(default_factory=list)
    started: list[str] = field(default_factory=list)
    finished: list[str] = field(default_factory=list)
    newly_late: list[str] = field(default_factory=list)
    new_actions: list[str] = field(default_factory=list)
    values: list[ValueChange] = field(default_factory=list)
    budgets: list[BudgetChange] = field(default_factory=list)
    logged_changes: int = 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.status_changes
            or self.values
            or self.budgets
            or self.newly_late
            or self.new_actions
        )


def take_payload(session: Session, plan_id: int, territory_id: int, today: date) -> dict[str, Any]:
    """The plan's statuses, forecast budgets and the territory's indicator values, as JSON."""
    actions: dict[str, dict[str, Any]] = {}
    uuids: dict[int, str] = {}
    for action in session.exec(select(Action).where(Action.plan_id == plan_id)):
        assert action.id is not None
        uuids[action.id] = action.uuid
        actions[action.uuid] = {
            "code": action.code,
            "title": action.title,
            "status": str(ActionStatus(action.status).value),
            "late": is_late(action, today),
        }
    budgets: dict[str, dict[str, str]] = {}
    lines = session.exec(
        select(BudgetLine)
        .where(col(BudgetLine.action_id).in_(list(uuids)))
        .where(BudgetLine.scenario == BudgetScenario.FORECAST)
    )
    for line in lines:
        if line.state == BudgetState.AMOUNT and line.amount is not None:
            per_unit = budgets.setdefault(uuids[line.action_id], {})
            per_unit[line.unit] = format(Decimal(per_unit.get(line.unit, "0")) + line.amount, "f")
    indicators: dict[str, dict[str, Any]] = {}
    rows = session.exec(
        select(Observation, Indicator)
        .join(Indicator, col(Indicator.id) == col(Observation.indicator_id))
        .where(Observation.territory_id == territory_id)
    )
    for obs, indicator in rows:
        entry = indicators.setdefault(
            indicator.uuid,
            {"code": indicator.code, "name": indicator.name, "unit": indicator.unit, "values": {}},
        )
        entry["values"][f"{obs.year}|{obs.kind.value}"] = format(obs.value, "f")
    return {
        "version": PAYLOAD_VERSION,
        "today": today.isoformat(),
        "actions": actions,
        "budgets": budgets,
        "indicators": indicators,
    }


def record_snapshot(
    session: Session,
    *,
    plan_id: int,
    territory_id: int,
    kind: str,
    meeting_id: int | None,
    today: date,
) -> ReportSnapshot:
    """Record (or, for the same meeting and kind, replace) the snapshot of a report.

    Written without the change log on purpose: a snapshot is derived from the data, not an
    edit of it, and logging it would show up as a change in the next report.
    """
    payload = json.dumps(take_payload(session, plan_id, territory_id, today), ensure_ascii=False)
    existing = None
    if meeting_id is not None:
        existing = session.exec(
            select(ReportSnapshot).where(
                ReportSnapshot.meeting_id == meeting_id,
                ReportSnapshot.plan_id == plan_id,
                ReportSnapshot.kind == kind,
            )
        ).first()
    if existing is None:
        existing = ReportSnapshot(meeting_id=meeting_id, plan_id=plan_id, kind=kind, payload="")
    existing.payload = payload
    existing.taken_at = utcnow()
    existing.updated_at = existing.taken_at
    session.add(existing)
    session.flush()
    return existing


def previous_snapshot(
    session: Session, plan_id: int, meeting_id: int | None = None
) -> ReportSnapshot | None:
    """The latest snapshot of the plan taken for another meeting (or without one)."""
    query = select(ReportSnapshot).where(ReportSnapshot.plan_id == plan_id)
    if meeting_id is not None:
        same = col(ReportSnapshot.meeting_id) == meeting_id
        query = query.where(~same | col(ReportSnapshot.meeting_id).is_(None))
        meeting = session.get(Meeting, meeting_id)
        if meeting is not None:
            # A report for an older meeting compares with what came before it.
            later = select(Meeting.id).where(col(Meeting.held_on) > meeting.held_on)
            query = query.where(
                col(ReportSnapshot.meeting_id).is_(None)
                | col(ReportSnapshot.meeting_id).not_in(later)
            )
    return session.exec(query.order_by(col(ReportSnapshot.taken_at).desc())).first()


def changes_since(
    session: Session, snapshot: ReportSnapshot, plan_id: int, territory_id: int, today: date
) -> ChangeSummary:
    before: dict[str, Any] = json.loads(snapshot.payload or "{}")
    now = take_payload(session, plan_id, territory_id, today)
    meeting = session.get(Meeting, snapshot.meeting_id) if snapshot.meeting_id else None
    summary = ChangeSummary(
        since=snapshot.taken_at,
        meeting_title=meeting.title if meeting else "",
        meeting_date=meeting.held_on if meeting else None,
    )
    status_log = _status_log(session, snapshot.taken_at)
    old_actions: dict[str, Any] = before.get("actions", {})
    for uuid, current in now["actions"].items():
        label = f"{current['code']} {current['title']}".strip()
        old = old_actions.get(uuid)
        new_status = ActionStatus(current["status"])
        old_status = ActionStatus(old["status"]) if old else None
        if old is None:
            summary.new_actions.append(label)
        if old_status != new_status:
            at, by = status_log.get(uuid, (None, ""))
            summary.status_changes.append(
                StatusChange(current["code"], current["title"], old_status, new_status, at, by)
            )
            if new_status == ActionStatus.DONE:
                summary.finished.append(label)
            elif new_status == ActionStatus.IN_PROGRESS and (
                old_status is None or old_status in NOT_STARTED
            ):
                summary.started.append(label)
        if current["late"] and not (old or {}).get("late", False):
            summary.newly_late.append(label)
        old_budget = before.get("budgets", {}).get(uuid, {})
        new_budget = now["budgets"].get(uuid, {})
        for unit in sorted(set(old_budget) | set(new_budget)):
            a, b = Decimal(old_budget.get(unit, "0")), Decimal(new_budget.get(unit, "0"))
            if a != b:
                summary.budgets.append(BudgetChange(current["code"], current["title"], unit, a, b))
    old_indicators: dict[str, Any] = before.get("indicators", {})
    for uuid, entry in now["indicators"].items():
        old_values = old_indicators.get(uuid, {}).get("values", {})
        for key, text in sorted(entry["values"].items()):
            if old_values.get(key) == text:
                continue
            year, kind = key.split("|", 1)
            summary.values.append(
                ValueChange(
                    entry["code"],
                    entry["name"],
                    entry["unit"],
                    int(year),
                    kind,
                    Decimal(old_values[key]) if key in old_values else None,
                    Decimal(text),
                )
            )
    summary.logged_changes = len(
        session.exec(select(ChangeLog.id).where(col(ChangeLog.at) > snapshot.taken_at)).all()
    )
    return summary


def _status_log(session: Session, since: datetime) -> dict[str, tuple[datetime, str]]:
    """When and by whom each action's status last changed since ``since``."""
    rows = session.exec(
        select(ChangeLog)
        .where(ChangeLog.entity == "action", ChangeLog.field == "status")
        .where(ChangeLog.kind == ChangeKind.UPDATE, col(ChangeLog.at) > since)
        .order_by(col(ChangeLog.at))
    )
    return {row.entity_uuid: (row.at, row.user) for row in rows}
