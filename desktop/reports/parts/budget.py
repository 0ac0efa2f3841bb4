"""Budget: the plan's own commitments, forecast, committed and realised side by side per
currency, per axis and per funder; the amounts shown for context apart; currencies added
together only at a dated rate the user entered."""

from __future__ import annotations

from ...i18n import _, format_date, format_number
from ...labels import label
from ...models import BudgetScenario
from ...services.budget_overview import SCENARIOS, Amounts, BudgetOverview
from ..content import MUTED, NOTE, Heading, Part, Table, Text
from . import PartContext, amount_text, rate_text


def _cell(amounts: Amounts, scenario: BudgetScenario, unit: str) -> str:
    value = amounts.get(scenario, unit)
    if value is None:
        return "—"
    approximate = (scenario, unit) in amounts.approximate
    return amount_text(value, unit, "approximate" if approximate else "exact")


def scenario_header(first: str) -> list[str]:
    return [first, *(label(s) for s in SCENARIOS)]


def amounts_rows(title: str, amounts: Amounts) -> list[list[str]]:
    """One row per currency: forecast, committed, realised side by side."""
    return [
        [title if index == 0 else "", *(_cell(amounts, s, unit) for s in SCENARIOS)]
        for index, unit in enumerate(amounts.units)
    ]


def build(ctx: PartContext) -> list[Part]:
    budget = ctx.data.budget
    part = Part("budget", _("Budget"))
    if budget.own.is_empty and budget.context.is_empty and not budget.non_numeric:
        part.add(Text(_("No budget is recorded for these actions."), MUTED))
        return [part]
    part.add(Heading(_("The plan's own commitments"), 1))
    if budget.own.is_empty:
        part.add(Text(_("No amount is committed by the plan itself."), MUTED))
    else:
        part.add(
            Table(
                scenario_header(_("Currency")),
                [
                    [unit, *(_cell(budget.own, s, unit) for s in SCENARIOS)]
                    for unit in budget.own.units
                ],
                [0.16, 0.28, 0.28, 0.28],
                right=(1, 2, 3),
            )
        )
        part.notes += [
            _("{scenario} in {unit}: {amount}").format(
                scenario=label(s), unit=unit, amount=_cell(budget.own, s, unit)
            )
            for unit in budget.own.units
            for s in SCENARIOS
            if budget.own.get(s, unit) is not None
        ]
    part.blocks += conversion(budget)
    if len(budget.by_axis) > 1 or (budget.by_axis and budget.by_axis[0][0]):
        part.add(Heading(_("By axis"), 1))
        rows = [
            row
            for axis, amounts in budget.by_axis
            for row in amounts_rows(axis or _("Outside any section"), amounts)
        ]
        part.add(Table(scenario_header(_("Axis")), rows, [0.4, 0.2, 0.2, 0.2], right=(1, 2, 3)))
    if budget.by_funder:
        part.add(Heading(_("By funder"), 1))
        rows = []
        for funder in budget.by_funder:
            amounts = [_cell(funder.amounts, s, u) for s in SCENARIOS for u in funder.amounts.units]
            rows.append(
                [
                    funder.funder,
                    "\n".join(funder.programmes) if funder.programmes != [funder.funder] else "",
                    ", ".join(rate_text(low, high) for low, high in funder.rates),
                    ", ".join(label(s) for s in funder.stages),
                    "\n".join(a for a in amounts if a != "—"),
                    format_number(funder.actions),
                ]
            )
        part.add(
            Table(
                [_("Funder"), _("Programmes"), _("Rate"), _("Stage"), _("Amounts"), _("Actions")],
                rows,
                [0.2, 0.3, 0.12, 0.14, 0.14, 0.1],
                right=(5,),
            )
        )
    if not budget.context.is_empty:
        part.add(Heading(_("Amounts shown for context"), 1))
        part.add(
            Text(
                _(
                    "Budgets of programmes or projects that actions belong to (a partner's whole "
                    "programme, a co-financed project): they are not the plan's money and are not "
                    "added to its commitments."
                ),
                MUTED,
            )
        )
        part.add(
            Table(
                scenario_header(_("Currency")),
                [
                    [unit, *(_cell(budget.context, s, unit) for s in SCENARIOS)]
                    for unit in budget.context.units
                ],
                [0.16, 0.28, 0.28, 0.28],
                right=(1, 2, 3),
            )
        )
    if budget.non_numeric:
        states = ", ".join(
            f"{label(state)} ({format_number(n)})" for state, n in budget.non_numeric.items()
        )
        part.add(Text(_("Budgets without a figure: {states}.").format(states=states), MUTED))
    part.slide = [b for b in part.blocks if isinstance(b, Table)][:1]
    return [part]


def conversion(budget: BudgetOverview) -> list[Text]:
    """The total in euros at the user's dated rates, or why there is none."""
    if len(budget.currencies) < 2:
        return []
    if budget.needs_rate:
        return [
            Text(
                _(
                    "Amounts in {currencies} are not added to those in euros: no exchange rate "
                    "with its date is entered for them (Settings of the store)."
                ).format(currencies=", ".join(budget.needs_rate)),
                NOTE,
            )
        ]
    rates = "; ".join(
        _("1 {currency} = {rate} EUR on {date}").format(
            currency=r.currency, rate=format_number(r.rate), date=format_date(r.as_of)
        )
        for r in budget.rates.values()
        if r.currency in budget.currencies
    )
    texts = []
    for scenario in SCENARIOS:
        total = budget.converted(scenario)
        if total is None or not budget.own.values.get(scenario):
            continue
        texts.append(
            Text(
                _("{scenario} converted to euros: {total} (rate {rates}).").format(
                    scenario=label(scenario), total=amount_text(total, "EUR"), rates=rates
                ),
                NOTE,
            )
        )
    return texts
