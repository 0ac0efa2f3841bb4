"""The change log of one record, as its history tab shows it."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import Session, col, select

from ...models import ChangeLog


def record_history(session: Session, uuid: str, limit: int) -> list[ChangeLog]:
    """The latest ``limit`` changes of the record and of what hangs from it, latest first."""
    query = (
        select(ChangeLog)
        .where(or_(col(ChangeLog.entity_uuid) == uuid, col(ChangeLog.parent_uuid) == uuid))
        .order_by(col(ChangeLog.at).desc(), col(ChangeLog.id).desc())
        .limit(limit)
    )
    return list(session.exec(query))
