"""What the action editor reads besides the action itself: the other actions of its plan it
can link to or merge with, and the organisations it can name."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...models import Action, Organisation


def other_actions(session: Session, action: Action) -> list[tuple[int, str, str]]:
    """(id, code, title) of the other actions of the action's plan, by code ("2" before "10")."""
    query = (
        select(Action.id, Action.code, Action.title)
        .where(Action.plan_id == action.plan_id, Action.id != action.id)
        .order_by(func.length(Action.code), col(Action.code))
    )
    return [(i, code, title) for i, code, title in session.exec(query) if i is not None]


def organisations_by_name(session: Session) -> list[Organisation]:
    return list(session.exec(select(Organisation).order_by(col(Organisation.normalised_name))))


def action_in_plan_by_code(session: Session, plan_id: int, code: str) -> Action | None:
    query = select(Action).where(Action.code == code, Action.plan_id == plan_id)
    return session.exec(query).first()
