"""Search the whole store from one field: actions (by code, title or lead), indicators (code or
name), organisations (name or acronym), committees (title or date), COTRI contracts and
territories. Every word typed must appear, accents and case ignored; an exact code comes
first. Read-only, and quick on a store of 10,000 actions (a few columns, one query each)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Action, Contract, Indicator, Meeting, Organisation, Plan, Territory
from .text import fold, natural_key, short_name

# The kinds of records found, in the order their groups are listed.
KINDS = ("action", "indicator", "organisation", "meeting", "contract", "territory")


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    record_id: int
    code: str
    title: str
    detail: str = ""  # where it belongs: the plan of an action, the date of a committee
    plan_id: int | None = None
    territory_id: int | None = None
    rank: int = 2  # 0: the code typed exactly, 1: a code starting so, 2: words found


_WORD = re.compile(r"\w+")


def matches(query: str, *texts: str) -> bool:
    """Every word typed starts a word of the texts ("vélo" finds "vélos", not
    "développer"); a word with punctuation ("PB-3") is looked for as it is."""
    folded = [fold(t) for t in texts if t]
    words = {w for text in folded for w in _WORD.findall(text)}
    for typed in fold(query).split():
        if _WORD.fullmatch(typed):
            if not any(w.startswith(typed) for w in words):
                return False
        elif not any(typed in text for text in folded):
            return False
    return True


def _id(value: int | None) -> int:
    assert value is not None  # read from the store: every row has its id
    return value


def _rank(query: str, code: str) -> int:
    typed, code = fold(query.strip()), fold(code)
    if code and typed == code:
        return 0
    return 1 if code and code.startswith(typed) else 2


def search_store(session: Session, query: str, *, per_kind: int = 15) -> list[Hit]:
    """The records matching every word of ``query``, by kind, best first within a kind (at
    most ``per_kind`` of each)."""
    if not query.strip():
        return []
    hits: list[Hit] = []
    plans = {p.id: (p.title, p.territory_id) for p in session.exec(select(Plan))}
    rows: Any = session.execute(
        sa.select(
            col(Action.id),
            col(Action.code),
            col(Action.title),
            col(Action.lead_person),
            col(Action.plan_id),
        )
    )
    for action_id, code, title, lead, plan_id in rows:
        if matches(query, code, title, lead or ""):
            plan_title, territory_id = plans.get(plan_id, ("", None))
            hits.append(
                Hit(
                    "action",
                    int(action_id),
                    code,
                    title,
                    plan_title,
                    plan_id,
                    territory_id,
                    _rank(query, code),
                )
            )
    for indicator_id, code, name, unit in session.exec(
        select(col(Indicator.id), col(Indicator.code), col(Indicator.name), col(Indicator.unit))
    ):
        if matches(query, code, name):
            hits.append(
                Hit("indicator", _id(indicator_id), code, name, unit, rank=_rank(query, code))
            )
    for org_id, name, acronym in session.exec(
        select(col(Organisation.id), col(Organisation.name), col(Organisation.acronym))
    ):
        if matches(query, name, acronym):
            hits.append(Hit("organisation", _id(org_id), acronym, name, rank=_rank(query, acronym)))
    for meeting_id, title, held_on, territory_id in session.exec(
        select(
            col(Meeting.id), col(Meeting.title), col(Meeting.held_on), col(Meeting.territory_id)
        ).order_by(col(Meeting.held_on).desc())
    ):
        if matches(query, title, held_on.isoformat(), held_on.strftime("%d/%m/%Y")):
            hits.append(
                Hit(
                    "meeting",
                    _id(meeting_id),
                    "",
                    title,
                    held_on.isoformat(),
                    territory_id=territory_id,
                )
            )
    for contract_id, title, start, end in session.exec(
        select(
            col(Contract.id),
            col(Contract.title),
            col(Contract.period_start),
            col(Contract.period_end),
        )
    ):
        if matches(query, title):
            hits.append(Hit("contract", _id(contract_id), "", title, f"{start}–{end}"))
    for territory in session.exec(select(Territory)):
        if matches(query, territory.name, short_name(territory.name), territory.siren or ""):
            hits.append(
                Hit(
                    "territory",
                    territory.pk,
                    territory.siren or "",
                    short_name(territory.name),
                    territory.name,
                    territory_id=territory.pk,
                    rank=_rank(query, territory.siren or ""),
                )
            )
    order = {kind: index for index, kind in enumerate(KINDS)}
    hits.sort(key=lambda h: (order[h.kind], h.rank, natural_key(h.code), fold(h.title)))
    kept: dict[str, int] = {}
    result = []
    for hit in hits:
        kept[hit.kind] = kept.get(hit.kind, 0) + 1
        if kept[hit.kind] <= per_kind:
            result.append(hit)
    return result
