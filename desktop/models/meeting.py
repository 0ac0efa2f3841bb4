"""Committees (steering, monitoring) and the report snapshots taken at them."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity, utcnow
from .enums import DecisionStatus, FollowUpStatus, MeetingKind
from .types import enum_column


class Meeting(Entity, table=True):
    __tablename__ = "meeting"

    territory_id: int = Field(foreign_key="territory.id", ondelete="CASCADE", index=True)
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="SET NULL")
    held_on: date
    kind: MeetingKind = Field(sa_column=enum_column(MeetingKind))
    title: str = Field(max_length=300)
    location: str = Field(default="", max_length=300)
    decisions: str = ""
    minutes: str = ""


class MeetingAttendee(Entity, table=True):
    __tablename__ = "meeting_attendee"

    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL"
    )
    function: str = Field(default="", max_length=200)


class MeetingAction(Entity, table=True):
    __tablename__ = "meeting_action"
    __table_args__ = (sa.UniqueConstraint("meeting_id", "action_id"),)

    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    note: str = ""


class MeetingAgendaItem(Entity, table=True):
    """An item of a committee's agenda (ordre du jour)."""

    __tablename__ = "meeting_agenda_item"

    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    title: str = Field(max_length=300)
    presenter: str = Field(default="", max_length=200)
    duration_minutes: int | None = None


class MeetingDecision(Entity, table=True):
    """A decision put to a committee or taken by it, and what became of it since."""

    __tablename__ = "meeting_decision"

    meeting_id: int = Field(foreign_key="meeting.id", ondelete="CASCADE", index=True)
    position: int = 0
    text: str
    status: DecisionStatus = Field(
        default=DecisionStatus.PROPOSED, sa_column=enum_column(DecisionStatus)
    )
    action_id: int | None = Field(
        default=None, foreign_key="action.id", ondelete="SET NULL", index=True
    )
    owner: str = Field(default="", max_length=200)
    due_on: date | None = None
    follow_up: FollowUpStatus = Field(
        default=FollowUpStatus.NOT_STARTED, sa_column=enum_column(FollowUpStatus)
    )
    follow_up_note: str = ""


class ReportSnapshot(Entity, table=True):
    """The state of a plan when a report was produced, so the next report can say what changed."""

    __tablename__ = "report_snapshot"

    meeting_id: int | None = Field(
        default=None, foreign_key="meeting.id", ondelete="SET NULL", index=True
    )
    plan_id: int | None = Field(default=None, foreign_key="plan.id", ondelete="CASCADE")
    kind: str = Field(max_length=40)
    taken_at: datetime = Field(default_factory=utcnow)
    # JSON text: statuses, budgets and indicator values at that moment.
    payload: str = Field(sa_type=sa.Text)
