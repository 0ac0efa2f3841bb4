"""Everything a report shows, gathered from the store without Qt, so the PDF code only lays out.

Counts of actions come from ``progress.status_counts`` (the count the window and the workbook
print), on the report's date: the meeting's date when the report is for a meeting. Budgets come
from ``budget_overview``, indicators from ``report_indicators`` (the analysis service's
verdict), the committee's agenda and decisions from ``committee_record``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from ..models import (
    Action,
    ActionFactor,
    ActionIndicator,
    ActionPartner,
    ActionStatus,
    BudgetLine,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    Funding,
    Impact,
    Indicator,
    Meeting,
    Organisation,
    Plan,
    Section,
    Territory,
)
from .actions import is_late
from .budget_overview import BudgetOverview, budget_overview
from .committee_record import MeetingRecord, meeting_record
from .plans import flat_sections
from .progress import StatusCounts, status_counts
from .report_indicators import (
    CotriLine,
    IndicatorBlock,
    SectorShare,
    TargetPoint,
    ValuePoint,
    cotri_lines,
    emissions_by_sector,
    indicator_blocks,
    source_list,
)
from .report_review import AxisProgress

__all__ = [
    "ActionRow",
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


class NoContractError(ReportDataError):
    """A COTRI report of a plan that has no COTRI contract."""


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
    format: str = "pdf"  # pdf, docx or pptx


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
    # Amounts per unit of the forecast lines printed for context (not the plan's money).
    context_budget: dict[str, Decimal] = field(default_factory=dict)
    # Every budget line of the action (all scenarios), in order, for its sheet.
    lines: list[BudgetLine] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    # (funder, amount, currency, programme or text)
    fundings: list[tuple[str, Decimal | None, str, str]] = field(default_factory=list)
    # The funding rows themselves (stage, rates), with the funder's name.
    funding_rows: list[tuple[str, Funding]] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    indicator_ids: list[int] = field(default_factory=list)
    factors: list[ActionFactor] = field(default_factory=list)
    impacts: list[Impact] = field(default_factory=list)

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
    # The count of actions (not sub-actions) by status and late on ``today``.
    counts: StatusCounts
    # The late actions of that count, in the plan's order.
    late_actions: list[ActionRow]
    budget: BudgetOverview
    axes: list[AxisProgress]
    record: MeetingRecord | None
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

    @property
    def status_counts(self) -> dict[ActionStatus, int]:
        return self.counts.by_status


def gather(session: Session, options: ReportOptions) -> ReportData:
    """Read the store once and return what the report shows (``options.kind`` is one of
    ``reports.kinds.KINDS``: the report builder checks it)."""
    meeting = session.get(Meeting, options.meeting_id) if options.meeting_id else None
    if options.meeting_id and meeting is None:
        raise ReportDataError(f"meeting {options.meeting_id}")
    # A report for a meeting is right for the meeting's date, past or coming.
    today = options.today or (meeting.held_on if meeting is not None else date.today())
    plan_id = options.plan_id or (meeting.plan_id if meeting else None)
    plan = session.get(Plan, plan_id) if plan_id else _first_plan(session)
    if plan_id and plan is None:
        raise ReportDataError(f"plan {plan_id}")
    territory = _territory(session, plan, meeting)
    assert territory.id is not None

    sections, unsectioned = _sections(session, plan, options, today)
    rows = [a for s in sections for a in s.actions] + unsectioned
    chosen = {b.id for b in sections} if options.section_codes else None
    counts = (
        status_counts(session, plan.id, today=today, section_ids=chosen)
        if plan is not None
        else StatusCounts(dict.fromkeys(ActionStatus, 0), 0)
    )
    indicators = indicator_blocks(
        session, territory.id, plan, lambda year: _in_period(year, options)
    )
    cotri, overall = cotri_lines(session, territory.id, plan.id if plan else None)
    if options.kind == "cotri" and not cotri:
        raise NoContractError(plan.title if plan is not None else territory.name)
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
        counts=counts,
        late_actions=[r for r in rows if r.late and r.action.parent_id is None],
        budget=_budget(session, sections, rows, options),
        axes=_axes(sections, unsectioned, rows),
        record=meeting_record(session, meeting) if meeting is not None else None,
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


def _wanted_sections(flat: list[tuple[int, Section]], codes: tuple[str, ...]) -> set[int] | None:
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
        .order_by(col(BudgetLine.position), col(BudgetLine.id))
    )
    for line in lines:
        if not _in_period(line.year, options):
            continue
        row = rows[line.action_id]
        row.lines.append(line)
        if line.scenario != BudgetScenario.FORECAST:
            continue
        if line.state == BudgetState.AMOUNT and line.amount is not None:
            target = row.context_budget if line.scope == BudgetScope.CONTEXT else row.budget
            target[line.unit] = target.get(line.unit, Decimal(0)) + line.amount
        else:
            row.budget_states.append(BudgetState(line.state))
    for factor in session.exec(
        select(ActionFactor)
        .where(col(ActionFactor.action_id).in_(ids))
        .order_by(col(ActionFactor.id))
    ):
        rows[factor.action_id].factors.append(factor)
    for impact in session.exec(
        select(Impact).where(col(Impact.action_id).in_(ids)).order_by(col(Impact.id))
    ):
        rows[impact.action_id].impacts.append(impact)
    for partner in session.exec(select(ActionPartner).where(col(ActionPartner.action_id).in_(ids))):
        rows[partner.action_id].partners.append(organisations.get(partner.organisation_id, ""))
    for funding in session.exec(select(Funding).where(col(Funding.action_id).in_(ids))):
        funder = organisations.get(funding.funder_id, "") if funding.funder_id else ""
        rows[funding.action_id].fundings.append(
            (funder, funding.amount, funding.currency, funding.programme or funding.text)
        )
        rows[funding.action_id].funding_rows.append((funder, funding))
    pairs = session.exec(
        select(ActionIndicator.action_id, Indicator.name, Indicator.id)
        .join(Indicator, col(Indicator.id) == col(ActionIndicator.indicator_id))
        .where(col(ActionIndicator.action_id).in_(ids))
    )
    for action_id, name, indicator_id in pairs:
        rows[action_id].indicators.append(name)
        rows[action_id].indicator_ids.append(int(indicator_id or 0))
    return [rows[i] for i in ids]


def _in_period(year: int | None, options: ReportOptions) -> bool:
    if year is None:
        return True
    if options.period_start is not None and year < options.period_start:
        return False
    return options.period_end is None or year <= options.period_end


def _top_section_titles(sections: list[SectionBlock]) -> dict[int, str]:
    """Each section id mapped to the "code title" of its top-level section."""
    top: dict[int, str] = {}
    current = ""
    for block in sections:
        if block.depth == 0:
            current = f"{block.code} {block.title}".strip()
        top[block.id] = current
    return top


def _budget(
    session: Session, sections: list[SectionBlock], rows: list[ActionRow], options: ReportOptions
) -> BudgetOverview:
    top = _top_section_titles(sections)
    section_of = {r.action.pk: r.action.section_id for r in rows}

    def axis_of(action_id: int) -> str:
        section_id = section_of.get(action_id)
        return top.get(section_id, "") if section_id is not None else ""

    return budget_overview(
        session,
        [r.action.pk for r in rows],
        axis_of=axis_of,
        in_period=lambda year: _in_period(year, options),
    )


def _axes(
    sections: list[SectionBlock], unsectioned: list[ActionRow], rows: list[ActionRow]
) -> list[AxisProgress]:
    """The status mix of each part and of each lever under it (actions of the sub-sections
    included, sub-actions not), late ones apart."""
    axes: list[AxisProgress] = []
    part: AxisProgress | None = None
    lever: AxisProgress | None = None
    for block in sections:
        if block.depth == 0 or part is None:
            part = AxisProgress(block.code, block.title)
            axes.append(part)
            lever = None
        elif block.depth == 1:
            lever = AxisProgress(block.code, block.title, depth=1)
            axes.append(lever)
        _count(part, block.actions)
        if lever is not None and block.depth >= 1:
            _count(lever, block.actions)
    if unsectioned:
        outside = AxisProgress("", "")
        _count(outside, unsectioned)
        axes.append(outside)
    return [a for a in axes if a.total]


def _count(axis: AxisProgress, rows: list[ActionRow]) -> None:
    for row in rows:
        if row.action.parent_id is not None:
            continue
        axis.by_status[row.status] = axis.by_status.get(row.status, 0) + 1
        if row.late:
            axis.late.append(row)
