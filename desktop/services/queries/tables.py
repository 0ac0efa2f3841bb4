"""Whole tables as stored, streamed: what the workbook's hidden data sheets hold."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col

# Rows fetched at a time (a whole observatory holds millions).
BATCH = 20_000


def uuids_by_id(session: Session, model: Any) -> dict[int, str]:
    """Every record's UUID by id."""
    query = sa.select(col(model.id), col(model.uuid))
    return {row[0]: row[1] for row in session.execute(query)}


def stored_rows(session: Session, model: Any, fields: Sequence[str]) -> Iterator[Any]:
    """(uuid, *fields) of every record of ``model`` in the order entered, streamed."""
    table = model.__table__
    query = sa.select(table.c.uuid, *(table.c[n] for n in fields)).order_by(table.c.id)
    return iter(session.execute(query.execution_options(yield_per=BATCH)))
