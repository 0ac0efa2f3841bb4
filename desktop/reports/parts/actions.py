"""The actions: one table per section, and one page per action (fiche action)."""

from __future__ import annotations

from ...i18n import _, format_number, format_percent, ngettext
from ...labels import label
from ...models import BudgetState, FactorKind, Impact
from ...services.report_data import ActionRow
from ..content import MUTED, SMALL, Block, Bullets, Heading, PageBreak, Part, Table, Text
from . import (
    Marks,
    PartContext,
    action_period_text,
    action_title,
    amount_text,
    calendar_text,
    lead_text,
    num,
    rate_text,
    row_budget_text,
    status_text,
)


def actions_table(rows: list[ActionRow], marks: Marks) -> Table:
    return Table(
        [_("Code"), _("Action"), _("Lead"), _("Status"), _("Calendar"), _("Budget")],
        [
            [
                r.action.code,
                r.action.title,
                lead_text(r),
                marks.action(status_text(r), r),
                calendar_text(r),
                row_budget_text(r),
            ]
            for r in rows
        ],
        [0.06, 0.29, 0.15, 0.1, 0.24, 0.16],
        right=(5,),
    )


def by_section(ctx: PartContext) -> list[Part]:
    data = ctx.data
    part = Part("sections", _("Actions by section"), annex=True)
    if not data.sections and not data.unsectioned:
        part.add(Text(_("The plan has no action yet."), MUTED))
        return [part]
    marks = Marks()
    for block in data.sections:
        part.add(Heading(f"{block.code} {block.title}".strip(), min(block.depth + 1, 2)))
        if block.description:
            part.add(Text(block.description, SMALL))
        if block.actions:
            part.add(actions_table(block.actions, marks))
    if data.unsectioned:
        part.add(Heading(_("Actions outside any section"), 1))
        part.add(actions_table(data.unsectioned, marks))
    part.blocks += marks.legend()
    return [part]


def _calendar(row: ActionRow) -> str:
    """The dates, and the calendar as the plan writes it when it says more than the dates."""
    action = row.action
    dates = action_period_text(action)
    if action.calendar_text and dates:
        return _("{dates} (as written: {calendar})").format(
            dates=dates, calendar=action.calendar_text
        )
    return dates or action.calendar_text


def _budget_rows(row: ActionRow) -> list[list[str]]:
    rows = []
    for line in row.lines:
        if line.state == BudgetState.AMOUNT and line.amount is not None:
            what = amount_text(line.amount, line.unit, line.precision)
        else:
            what = label(BudgetState(line.state))
        rows.append(
            [
                str(line.year) if line.year else _("whole action"),
                label(line.scenario),
                what,
                label(line.scope),
                line.label or line.text,
            ]
        )
    return rows


def _funding_rows(row: ActionRow) -> list[list[str]]:
    return [
        [
            funder or f.programme,
            f.programme if funder else "",
            rate_text(f.rate_percent, f.rate_max_percent) if f.rate_percent is not None else "",
            label(f.stage) if f.stage else "",
            amount_text(f.amount, f.currency) if f.amount is not None else f.text,
        ]
        for funder, f in row.funding_rows
    ]


def _impact_value(impact: Impact) -> str:
    """ "3 500 tCO2e", or a range as the source writes it: "15 à 21 %"."""
    if impact.value is None:
        return impact.text
    value = num(impact.value)
    if impact.value_max is not None and impact.value_max != impact.value:
        value = _("{low} to {high}").format(low=value, high=num(impact.value_max))
    return f"{value} {impact.unit}".strip()


