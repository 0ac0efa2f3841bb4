"""Everything a report shows, gathered from the store without Qt, so the PDF code only lays out.

The on-track status, the trajectory and the COTRI achievement are computed here in their
simplest form (linear trajectory between the reference value and the targets, thresholds from
the store settings) because the analysis service of the charts work is not there to ask.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..models import (
    Action,
    ActionIndicator,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    BudgetScenario,
    BudgetState,
    Funding,
    Indicator,
    Meeting,
    Organisation,
    Plan,
    Section,
    Territory,
)
from . import store_settings
from .actions import is_late
from .kinds import REPORT_KINDS
from .plans import flat_sections
from .report_indicators import (
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    SLIGHTLY_BEHIND,
    CotriLine,
    IndicatorBlock,
    SectorShare,
    TargetPoint,
    ValuePoint,
    cotri_lines,
    emissions_by_sector,
    indicator_blocks,
    source_list,
    to_decimal,
)

__all__ = [
    "NO_DATA",
    "OFF_TRACK",
    "ON_TRACK",
    "SLIGHTLY_BEHIND",
    "ActionRow",
    "BudgetSummary",
    "CotriLine",
    "IndicatorBlock",
    "ReportData",
    "ReportDataError",
    "ReportOptions",
    "SectionBlock",
    "SectorShare",
    "TargetPoint",
    "ValuePoint",
    "gather",
]


class ReportDataError(ValueError):
    """The store holds nothing to report on (no territory, unknown plan or meeting)."""


@dataclass(frozen=True)
class ReportOptions:
    kind: str = "committee"
    language: str = "fr"
    plan_id: int | None = None
    meeting_id: int | None = None
    # Codes of the sections to include (a section includes its sub-sections); empty: all.
    section_codes: tuple[str, ...] = ()
    # Years of indicator values and budget lines shown; None: no bound.
    period_start: int | None = None
    period_end: int | None = None
    include_action_sheets: bool = True
    include_charts: bool = True
    today: date | None = None


@dataclass
class ActionRow:
    """An action (its fields on ``action``) with what the report adds: lead's name, lateness,
    forecast budget per unit, partners, fundings and indicators."""

    action: Action
    lead: str
    late: bool
    # Amounts per unit (EUR, GBP, FTE) of the forecast budget lines.
    budget: dict[str, Decimal] = field(default_factory=dict)
    # Non-numeric budget states written for the action ("to be defined"...).
    budget_states: list[BudgetState] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    # (funder, amount, currency, programme or text)
    fundings: list[tuple[str, Decimal | None, str, str]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)

    @property
    def status(self) -> ActionStatus:
        return ActionStatus(self.action.status)


@dataclass
class SectionBlock:
    id: int
    code: str
    title: str
    depth: int
    description: str
    actions: list[ActionRow] = field(default_factory=list)


@dataclass(frozen=True)
class BudgetSummary:
    amounts: dict[str, Decimal]
    non_numeric: dict[BudgetState, int]
    converted_total: Decimal | None
    converted_currency: str
    # (currency, rate, as of, source) used for the converted total.
    rates_used: tuple[tuple[str, Decimal, str, str], ...]
    missing_rates: tuple[str, ...]


@dataclass
class ReportData:
    options: ReportOptions
    generated_at: datetime
    today: date
    territory: Territory
    plan: Plan | None
    meeting: Meeting | None
    sections: list[SectionBlock]
    unsectioned: list[ActionRow]
    status_counts: dict[ActionStatus, int]
    late_actions: list[ActionRow]
    budget: BudgetSummary
    indicators: list[IndicatorBlock]
    cotri: list[CotriLine]
    cotri_overall: dict[str, Decimal]  # contract title -> overall rate (1 = 100 %)
    emissions_year: int | None
    emissions: list[SectorShare]
    emissions_unit: str
    sources: list[tuple[str, str]]
    # Filled by ``report_snapshots.changes_since`` when a previous report exists.
    changes: Any = None

    @property
    def actions(self) -> list[ActionRow]:
        rows = [a for s in self.sections for a in s.actions]
        return rows + self.unsectioned

    @property
    def key_indicators(self) -> list[IndicatorBlock]:
        return [i for i in self.indicators if i.is_key]


def gather(session: Session, options: ReportOptions) -> ReportData:
    """Read the store once and return what the report shows."""
    if options.kind not in REPORT_KINDS:
        raise ReportDataError(options.kind)
    today = options.today or date.today()
    meeting = session.get(Meeting, options.meeting_id) if options.meeting_id else None
    if options.meeting_id and meeting is None:
        raise ReportDataError(f"meeting {options.meeting_id}")
    plan_id = options.plan_id or (meeting.plan_id if meeting else None)
    plan = session.get(Plan, plan_id) if plan_id else _first_plan(session)
    if plan_id and plan is None:
        raise ReportDataError(f"plan {plan_id}")
    territory = _territory(session, plan, meeting)
    assert territory.id is not None

    sections, unsectioned = _sections(session, plan, options, today)
    rows = [a for s in sections for a in s.actions] + unsectioned
    counts: dict[ActionStatus, int] = {status: 0 for status in ActionStatus}
    for row in rows:
        counts[row.status] += 1
    indicators = indicator_blocks(
        session, territory.id, plan, lambda year: _in_period(year, options)
    )
    cotri, overall = cotri_lines(session, territory.id)
    year, shares, unit = emissions_by_sector(indicators)
    return ReportData(
        options=options,
        generated_at=datetime.now().astimezone(),
        today=today,
        territory=territory,
        plan=plan,
        meeting=meeting,
        sections=sections,
        unsectioned=unsectioned,
        status_counts=counts,
        late_actions=[r for r in rows if r.late],
        budget=_budget_summary(session, rows),
        indicators=indicators,
        cotri=cotri,
        cotri_overall=overall,
        emissions_year=year,
        emissions=shares,
        emissions_unit=unit,
        sources=source_list(indicators),
    )


def _first_plan(session: Session) -> Plan | None:
    return session.exec(select(Plan).order_by(col(Plan.id))).first()


def _territory(session: Session, plan: Plan | None, meeting: Meeting | None) -> Territory:
    territory_id = plan.territory_id if plan else (meeting.territory_id if meeting else None)
    territory = (
        session.get(Territory, territory_id)
        if territory_id
        else session.exec(select(Territory).order_by(col(Territory.id))).first()
    )
    if territory is None:
        raise ReportDataError("territory")
    return territory


def _wanted_sections(
    flat: list[tuple[int, Section]], codes: tuple[str, ...]
) -> set[int] | None:
    """Ids of the chosen sections and of everything under them; None when all are wanted."""
    if not codes:
        return None
    wanted = {c.strip().casefold() for c in codes if c.strip()}
    chosen: set[int] = set()
    keep_depth: int | None = None
    for depth, section in flat:
        if keep_depth is not None and depth <= keep_depth:
            keep_depth = None
        if keep_depth is None and section.code.casefold() in wanted:
            keep_depth = depth
        if keep_depth is not None and section.id is not None:
            chosen.add(section.id)
    return chosen


def _sections(
    session: Session, plan: Plan | None, options: ReportOptions, today: date
) -> tuple[list[SectionBlock], list[ActionRow]]:
    if plan is None or plan.id is None:
        return [], []
    flat = flat_sections(session, plan.id)
    wanted = _wanted_sections(flat, options.section_codes)
    actions = list(
        session.exec(
            select(Action)
            .where(Action.plan_id == plan.id)
            .order_by(col(Action.position), col(Action.id))
        )
    )
    rows = _action_rows(session, actions, options, today)
    blocks = [
        SectionBlock(s.id, s.code, s.title, depth, s.description)
        for depth, s in flat
        if s.id is not None and (wanted is None or s.id in wanted)
    ]
    by_id = {b.id: b for b in blocks}
    unsectioned: list[ActionRow] = []
    for row in rows:
        section_id = row.action.section_id
        block = by_id.get(section_id) if section_id is not None else None
        if block is not None:
            block.actions.append(row)
        elif wanted is None:
            unsectioned.append(row)
    return blocks, unsectioned


def _action_rows(
    session: Session, actions: list[Action], options: ReportOptions, today: date
) -> list[ActionRow]:
    ids = [a.id for a in actions if a.id is not None]
    organisations = {o.id: o.name for o in session.exec(select(Organisation))}
    rows: dict[int, ActionRow] = {}
    for action in actions:
        assert action.id is not None
        lead = organisations.get(action.lead_organisation_id or -1, "")
        rows[action.id] = ActionRow(action, lead, is_late(action, today))
    if not ids:
        return []
    lines = session.exec(
        select(BudgetLine)
        .where(col(BudgetLine.action_id).in_(ids))
        .where(BudgetLine.scenario == BudgetScenario.FORECAST)
        .order_by(col(BudgetLine.position), col(BudgetLine.id))
    )
    for line in lines:
        if not _in_period(line.year, options):
            continue
        row = rows[line.action_id]
        if line.state == BudgetState.AMOUNT and line.amount is not None:
            row.budget[line.unit] = row.budget.get(line.unit, Decimal(0)) + line.amount
        else:
            row.budget_states.append(BudgetState(line.state))
    for partner in session.exec(
        select(ActionPartner).where(col(ActionPartner.action_id).in_(ids))
    ):
        rows[partner.action_id].partners.append(organisations.get(partner.organisation_id, ""))
    for funding in session.exec(select(Funding).where(col(Funding.action_id).in_(ids))):
        funder = organisations.get(funding.funder_id, "") if funding.funder_id else ""
        rows[funding.action_id].fundings.append(
            (funder, funding.amount, funding.currency, funding.programme or funding.text)
        )
    pairs = session.exec(
        select(ActionIndicator.action_id, Indicator.name)
        .join(Indicator, col(Indicator.id) == col(ActionIndicator.indicator_id))
        .where(col(ActionIndicator.action_id).in_(ids))
    )
    for action_id, name in pairs:
        rows[action_id].indicators.append(name)
    return [rows[i] for i in ids]


def _in_period(year: int | None, options: ReportOptions) -> bool:
    if year is None:
        return True
    if options.period_start is not None and year < options.period_start:
        return False
    return options.period_end is None or year <= options.period_end


def _budget_summary(session: Session, rows: list[ActionRow]) -> BudgetSummary:
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    non_numeric: dict[BudgetState, int] = defaultdict(int)
    for row in rows:
        for unit, amount in row.budget.items():
            amounts[unit] += amount
        for state in row.budget_states:
            non_numeric[state] += 1
    rates = store_settings.get(session, store_settings.CURRENCY_RATES) or {}
    target = "EUR"
    total = Decimal(0)
    used: list[tuple[str, Decimal, str, str]] = []
    missing: list[str] = []
    currencies = [u for u in amounts if _is_currency(u)]
    for unit in sorted(currencies):
        if unit == target:
            total += amounts[unit]
            continue
        entry = rates.get(unit) if isinstance(rates, dict) else None
        rate = to_decimal(entry.get(target)) if isinstance(entry, dict) else None
        if rate is None or not isinstance(entry, dict):
            missing.append(unit)
            continue
        total += amounts[unit] * rate
        used.append((unit, rate, str(entry.get("as_of", "")), str(entry.get("source", ""))))
    converted = total if currencies and not missing and used else None
    return BudgetSummary(
        dict(amounts), dict(non_numeric), converted, target, tuple(used), tuple(missing)
    )


def _is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.upper() != "FTE"


