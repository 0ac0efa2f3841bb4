"""Committees: meetings, their attendees, decisions and the actions they discussed."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from ..models import Action, Meeting, MeetingAction, MeetingAttendee, MeetingKind, Organisation
from . import changes
from .changes import Actor
from .validation import check_not_blank


def create_meeting(
    session: Session,
    actor: Actor,
    *,
    territory_id: int,
    held_on: date,
    title: str,
    kind: MeetingKind = MeetingKind.STEERING,
    **fields: Any,
) -> Meeting:
    meeting = Meeting(
        territory_id=territory_id,
        held_on=held_on,
        title=check_not_blank(title, "title"),
        kind=kind,
        **fields,
    )
    return changes.create(session, meeting, actor)


def list_meetings(session: Session, territory_id: int | None = None) -> list[Meeting]:
    query = select(Meeting).order_by(col(Meeting.held_on).desc(), col(Meeting.id))
    if territory_id is not None:
        query = query.where(Meeting.territory_id == territory_id)
    return list(session.exec(query))


def add_attendee(
    session: Session,
    actor: Actor,
    meeting: Meeting,
    name: str,
    *,
    organisation_id: int | None = None,
    function: str = "",
) -> MeetingAttendee:
    attendee = MeetingAttendee(
        meeting_id=meeting.pk,
        name=check_not_blank(name, "name"),
        organisation_id=organisation_id,
        function=function,
    )
    return changes.create(session, attendee, actor, parent=meeting)


def attendees(
    session: Session, meeting_id: int
) -> list[tuple[MeetingAttendee, Organisation | None]]:
    return [
        (attendee, organisation)
        for attendee, organisation in session.exec(
            select(MeetingAttendee, Organisation)
            .outerjoin(Organisation, col(Organisation.id) == col(MeetingAttendee.organisation_id))
            .where(MeetingAttendee.meeting_id == meeting_id)
            .order_by(col(MeetingAttendee.name))
        )
    ]


def link_action(
    session: Session, actor: Actor, meeting: Meeting, action_id: int, note: str = ""
) -> MeetingAction:
    link = MeetingAction(meeting_id=meeting.pk, action_id=action_id, note=note)
    return changes.create(session, link, actor, parent=meeting)


def linked_actions(session: Session, meeting_id: int) -> list[tuple[MeetingAction, Action]]:
    return [
        (link, action)
        for link, action in session.exec(
            select(MeetingAction, Action)
            .join(Action, col(Action.id) == col(MeetingAction.action_id))
            .where(MeetingAction.meeting_id == meeting_id)
            .order_by(col(Action.code), col(Action.id))
        )
    ]
