"""Budget by top-level section: one bar per section and currency (currencies are never added
together); the subtitle gives the totals per currency and, when a rate is set, the converted
total with the rate it used."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_currency, format_number, ngettext
from ..services.dashboard_data import DashboardData
from ..services.progress import BudgetBySection, budget_by_section, is_currency
from . import theme, titles
from .base import ChartWidget


def totals_sentence(data: BudgetBySection) -> str:
    """ "Total: 1 234 € · 56 £", and on a second line "about 1 298 € at 1 GBP = 1,14 EUR
    (2018-03-31)" when a rate converts the other currencies."""
    money = [u for u in data.units if is_currency(u)]
    parts = [format_currency(data.totals[u], u) for u in money]
    sentence = _("Total: {amounts}").format(amounts=" · ".join(parts)) if parts else ""
    converted = data.converted
    if converted is not None:
        rates = ", ".join(
            _("1 {currency} = {rate} {into}").format(
                currency=currency, rate=format_number(rate), into=converted.currency
            )
            + (f" ({as_of})" if as_of else "")
            for currency, (rate, as_of, _source) in sorted(converted.rates.items())
        )
        sentence += "\n" + _("About {amount} at {rates}").format(
            amount=format_currency(converted.amount, converted.currency), rates=rates
        )
        if converted.missing:
            sentence += " " + _("(without {currencies}: no rate)").format(
                currencies=", ".join(converted.missing)
            )
    if data.non_numeric:
        # "to be defined", "see the agreement"...: said, so the totals are read as partial
        sentence += "\n" + ngettext(
            "{count} budget line without an amount is not counted",
            "{count} budget lines without an amount are not counted",
            data.non_numeric,
        ).format(count=format_number(data.non_numeric))
    return sentence.strip("\n")


# No budget line yet: what the tile shows before its first refresh.
NO_BUDGET = BudgetBySection([], {}, {}, 0, None)


class BudgetChart(ChartWidget):
    export_name = "budget-by-section"

    def __init__(self, data: BudgetBySection, *, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axes={"bottom": theme.LocaleAxis("bottom")})
        self.set_data(data)

    def set_data(self, data: BudgetBySection) -> None:
        self.reset()
        self.data = data
        self.currencies = [u for u in data.units if is_currency(u)]
        unit = ", ".join(self.currencies)  # the legend tells the colours apart
        subtitle = totals_sentence(data)
        title = _("Budget by section")
        titles.set_titles(self.plot, title, theme.axis_title(_("Forecast budget"), unit))
        if subtitle:
            titles.two_line_title(self.plot, title, subtitle)
        if not self.currencies:
            self.show_empty(_("No budget amount recorded for this plan yet."))
            return
        self._draw()

    def _draw(self) -> None:
        data = self.data
        sections = [s for s in data.sections if data.amounts.get(s.section_id)]
        sections.reverse()  # first section at the top
        count = len(self.currencies)
        height = 0.75 / count
        legend = self.legend_box(corner="bottom-right") if count > 1 else None
        peak = max(
            (
                float(data.amounts[s.section_id].get(u, 0))
                for s in sections
                for u in self.currencies
            ),
            default=0.0,
        )
        starts: list[tuple[float, str]] = []
        for index, unit in enumerate(self.currencies):
            values = np.array(
                [float(data.amounts[s.section_id].get(unit, 0)) for s in sections], dtype=float
            )
            # Within each section, its own currencies centred on its name, the first (largest
            # overall) on top: a section in euros only has its bar level with its name.
            offsets = np.array(
                [row - self._slot(s.section_id, unit) * height for row, s in enumerate(sections)]
            )
            colour = palette.series_colour(index * 2)
            bars = pg.BarGraphItem(
                x0=np.zeros(len(sections)),
                y=offsets,
                height=height * 0.9,
                width=values,
                brush=theme.brush(colour),
                pen=pg.mkPen(None),
            )
            self.add(unit, bars)
            if legend is not None:
                legend.addItem(bars, unit)
            for y, value in zip(offsets, values, strict=True):
                if value > 0:
                    text = f"{format_number(value, decimals=0)}\u00a0{unit}"
                    starts.append((value + peak * 0.01, text))
                    self.plot.addItem(theme.value_label(text, value + peak * 0.01, y))
        names = [
            labels.shorten(f"{s.code}. {s.title}" if s.code else s.title, 38)
            if s.section_id is not None
            else labels.no_section()
            for s in sections
        ]
        axis = self.plot.getAxis("left")
        theme.category_ticks(axis, names)
        theme.horizontal_bars(self.plot)
        theme.keep_labels_in_view(self.plot, starts, minimum=peak * 1.3 if peak else 1)
        theme.category_range(self.plot, len(sections))

    def _slot(self, section_id: int | None, unit: str) -> float:
        """The currency's place among the section's currencies, from the middle (0 alone)."""
        present = [u for u in self.currencies if self.data.amounts[section_id].get(u)]
        if unit not in present:
            return 0.0
        return present.index(unit) - (len(present) - 1) / 2

    @classmethod
    def empty(cls) -> BudgetChart:
        return cls(NO_BUDGET)

    def fill(self, data: DashboardData) -> None:
        self.set_data(data.budget or NO_BUDGET)

    @classmethod
    def from_store(cls, session: Session, plan_id: int | None) -> BudgetChart:
        if plan_id is None:
            return cls(BudgetBySection([], {}, {}, 0, None))
        return cls(budget_by_section(session, plan_id))
