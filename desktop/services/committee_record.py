"""The record of a committee as its report reads it: agenda, attendees, the decisions put to it,
and what became of the decisions of the previous committee of the same plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ..models import (
    Action,
    DecisionStatus,
    FollowUpStatus,
    Meeting,
    MeetingAgendaItem,
    MeetingDecision,
)
from . import changes
from .changes import Actor
from .meetings import attendees
from .validation import check_not_blank


@dataclass(frozen=True)
class DecisionRow:
    text: str
    status: DecisionStatus
    action: str  # "code title" of the action it concerns, or ""
    owner: str
    due_on: date | None
    follow_up: FollowUpStatus
    follow_up_note: str


@dataclass(frozen=True)
class AttendeeRow:
    name: str
    organisation: str
    function: str


@dataclass
class MeetingRecord:
    meeting: Meeting
    agenda: list[MeetingAgendaItem] = field(default_factory=list)
    attendees: list[AttendeeRow] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    previous: Meeting | None = None
    previous_decisions: list[DecisionRow] = field(default_factory=list)
    next_meeting: Meeting | None = None

    @property
    def to_decide(self) -> list[DecisionRow]:
        """The decisions put to this committee (décisions à prendre)."""
        return [d for d in self.decisions if d.status == DecisionStatus.PROPOSED]


def add_agenda_item(
    session: Session, actor: Actor, meeting: Meeting, title: str, **fields: Any
) -> MeetingAgendaItem:
    item = MeetingAgendaItem(meeting_id=meeting.pk, title=check_not_blank(title, "title"), **fields)
    return changes.create(session, item, actor, parent=meeting)


def add_decision(
    session: Session, actor: Actor, meeting: Meeting, text: str, **fields: Any
) -> MeetingDecision:
    decision = MeetingDecision(meeting_id=meeting.pk, text=check_not_blank(text, "text"), **fields)
    return changes.create(session, decision, actor, parent=meeting)


def _plan_meetings(session: Session, meeting: Meeting) -> Any:
    query = select(Meeting).where(Meeting.territory_id == meeting.territory_id)
    if meeting.plan_id is not None:
        query = query.where(Meeting.plan_id == meeting.plan_id)
    return query.where(col(Meeting.id) != meeting.id)


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The latest committee of the same plan held before this one."""
    found: Meeting | None = session.exec(
        _plan_meetings(session, meeting)
        .where(col(Meeting.held_on) < meeting.held_on)
        .order_by(col(Meeting.held_on).desc(), col(Meeting.id).desc())
    ).first()
    return found


def next_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    found: Meeting | None = session.exec(
        _plan_meetings(session, meeting)
        .where(col(Meeting.held_on) > meeting.held_on)
        .order_by(col(Meeting.held_on), col(Meeting.id))
    ).first()
    return found


def decisions(session: Session, meeting_id: int) -> list[DecisionRow]:
    rows = session.exec(
        select(MeetingDecision, Action)
        .outerjoin(Action, col(Action.id) == col(MeetingDecision.action_id))
        .where(MeetingDecision.meeting_id == meeting_id)
        .order_by(col(MeetingDecision.position), col(MeetingDecision.id))
    )
    return [
        DecisionRow(
            text=d.text,
            status=DecisionStatus(d.status),
            action=f"{a.code} {a.title}".strip() if a is not None else "",
            owner=d.owner,
            due_on=d.due_on,
            follow_up=FollowUpStatus(d.follow_up),
            follow_up_note=d.follow_up_note,
        )
        for d, a in rows
    ]


def meeting_record(session: Session, meeting: Meeting) -> MeetingRecord:
    record = MeetingRecord(meeting)
    meeting_id = meeting.pk
    record.agenda = list(
        session.exec(
            select(MeetingAgendaItem)
            .where(MeetingAgendaItem.meeting_id == meeting_id)
            .order_by(col(MeetingAgendaItem.position), col(MeetingAgendaItem.id))
        )
    )
    record.attendees = [
        AttendeeRow(a.name, o.name if o is not None else "", a.function)
        for a, o in attendees(session, meeting_id)
    ]
    record.decisions = decisions(session, meeting_id)
    record.previous = previous_meeting(session, meeting)
    if record.previous is not None:
        record.previous_decisions = [
            d for d in decisions(session, record.previous.pk) if d.status == DecisionStatus.TAKEN
        ]
    record.next_meeting = next_meeting(session, meeting)
    return record
