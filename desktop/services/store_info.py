"""Counts of what a store holds (``pcaet info``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from ..models import (
    Action,
    BudgetLine,
    Contract,
    Indicator,
    Meeting,
    Observation,
    Organisation,
    Plan,
    Section,
    Target,
    Territory,
)

COUNTED: dict[str, Any] = {
    "territories": Territory,
    "plans": Plan,
    "sections": Section,
    "actions": Action,
    "indicators": Indicator,
    "observations": Observation,
    "targets": Target,
    "contracts": Contract,
    "organisations": Organisation,
    "budget_lines": BudgetLine,
    "meetings": Meeting,
}


def counts(session: Session) -> dict[str, int]:
    return {
        name: int(session.exec(select(func.count()).select_from(model)).one())
        for name, model in COUNTED.items()
    }


def is_empty(session: Session) -> bool:
    return session.exec(select(Territory.id).limit(1)).first() is None
