"""Progress of an action plan: actions by status and section, late actions, budget by section
and currency, and the rows of the timeline. Counts and sums are done by the database."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from ..models import Action, ActionStatus, BudgetLine, BudgetScenario, BudgetState, Section
from . import store_settings
from .actions import late_action_filter
from .plans import section_tree

# Amounts are summed in the database as integers of 1/10 000 so totals stay exact for amounts
# with up to four decimals (SQLite would otherwise add binary floats).
_SCALE = 10_000
STATUS_ORDER = tuple(ActionStatus)


@dataclass(frozen=True)
class StatusCounts:
    by_status: dict[ActionStatus, int]
    late: int

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def _top_level(plan_id: int | None) -> list[Any]:
    conditions: list[Any] = [col(Action.parent_id).is_(None)]
    if plan_id is not None:
        conditions.append(Action.plan_id == plan_id)
    return conditions


def status_counts(
    session: Session,
    plan_id: int | None,
    *,
    today: date | None = None,
    section_ids: Collection[int] | None = None,
    action_ids: Collection[int] | None = None,
) -> StatusCounts:
    """Actions (not sub-actions) by status, and how many are late on ``today`` (end date
    passed, not done). The one count of actions: the dashboard, the action list, the reports
    and the workbook all print it. ``section_ids`` keeps the actions of those sections;
    ``action_ids`` those among the given ones (the rows a filtered list shows)."""
    today = today or date.today()
    where = _top_level(plan_id)
    if section_ids is not None:
        where.append(col(Action.section_id).in_(sorted(section_ids)))
    if action_ids is not None:
        where.append(col(Action.id).in_(sorted(action_ids)))
    rows = session.exec(
        select(Action.status, sa.func.count()).where(*where).group_by(Action.status)
    ).all()
    late = session.exec(
        select(sa.func.count()).select_from(Action).where(*where, late_action_filter(today))
    ).one()
    counts = {status: 0 for status in STATUS_ORDER}
    for status, count in rows:
        counts[ActionStatus(status)] = int(count)
    return StatusCounts(counts, int(late))


@dataclass(frozen=True)
class SectionRow:
    """A top-level section of the plan (or "no section", id None) with its rolled-up figures."""

    section_id: int | None
    code: str
    title: str


def _top_sections(session: Session, plan_id: int) -> tuple[list[SectionRow], dict[int, int]]:
    """The plan's top-level sections, and each section id mapped to its top-level ancestor."""
    rows: list[SectionRow] = []
    ancestor: dict[int, int] = {}
    for root in section_tree(session, plan_id):
        assert root.section.id is not None
        rows.append(SectionRow(root.section.id, root.section.code, root.section.title))
        for _depth, section in root.walk():
            assert section.id is not None
            ancestor[section.id] = root.section.id
    return rows, ancestor


@dataclass(frozen=True)
class SectionStatusCounts:
    sections: list[SectionRow]
    # counts[section_id][status]
    counts: dict[int | None, dict[ActionStatus, int]]


def status_by_section(session: Session, plan_id: int) -> SectionStatusCounts:
    rows = session.exec(
        select(Action.section_id, Action.status, sa.func.count())
        .where(*_top_level(plan_id))
        .group_by(col(Action.section_id), col(Action.status))
    ).all()
    sections, ancestor = _top_sections(session, plan_id)
    counts: dict[int | None, dict[ActionStatus, int]] = defaultdict(lambda: defaultdict(int))
    for section_id, status, count in rows:
        top = ancestor.get(section_id) if section_id is not None else None
        counts[top][ActionStatus(status)] += int(count)
    if None in counts:
        sections = [*sections, SectionRow(None, "", "")]
    return SectionStatusCounts(sections, {k: dict(v) for k, v in counts.items()})


@dataclass(frozen=True)
class ConvertedTotal:
    """A total in one currency of amounts in several, with the rates used to get it."""

    currency: str
    amount: Decimal
    # currency -> (rate, as of, source) for each converted currency
    rates: dict[str, tuple[Decimal, str, str]]
    # currencies with amounts but no rate to ``currency`` (left out of the total)
    missing: list[str]


@dataclass(frozen=True)
class BudgetBySection:
    sections: list[SectionRow]
    # amounts[section_id][unit] (units: EUR, GBP, FTE...)
    amounts: dict[int | None, dict[str, Decimal]]
    totals: dict[str, Decimal]
    non_numeric: int
    converted: ConvertedTotal | None

    @property
    def units(self) -> list[str]:
        return sorted(self.totals, key=lambda u: (-self.totals[u], u))


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.upper() != "FTE"


