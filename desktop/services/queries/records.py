"""Single records by id or UUID, and the few small lists the window's forms choose from."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from sqlmodel import Session, col, select

from ...models import Action, Entity, Indicator, Observation, Organisation, Territory

E = TypeVar("E", bound=Entity)


def record(session: Session, model: type[E], record_id: int | None) -> E | None:
    """The record of ``model`` with this id, or None (no id, or deleted meanwhile)."""
    return session.get(model, record_id) if record_id is not None else None


def record_uuid(session: Session, model: type[Entity], record_id: int | None) -> str:
    """The record's UUID, or "" when there is none: what the window remembers across stores."""
    found = record(session, model, record_id)
    return found.uuid if found is not None else ""


def record_by_uuid(session: Session, model: type[E], uuid: str) -> E | None:
    if not uuid:
        return None
    return session.exec(select(model).where(model.uuid == uuid)).first()


def territory_names(session: Session, ids: set[int] | None = None) -> dict[int, str]:
    """Territories' names by id, by name; only ``ids`` when given."""
    query = select(Territory.id, Territory.name).order_by(col(Territory.name))
    if ids is not None:
        query = query.where(col(Territory.id).in_(ids))
    return {t_id: name for t_id, name in session.exec(query) if t_id is not None}


def organisation_names(session: Session) -> list[tuple[int, str]]:
    """(id, name) of every organisation, in the order of their normalised names."""
    query = select(Organisation.id, Organisation.name).order_by(col(Organisation.normalised_name))
    return [(o_id, name) for o_id, name in session.exec(query) if o_id is not None]


def first_organisation_id(session: Session) -> int | None:
    return session.exec(select(Organisation.id).order_by(col(Organisation.id))).first()


def indicators_by_code(session: Session) -> list[Indicator]:
    return list(session.exec(select(Indicator).order_by(col(Indicator.code))))


def action_id_by_code(session: Session, code: str, plan_id: int | None = None) -> int | None:
    """The first action with this code (in ``plan_id`` when given), or None."""
    query = select(Action.id).where(Action.code == code).order_by(col(Action.id))
    if plan_id is not None:
        query = query.where(Action.plan_id == plan_id)
    return session.exec(query).first()


def territories_with_values(session: Session, indicator_id: int | None) -> set[int]:
    """The territories holding at least one value of the indicator (none without one)."""
    if indicator_id is None:
        return set()
    query = select(Observation.territory_id).where(Observation.indicator_id == indicator_id)
    return set(session.exec(query.distinct()))


def ordered_records(session: Session, model: type[E], field: str) -> list[E]:
    """Every record of ``model``, ordered by ``field`` (what a choice list of them shows)."""
    return list(session.exec(select(model).order_by(col(getattr(model, field)))))


def child_records(
    session: Session, model: type[E], parent_field: str, parent_id: int, order_field: str
) -> list[E]:
    """The records of ``model`` hanging from one parent, in ``order_field`` then id order."""
    query = (
        select(model)
        .where(getattr(model, parent_field) == parent_id)
        .order_by(col(getattr(model, order_field)), col(model.id))
    )
    return list(session.exec(query))


def first_id(session: Session, model: type[Entity], exclude: Sequence[int] = ()) -> int | None:
    """The smallest id of ``model`` not in ``exclude`` (a default for a new child row)."""
    query = select(model.id).order_by(col(model.id))
    if exclude:
        query = query.where(col(model.id).not_in(list(exclude)))
    return session.exec(query).first()


def territory_count(session: Session) -> int:
    return len(session.exec(select(Territory.id)).all())
