"""Plan progress over time: the share of actions done, in progress and to come at each past
committee and today, rebuilt from the change log.

The status of an action on a day is the old value of its first status change after that day,
or its current status when it has not changed since; an action created after that day does not
count yet.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Action, ActionStatus, ChangeKind, ChangeLog, Meeting, Plan


class Stage(StrEnum):
    DONE = "done"
    IN_PROGRESS = "in_progress"
    TO_COME = "to_come"


# Abandoned actions leave the denominator: a plan is not less advanced for dropping an action.
STAGE_OF: dict[ActionStatus, Stage | None] = {
    ActionStatus.DONE: Stage.DONE,
    ActionStatus.IN_PROGRESS: Stage.IN_PROGRESS,
    ActionStatus.LATE: Stage.IN_PROGRESS,
    ActionStatus.PAUSED: Stage.IN_PROGRESS,
    ActionStatus.BLOCKED: Stage.IN_PROGRESS,
    ActionStatus.TO_COME: Stage.TO_COME,
    ActionStatus.TO_DISCUSS: Stage.TO_COME,
    ActionStatus.ABANDONED: None,
}


@dataclass(frozen=True)
class ProgressPoint:
    day: date
    label: str  # the committee's title, or "" for today
    counts: dict[Stage, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def share(self, stage: Stage) -> float:
        return self.counts[stage] / self.total if self.total else 0.0


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def progress_over_time(
    session: Session, plan_id: int, *, today: date | None = None
) -> list[ProgressPoint]:
    today = today or date.today()
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise LookupError(plan_id)
    meetings = session.exec(
        select(col(Meeting.held_on), col(Meeting.title))
        .where(
            Meeting.territory_id == plan.territory_id,
            sa.or_(col(Meeting.plan_id) == plan_id, col(Meeting.plan_id).is_(None)),
            Meeting.held_on < today,
        )
        .order_by(col(Meeting.held_on))
    ).all()
    actions = session.exec(
        select(Action.id, Action.status, Action.created_at).where(
            Action.plan_id == plan_id, col(Action.parent_id).is_(None)
        )
    ).all()
    ids = [a[0] for a in actions]
    changes: dict[int, tuple[list[datetime], list[str | None]]] = defaultdict(lambda: ([], []))
    if ids:
        rows = session.exec(
            select(ChangeLog.entity_id, ChangeLog.at, ChangeLog.old_value)
            .where(
                ChangeLog.entity == "action",
                ChangeLog.kind == ChangeKind.UPDATE,
                ChangeLog.field == "status",
                col(ChangeLog.entity_id).in_(ids),
            )
            .order_by(col(ChangeLog.at), col(ChangeLog.id))
        ).all()
        for action_id, at, old in rows:
            moments, olds = changes[int(action_id or 0)]
            moments.append(_aware(at))
            olds.append(old)
    points = []
    for held_on, title in [*meetings, (today, "")]:
        limit = _end_of(held_on)
        counts = dict.fromkeys(Stage, 0)
        for action_id, status, created_at in actions:
            if _aware(created_at) >= limit:
                continue
            moments, olds = changes.get(int(action_id or 0), ([], []))
            index = bisect.bisect_left(moments, limit)
            then = olds[index] if index < len(moments) else status
            try:
                stage = STAGE_OF[ActionStatus(then)] if then is not None else None
            except ValueError:  # a status value this version does not know
                stage = None
            if stage is not None:
                counts[stage] += 1
        points.append(ProgressPoint(held_on, title, counts))
    return points
