"""The parts of a report, one module each, written as format-neutral content
(``reports.content``); the registry (``reports.registry``) orders them per report kind.

A part is a function ``build(ctx) -> list[Part]`` (none when it has nothing to say). It reads
``ctx.data`` (gathered once by ``services.report_data``) and formats numbers, dates and amounts
with the helpers below, so the PDF, the Word document and the slides print the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from ...i18n import N_, _, format_currency, format_date, format_number, format_percent, pgettext
from ...labels import label
from ...models import Action, AmountPrecision, BudgetState, DatePrecision, ObservationKind
from ...services.dates import format_partial
from ...services.report_data import ActionRow, ReportData
from ..content import NOTE, Chart, Text

Progress = Callable[[float, str], None]

# Pixels of the chart images: at this size their lettering prints at a readable size once the
# image is scaled to the width of a page or a slide.
CHART_SIZE = {"width": 960, "height": 560}


@dataclass
class PartContext:
    session: Session
    data: ReportData
    charts: Any | None  # the desktop.charts.images module when the report has charts
    notes: list[str] = field(default_factory=list)

    def chart(self, title: str, render: Callable[[Any], bytes], width: float = 0.9) -> list[Chart]:
        """A chart block (drawn later, once, by the writer), or none without charts."""
        if self.charts is None or not self.data.options.include_charts:
            return []
        return [Chart(title, render, width)]


class Marks:
    """Marks printed after values that are not measures ("1 023,4 (e)"), and the legend that
    explains the marks a part used."""

    def __init__(self) -> None:
        self.used: set[ObservationKind | str] = set()

    def of(self, text: str, kind: ObservationKind | None) -> str:
        if not text or kind is None or kind == ObservationKind.MEASURED:
            return text
        self.used.add(kind)
        return f"{text}\u00a0({mark(kind)})"

    def action(self, text: str, row: ActionRow) -> str:
        """An action's status, marked when the status was invented for a demonstration."""
        if not getattr(row.action, "illustrative", False):
            return text
        self.used.add(ILLUSTRATIVE_ACTION)
        return f"{text}\u00a0({mark(ObservationKind.ILLUSTRATIVE)})"

    def legend(self) -> list[Text]:
        if not self.used:
            return []
        words = [
            _("({mark}) {meaning}").format(mark=mark(kind), meaning=_(MEANINGS[kind]))
            for kind in MARK_ORDER
            if kind in self.used
        ]
        if ILLUSTRATIVE_ACTION in self.used and ObservationKind.ILLUSTRATIVE not in self.used:
            words.append(
                _("({mark}) {meaning}").format(
                    mark=mark(ObservationKind.ILLUSTRATIVE),
                    meaning=_(MEANINGS[ILLUSTRATIVE_ACTION]),
                )
            )
        return [
            Text(
                _("Marks: {marks}. Values without a mark are measured.").format(
                    marks="; ".join(words)
                ),
                NOTE,
            )
        ]


ILLUSTRATIVE_ACTION = "illustrative_action"
MARK_ORDER: tuple[ObservationKind, ...] = (
    ObservationKind.MODELLED,
    ObservationKind.ESTIMATED,
    ObservationKind.ILLUSTRATIVE,
)
MEANINGS: dict[ObservationKind | str, str] = {
    ObservationKind.MODELLED: N_("modelled (computed by a model from activity data)"),
    ObservationKind.ESTIMATED: N_("estimated"),
    ObservationKind.ILLUSTRATIVE: N_(
        "illustrative (invented for a demonstration, not a fact about the territory)"
    ),
    ILLUSTRATIVE_ACTION: N_(
        "illustrative status, progress or dates (invented for a demonstration)"
    ),
}


def mark(kind: ObservationKind) -> str:
    """The letter that marks a kind of value."""
    if kind == ObservationKind.MODELLED:
        return pgettext("mark of a modelled value", "m")
    if kind == ObservationKind.ESTIMATED:
        return pgettext("mark of an estimated value", "e")
    if kind == ObservationKind.ILLUSTRATIVE:
        return pgettext("mark of an illustrative value", "i")
    return ""


def num(value: Decimal | int | float | None) -> str:
    return "" if value is None else format_number(value)


