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
    """Counts by stage at each past committee of the plan (or of its territory) and today.

    The database counts the actions by current status (one GROUP BY per point); only the
    actions whose status changed after a point are corrected in Python, with the old value of
    their first later change. A plan of 10,000 actions costs a few queries, not 10,000 rows.
    """
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
    top_level = (col(Action.plan_id) == plan_id, col(Action.parent_id).is_(None))
    # Actions with a status change: their changes, current status and creation time.
    changed: dict[int, tuple[list[datetime], list[str | None], str, datetime]] = {}
    rows = session.execute(
        sa.select(
            col(ChangeLog.entity_id),
            col(ChangeLog.at),
            col(ChangeLog.old_value),
            col(Action.status),
            col(Action.created_at),
        )
        .join(Action, col(Action.id) == col(ChangeLog.entity_id))
        .where(
            col(ChangeLog.entity) == "action",
            col(ChangeLog.kind) == ChangeKind.UPDATE,
            col(ChangeLog.field) == "status",
            *top_level,
        )
        .order_by(col(ChangeLog.at), col(ChangeLog.id))
    ).all()
    for action_id, at, old, status, created_at in rows:
        entry = changed.setdefault(int(action_id), ([], [], str(status), _aware(created_at)))
        entry[0].append(_aware(at))
        entry[1].append(old)
    points = []
    for held_on, title in [*meetings, (today, "")]:
        limit = _end_of(held_on)
        by_status: dict[str, int] = defaultdict(int)
        for status, count in session.execute(
            sa.select(col(Action.status), sa.func.count())
            .where(*top_level, col(Action.created_at) < limit)
            .group_by(col(Action.status))
        ):
            by_status[str(status)] += int(count)
        for moments, olds, status, created_at in changed.values():
            if created_at >= limit:
                continue
            index = bisect.bisect_left(moments, limit)
            if index < len(moments):  # changed after that day: it was then its old value
                by_status[status] -= 1
                by_status[olds[index] or ""] += 1
        counts = dict.fromkeys(Stage, 0)
        for status, count in by_status.items():
            try:
                stage = STAGE_OF[ActionStatus(status)]
            except ValueError:  # a status value this version does not know
                stage = None
            if stage is not None:
                counts[stage] += count
        points.append(ProgressPoint(held_on, title, counts))
    return points