def sheet(ctx: PartContext, row: ActionRow, section: str, marks: Marks) -> list[Block]:
    action = row.action
    facts = [section, marks.action(status_text(row).replace("\n", ", "), row)]
    if action.priority:
        facts.append(_("priority: {priority}").format(priority=label(action.priority).lower()))
    if action.progress_percent is not None:
        facts.append(
            _("progress: {percent}").format(percent=format_percent(action.progress_percent / 100))
        )
    blocks: list[Block] = [
        Heading(action_title(row), 1),
        Text(" · ".join(f for f in facts if f), MUTED),
    ]
    who = [
        (_("Lead"), lead_text(row).replace("\n", ", ")),
        (_("Elected referent"), action.elected_referent),
        (_("Partners"), ", ".join(p for p in row.partners if p)),
        (_("Calendar"), _calendar(row)),
        (
            _("Why late or blocked"),
            action.status_reason if row.late or row.status.value in ("blocked", "paused") else "",
        ),
    ]
    blocks.append(Table([_("Field"), _("Value")], [[k, v] for k, v in who if v], [0.25, 0.75]))
    if action.description:
        blocks.append(Text(action.description, SMALL))
    budget = _budget_rows(row)
    if budget:
        blocks.append(Heading(_("Budget by year"), 2))
        blocks.append(
            Table(
                [_("Year"), _("Scenario"), _("Amount"), _("Whose"), _("As written")],
                budget,
                [0.12, 0.12, 0.2, 0.2, 0.36],
                right=(2,),
            )
        )
    funding = _funding_rows(row)
    if funding:
        blocks.append(Heading(_("Funding"), 2))
        blocks.append(
            Table(
                [_("Funder"), _("Programme"), _("Rate"), _("Stage"), _("Amount")],
                funding,
                [0.22, 0.3, 0.12, 0.16, 0.2],
            )
        )
    barriers = [f.text for f in row.factors if f.kind == FactorKind.BARRIER]
    levers = [f.text for f in row.factors if f.kind == FactorKind.LEVER]
    for title, items in ((_("Barriers"), barriers), (_("Levers"), levers)):
        if items:
            blocks.append(Heading(title, 2))
            blocks.append(Bullets(items, SMALL))
    if row.impacts:
        blocks.append(Heading(_("Impacts"), 2))
        blocks.append(
            Table(
                [_("Impact"), _("Expected or measured"), _("Value"), _("Year")],
                [
                    [i.label, label(i.kind), _impact_value(i), str(i.year or "")]
                    for i in row.impacts
                ],
                [0.46, 0.2, 0.22, 0.12],
                right=(2,),
            )
        )
    linked = [b for b in ctx.data.indicators if b.indicator.id in row.indicator_ids]
    if linked:
        blocks.append(Heading(_("Indicators followed"), 2))
        blocks.append(
            Table(
                [_("Indicator"), _("Last value"), _("Unit"), _("Assessment")],
                [
                    [
                        b.name,
                        marks.of(
                            _("{year}: {value}").format(year=b.last_year, value=num(b.last_value)),
                            b.last_kind,
                        )
                        if b.last_year
                        else "",
                        b.indicator.unit,
                        label(b.status),
                    ]
                    for b in linked
                ],
                [0.46, 0.2, 0.14, 0.2],
                right=(1,),
            )
        )
    elif row.indicators:
        blocks.append(Text(_("Indicators: {names}").format(names=", ".join(row.indicators)), SMALL))
    return blocks


def sheets(ctx: PartContext) -> list[Part]:
    data = ctx.data
    if not data.options.include_action_sheets or not data.actions:
        return []
    part = Part("sheets", _("Action sheets"), annex=True)
    titles = {b.id: f"{b.code} {b.title}".strip() for b in data.sections}
    for index, row in enumerate(data.actions):
        if index:
            part.add(PageBreak())
        section_id = row.action.section_id
        marks = Marks()
        part.blocks += sheet(ctx, row, titles.get(section_id, "") if section_id else "", marks)
        part.blocks += marks.legend()
    part.notes.append(
        ngettext("{n} action sheet.", "{n} action sheets.", len(data.actions)).format(
            n=format_number(len(data.actions))
        )
    )
    return [part]