def num_like(value: Decimal | None, examples: Sequence[Decimal]) -> str:
    """A computed value (expected on the trajectory, a target from a percentage) with no more
    decimals than the measured values it stands beside: ``3 563`` next to ``3 672``, not
    ``3 563,404``."""
    if value is None:
        return ""
    decimals = max((_decimals(e) for e in examples), default=1)
    return format_number(round(value, min(decimals, 3)))


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amount_text(amount: Decimal, unit: str, precision: AmountPrecision | str = "exact") -> str:
    """An amount as the source gives it: "environ 25 000 €", "plus de 5 000 000 €"."""
    text = format_currency(amount, unit, drop_zero_cents=True)
    if precision == AmountPrecision.APPROXIMATE:
        return _("about {amount}").format(amount=text)
    if precision == AmountPrecision.AT_LEAST:
        return _("at least {amount}").format(amount=text)
    return text


def amounts_text(
    budget: dict[str, Decimal], states: Sequence[BudgetState] = (), approximate: bool = False
) -> str:
    precision = AmountPrecision.APPROXIMATE if approximate else AmountPrecision.EXACT
    parts = [amount_text(amount, unit, precision) for unit, amount in sorted(budget.items())]
    parts.extend(label(state) for state in dict.fromkeys(states))
    return "\n".join(parts)


def rate_text(low: Decimal, high: Decimal | None) -> str:
    """ "69 %" or "69 à 80 %" (a range of rates as the plan writes it)."""
    if high is None or high == low:
        return format_percent(low / 100)
    return _("{low} to {high}").format(low=format_number(low), high=format_percent(high / 100))


def row_budget_text(row: ActionRow) -> str:
    """The action's own forecast, then what is shown for context, then the states."""
    approximate = any(line.precision != AmountPrecision.EXACT for line in row.lines)
    parts = [amounts_text(row.budget, approximate=approximate)] if row.budget else []
    if row.context_budget:
        parts.append(
            _("context: {amounts}").format(
                amounts=", ".join(
                    format_currency(a, u) for u, a in sorted(row.context_budget.items())
                )
            )
        )
    parts.extend(label(state) for state in dict.fromkeys(row.budget_states))
    return "\n".join(p for p in parts if p) or row.action.budget_text


def calendar_text(row: ActionRow) -> str:
    action = row.action
    if action.calendar_text:
        return action.calendar_text
    return action_period_text(action)


def action_period_text(action: Action) -> str:
    """An action's dates as precisely as the plan writes them: "du 1er avril 2018 au 31 mars
    2020" for days, "2018 – été 2019" for a year, a month or a season."""
    return period_text(
        action.start_date,
        action.end_date,
        DatePrecision(action.start_date_precision),
        DatePrecision(action.end_date_precision),
    )


def end_text(action: Action) -> str:
    return format_partial(action.end_date, DatePrecision(action.end_date_precision))


def period_text(
    start: date | None,
    end: date | None,
    start_precision: DatePrecision = DatePrecision.DAY,
    end_precision: DatePrecision = DatePrecision.DAY,
) -> str:
    """ "du 1er avril 2018 au 31 mars 2020", "jusqu'au 31 décembre 2026", "à partir du…";
    a date written as a year, a month or a season is printed as such ("à partir de 2018")."""
    if all(
        p == DatePrecision.DAY
        for d, p in ((start, start_precision), (end, end_precision))
        if d is not None
    ):
        if start and end:
            return _("from {start} to {end}").format(
                start=format_date(start, fmt="long"), end=format_date(end, fmt="long")
            )
        if start:
            return _("from {start} on").format(start=format_date(start, fmt="long"))
        if end:
            return _("until {end}").format(end=format_date(end, fmt="long"))
        return ""
    first, last = format_partial(start, start_precision), format_partial(end, end_precision)
    if first and last:
        return _("{start} to {end}").format(start=first, end=last)
    if first:
        return _("from {start}").format(start=first)
    if last:
        return pgettext("an end written as a year, a month or a season", "until {end}").format(
            end=last
        )
    return ""


def lead_text(row: ActionRow) -> str:
    action = row.action
    parts = [row.lead, action.lead_service, action.lead_person]
    return "\n".join(p for p in parts if p)


def status_text(row: ActionRow) -> str:
    text = label(row.status)
    if row.late and row.status.value != "late":
        text += "\n" + _("late")
    return text


def action_title(row: ActionRow) -> str:
    return f"{row.action.code} {row.action.title}".strip()
