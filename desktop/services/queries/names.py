"""Names by id and small reference lists: what a sheet or an export prints beside an id."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ...models import Organisation, Plan, Section, StoreSetting, Territory


def names_by_id(session: Session, model: Any, column: str = "name") -> dict[int, str]:
    """``column`` (the name, a plan's title) of every record of ``model`` by id."""
    query = sa.select(model.id, getattr(model, column))
    return {row[0]: row[1] for row in session.execute(query)}


def territories_by_id(session: Session) -> dict[int, Territory]:
    return {t.pk: t for t in session.exec(select(Territory))}


def sections_by_id(session: Session) -> dict[int, Section]:
    return {s.id: s for s in session.exec(select(Section)) if s.id is not None}


def organisations_by_name(session: Session) -> list[Organisation]:
    return list(session.exec(select(Organisation).order_by(col(Organisation.normalised_name))))


def plan_or_first(session: Session, plan_id: int | None) -> Plan | None:
    """The plan of this id, or the first plan entered when none is given."""
    if plan_id:
        return session.get(Plan, plan_id)
    return session.exec(select(Plan).order_by(col(Plan.id))).first()


def store_settings_by_key(session: Session) -> list[StoreSetting]:
    return list(session.exec(select(StoreSetting).order_by(col(StoreSetting.key))))
