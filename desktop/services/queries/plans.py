"""Plans and the committee meetings the report dialog and the plan choosers list."""

from __future__ import annotations

from sqlmodel import Session, col, select

from ...models import Meeting, Plan, Territory


def plans_by_title(session: Session) -> list[Plan]:
    return list(session.exec(select(Plan).order_by(col(Plan.title))))


def plan_choices(session: Session) -> list[tuple[int, str, str]]:
    """(id, title, territory's name) of every plan, by territory then title."""
    query = (
        select(Plan.id, Plan.title, Territory.name)
        .join(Territory, col(Territory.id) == col(Plan.territory_id))
        .order_by(col(Territory.name), col(Plan.title))
    )
    return [(i, title, name) for i, title, name in session.exec(query) if i is not None]


def territory_meetings(session: Session, territory_id: int | None) -> list[Meeting]:
    """The territory's committee meetings, the latest first (none without a territory)."""
    query = (
        select(Meeting)
        .where(Meeting.territory_id == territory_id)
        .order_by(col(Meeting.held_on).desc())
    )
    return list(session.exec(query))
