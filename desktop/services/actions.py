"""Actions: create, edit with validation, delete with a list of what goes with them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from ..models import (
    Action,
    ActionIndicator,
    ActionLink,
    ActionLinkKind,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    DatePrecision,
    Funding,
    Impact,
    MeetingAction,
    PartnerRole,
)
from . import changes, dates
from .changes import Actor, ValidationError
from .validation import check_dates, check_not_blank, check_percent

CLOSED_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.ABANDONED})


def with_periods(values: Mapping[str, Any], current: Action | None = None) -> dict[str, Any]:
    """The values with the dates set to their period's first (start) or last (end) day, as
    their precision says: "due summer 2018" is stored as the last day of that summer."""
    result = dict(values)

    def value(name: str) -> Any:
        if name in result:
            return result[name]
        return getattr(current, name) if current is not None else None

    for which, bound in (("start", dates.as_start), ("end", dates.as_end)):
        day_field, precision_field = f"{which}_date", f"{which}_date_precision"
        if day_field in result or precision_field in result:
            precision = DatePrecision(value(precision_field) or DatePrecision.DAY)
            day = value(day_field)
            if day is not None:
                result[day_field] = bound(day, precision)
    return result


def _validate(values: Mapping[str, Any], current: Action | None = None) -> None:
    def value(name: str) -> Any:
        if name in values:
            return values[name]
        return getattr(current, name) if current is not None else None

    if "title" in values:
        check_not_blank(str(values["title"] or ""), "title")
    check_percent(value("progress_percent"), "progress_percent")
    check_dates(value("start_date"), value("end_date"))
    if "status" in values and values["status"] not in set(ActionStatus):
        raise ValidationError("status", str(values["status"]))


def create_action(
    session: Session,
    actor: Actor,
    *,
    plan_id: int,
    title: str,
    section_id: int | None = None,
    code: str | None = None,
    **fields: Any,
) -> Action:
    """A new action at the end of its section; the code defaults to the next free number."""
    fields = with_periods(fields)
    values = {"title": title, **fields}
    _validate(values)
    position = session.exec(
        select(func.max(Action.position)).where(Action.plan_id == plan_id)
    ).one()
    action = Action(
        plan_id=plan_id,
        section_id=section_id,
        code=code if code is not None else next_action_code(session, plan_id, section_id),
        position=0 if position is None else int(position) + 1,
        title=title.strip(),
        **fields,
    )
    return changes.create(session, action, actor)


_NUMBERED_CODE = re.compile(r"^(.*?)(\d+)$")


def next_action_code(session: Session, plan_id: int, section_id: int | None = None) -> str:
    """The code that follows the plan's numbering: "PB-7" after "PB-6", "30" after "29",
    "2.4" after "2.3" in that section. The numbering followed is that of the last action
    created in the section (else in the plan); a zero-padded number stays padded."""
    query = select(Action.id, Action.code, Action.section_id).where(Action.plan_id == plan_id)
    rows = [
        (action_id, match.group(1), match.group(2), action_section)
        for action_id, code, action_section in session.exec(query)
        if (match := _NUMBERED_CODE.match(code.strip()))
    ]
    if not rows:
        return "1"
    in_section = [r for r in rows if section_id is not None and r[3] == section_id]
    prefix = max(in_section or rows)[1]  # the numbering of the last action created there
    numbers = [digits for _i, p, digits, _s in rows if p == prefix]
    highest = max(numbers, key=int)
    following = str(int(highest) + 1)
    width = len(highest) if highest.startswith("0") else 0
    return f"{prefix}{following.zfill(width)}"


def update_action(
    session: Session,
    actor: Actor,
    action: Action,
    values: Mapping[str, Any],
    *,
    expected_version: int | None = None,
) -> list[str]:
    values = with_periods(values, action)
    _validate(values, action)
    return changes.update(session, action, values, actor, expected_version=expected_version)


@dataclass(frozen=True)
class DeletionImpact:
    """What else goes or loses a reference when an action is deleted."""

    sub_actions: int
    budget_lines: int
    fundings: int
    impacts: int
    links: int
    indicators: int
    meetings: int

    @property
    def is_referenced(self) -> bool:
        return any(
            (
                self.sub_actions,
                self.budget_lines,
                self.fundings,
                self.impacts,
                self.links,
                self.indicators,
                self.meetings,
            )
        )


def deletion_impact(session: Session, action_id: int) -> DeletionImpact:
    def count(model: Any, *conditions: Any) -> int:
        return int(session.exec(select(func.count()).select_from(model).where(*conditions)).one())

    return DeletionImpact(
        sub_actions=count(Action, Action.parent_id == action_id),
        budget_lines=count(BudgetLine, BudgetLine.action_id == action_id),
        fundings=count(Funding, Funding.action_id == action_id),
        impacts=count(Impact, Impact.action_id == action_id),
        links=count(
            ActionLink,
            or_(
                col(ActionLink.source_action_id) == action_id,
                col(ActionLink.target_action_id) == action_id,
            ),
        ),
        indicators=count(ActionIndicator, ActionIndicator.action_id == action_id),
        meetings=count(MeetingAction, MeetingAction.action_id == action_id),
    )


def delete_action(
    session: Session, actor: Actor, action: Action, *, expected_version: int | None = None
) -> None:
    """Delete an action; its sub-actions, budget lines and other children go with it (the
    database cascades), each logged first so the history stays readable."""
    for sub in session.exec(select(Action).where(Action.parent_id == action.id)).all():
        delete_action(session, actor, sub)
    for model in (BudgetLine, Funding, Impact, ActionPartner, ActionIndicator):
        for child in session.exec(select(model).where(model.action_id == action.id)).all():
            changes.delete(session, child, actor, parent=action)
    changes.delete(session, action, actor, expected_version=expected_version)


def add_partner(
    session: Session,
    actor: Actor,
    action: Action,
    organisation_id: int,
    role: PartnerRole = PartnerRole.PARTNER,
    note: str = "",
) -> ActionPartner:
    partner = ActionPartner(
        action_id=action.pk, organisation_id=organisation_id, role=role, note=note
    )
    return changes.create(session, partner, actor, parent=action)


def link_actions(
    session: Session, actor: Actor, source: Action, target: Action, kind: ActionLinkKind
) -> ActionLink:
    if source.id == target.id:
        raise ValidationError("target_action_id", "self")
    link = ActionLink(source_action_id=source.pk, target_action_id=target.pk, kind=kind)
    return changes.create(session, link, actor, parent=source)


def list_actions(
    session: Session, plan_id: int | None = None, section_id: int | None = None
) -> list[Action]:
    query = select(Action).order_by(col(Action.position), col(Action.id))
    if plan_id is not None:
        query = query.where(Action.plan_id == plan_id)
    if section_id is not None:
        query = query.where(Action.section_id == section_id)
    return list(session.exec(query))


def is_late(action: Action, today: date | None = None) -> bool:
    """End date's period over and neither done nor abandoned, or marked late: an action due
    "summer 2018" is late from the first day of autumn."""
    if action.status == ActionStatus.LATE:
        return True
    today = today or date.today()
    end = dates.as_end(action.end_date, DatePrecision(action.end_date_precision))
    return end is not None and end < today and action.status not in CLOSED_STATUSES


def late_action_filter(today: date) -> Any:
    """The SQL condition for ``is_late``, for queries over many actions (end dates are
    stored as the last day of their period, ``with_periods``)."""
    return or_(
        col(Action.status) == ActionStatus.LATE,
        (col(Action.end_date) < today)
        & col(Action.status).not_in([s.value for s in CLOSED_STATUSES]),
    )