def budget_by_section(
    session: Session,
    plan_id: int,
    *,
    scenario: BudgetScenario = BudgetScenario.FORECAST,
    into: str = "EUR",
) -> BudgetBySection:
    """Budget lines of the plan's actions summed by top-level section and unit.

    Units are never added together; when the settings hold rates to ``into`` for every other
    currency, ``converted`` also gives one total and the rates it used.
    """
    scaled = sa.cast(sa.func.round(sa.cast(BudgetLine.amount, sa.Float) * _SCALE), sa.BigInteger)
    # One pass: amounts and the count of lines without a number (state) together.
    is_amount = col(BudgetLine.state) == BudgetState.AMOUNT
    rows = session.execute(
        sa.select(
            col(Action.section_id),
            col(BudgetLine.unit),
            sa.func.sum(sa.case((is_amount, scaled), else_=0)),
            sa.func.sum(sa.case((is_amount, 1), else_=0)),
            sa.func.sum(sa.case((is_amount, 0), else_=1)),
        )
        .join(Action, col(Action.id) == col(BudgetLine.action_id))
        .where(col(Action.plan_id) == plan_id, col(BudgetLine.scenario) == scenario)
        .group_by(col(Action.section_id), col(BudgetLine.unit))
    ).all()
    sections, ancestor = _top_sections(session, plan_id)
    amounts: dict[int | None, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    totals: dict[str, Decimal] = defaultdict(Decimal)
    non_numeric = 0
    for section_id, unit, total, with_number, without_number in rows:
        non_numeric += int(without_number or 0)
        if not with_number:  # only lines such as "to be defined" in this unit
            continue
        top = ancestor.get(section_id) if section_id is not None else None
        amount = Decimal(int(total)) / _SCALE
        amounts[top][unit] += amount
        totals[unit] += amount
    if None in amounts:
        sections = [*sections, SectionRow(None, "", "")]
    return BudgetBySection(
        sections,
        {k: dict(v) for k, v in amounts.items()},
        dict(totals),
        int(non_numeric),
        convert_totals(session, dict(totals), into),
    )


def convert_totals(
    session: Session, totals: dict[str, Decimal], into: str
) -> ConvertedTotal | None:
    """One total in ``into`` when at least one other currency has a rate; None when every
    amount is already in ``into`` or no rate is set."""
    currencies = {u: a for u, a in totals.items() if is_currency(u)}
    others = [u for u in currencies if u.upper() != into.upper()]
    if not others:
        return None
    settings = store_settings.get(session, store_settings.CURRENCY_RATES) or {}
    rates: dict[str, tuple[Decimal, str, str]] = {}
    missing: list[str] = []
    amount = currencies.get(into, Decimal(0))
    for unit in sorted(others):
        entry = settings.get(unit) or {}
        rate_text = entry.get(into) if isinstance(entry, dict) else None
        if rate_text is None:
            missing.append(unit)
            continue
        rate = Decimal(str(rate_text))
        rates[unit] = (rate, str(entry.get("as_of", "")), str(entry.get("source", "")))
        amount += currencies[unit] * rate
    if not rates:
        return None
    return ConvertedTotal(into, amount.quantize(Decimal("0.01")), rates, missing)


@dataclass(frozen=True)
class TimelineRow:
    action_id: int
    code: str
    title: str
    section_id: int | None
    status: ActionStatus
    start: date | None
    end: date | None
    late: bool


@dataclass(frozen=True)
class Timeline:
    sections: list[SectionRow]
    rows: list[TimelineRow]  # grouped by top-level section, in plan order
    today: date


def timeline(session: Session, plan_id: int, *, today: date | None = None) -> Timeline:
    """Actions with dates, grouped by top-level section in plan order; late ones flagged."""
    today = today or date.today()
    late = late_action_filter(today)
    # sqlalchemy's select: sqlmodel's typed overloads stop at four columns.
    rows = session.execute(
        sa.select(
            col(Action.id),
            col(Action.code),
            col(Action.title),
            col(Action.section_id),
            col(Action.status),
            col(Action.start_date),
            col(Action.end_date),
            late,
        )
        .where(
            *_top_level(plan_id),
            sa.or_(col(Action.start_date).is_not(None), col(Action.end_date).is_not(None)),
        )
        .order_by(col(Action.position), col(Action.id))
    ).all()
    sections, ancestor = _top_sections(session, plan_id)
    grouped: dict[int | None, list[TimelineRow]] = defaultdict(list)
    for action_id, code, title, section_id, status, start, end, is_late in rows:
        top = ancestor.get(section_id) if section_id is not None else None
        grouped[top].append(
            TimelineRow(
                action_id, code, title, top, ActionStatus(status), start, end, bool(is_late)
            )
        )
    if None in grouped:
        sections = [*sections, SectionRow(None, "", "")]
    ordered = [row for s in sections for row in grouped.get(s.section_id, [])]
    return Timeline([s for s in sections if grouped.get(s.section_id)], ordered, today)


def section_titles(session: Session, plan_id: int) -> dict[int, str]:
    return {
        s.id: s.title
        for s in session.exec(select(Section).where(Section.plan_id == plan_id))
        if s.id is not None
    }
