"""Actions and what hangs from them: what the workbook, the TeT export and the window list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from ...models import (
    Action,
    ActionIndicator,
    ActionLink,
    ActionPartner,
    ActionTag,
    Indicator,
)

R = TypeVar("R")


def action_codes(session: Session) -> dict[int, str]:
    """Every action's code by id."""
    query = sa.select(col(Action.id), col(Action.code))
    return {row[0]: row[1] for row in session.execute(query)}


def action_codes_and_titles(session: Session) -> dict[int, tuple[str, str]]:
    """Every action's (code, title) by id."""
    query = sa.select(col(Action.id), col(Action.code), col(Action.title))
    return {row[0]: (row[1], row[2]) for row in session.execute(query)}


def partner_ids_by_action(session: Session) -> dict[int, list[int]]:
    """The organisations partnering each action, as stored."""
    found: dict[int, list[int]] = defaultdict(list)
    for partner in session.exec(select(ActionPartner)):
        found[partner.action_id].append(partner.organisation_id)
    return found


def tags_by_action(session: Session) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for tag in session.exec(select(ActionTag)):
        found[tag.action_id].append(tag.label)
    return found


def actions_in_plan_order(session: Session) -> Iterator[Action]:
    """Every action of every plan, by plan then position."""
    query = select(Action).order_by(col(Action.plan_id), col(Action.position), col(Action.id))
    return iter(session.exec(query))


def plan_actions(session: Session, plan_id: int | None) -> list[Action]:
    """The plan's actions (sub-actions too) by position."""
    query = select(Action).where(Action.plan_id == plan_id).order_by(col(Action.position))
    return list(session.exec(query))


def records_of_actions(
    session: Session, model: type[R], action_ids: Iterable[int | None]
) -> list[R]:
    """The records of ``model`` (partners, fundings, budget lines, notes...) of these actions."""
    column: Any = model.action_id  # type: ignore[attr-defined]
    return list(session.exec(select(model).where(col(column).in_(list(action_ids)))))


def indicator_names_of_actions(
    session: Session, action_ids: Iterable[int | None]
) -> list[tuple[int, str]]:
    """(action id, indicator name) of each indicator the actions follow."""
    query = (
        select(ActionIndicator.action_id, Indicator.name)
        .join(Indicator, col(Indicator.id) == col(ActionIndicator.indicator_id))
        .where(col(ActionIndicator.action_id).in_(list(action_ids)))
    )
    return [(action_id, name) for action_id, name in session.exec(query)]


def links_from_actions(session: Session, action_ids: Iterable[int | None]) -> list[ActionLink]:
    query = select(ActionLink).where(col(ActionLink.source_action_id).in_(list(action_ids)))
    return list(session.exec(query))


def other_actions(session: Session, action: Action) -> list[tuple[int, str, str]]:
    """(id, code, title) of the other actions of the action's plan, by code ("2" before "10")."""
    query = (
        select(Action.id, Action.code, Action.title)
        .where(Action.plan_id == action.plan_id, Action.id != action.id)
        .order_by(func.length(Action.code), col(Action.code))
    )
    return [(i, code, title) for i, code, title in session.exec(query) if i is not None]


def action_in_plan_by_code(session: Session, plan_id: int, code: str) -> Action | None:
    query = select(Action).where(Action.code == code, Action.plan_id == plan_id)
    return session.exec(query).first()
