"""Energy: consumption by year against renewable production (how much of it renewables cover),
and renewable production by filière."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import palette
from ..i18n import _, format_percent
from ..models import IndicatorCategory
from ..services.analysis import YearlyBreakdown
from ..services.dashboard_data import DashboardData
from ..services.reference_comparison import ChartReference, category_chart_reference
from . import theme, titles
from .base import ChartWidget
from .reference_overlay import draw_reference
from .sector_chart import StackedYearsChart, _breakdown, no_values

CONSUMPTION_COLOUR = palette.series_colour(1)
RENEWABLE_COLOUR = palette.ON_TRACK


class EnergyChart(ChartWidget):
    """Final consumption as bars, renewable production as a line on the same axis."""

    export_name = "energy"

    def __init__(
        self,
        consumption: YearlyBreakdown,
        renewables: YearlyBreakdown,
        *,
        reference: ChartReference | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            parent=parent,
            axes={"left": theme.LocaleAxis("left"), "bottom": theme.YearAxis("bottom")},
        )
        self.set_data(consumption, renewables, reference)

    def set_data(
        self,
        consumption: YearlyBreakdown,
        renewables: YearlyBreakdown,
        reference: ChartReference | None = None,
    ) -> None:
        """``reference``: the reference of the total consumption and the plan's targets, in
        the consumption's unit."""
        self.reset()
        self.consumption = consumption
        self.renewables = renewables
        self.reference = reference
        unit = consumption.unit or renewables.unit
        title = _("Energy consumption and renewable production")
        titles.set_titles(self.plot, title, _("Year"), theme.axis_title(_("Energy"), unit))
        coverage = self._coverage()
        if coverage:  # on a line of its own: the chart also fills a narrow dashboard tile
            titles.two_line_title(self.plot, title, coverage)
        if not consumption.years and not renewables.years:
            self.show_empty(_("No energy values recorded for this territory yet."))
            return
        self._draw()

    def _same_unit(self) -> bool:
        return (
            not self.consumption.unit
            or not self.renewables.unit
            or (self.consumption.unit == self.renewables.unit)
        )

    def _coverage(self) -> str:
        """ "Renewables cover 7 % of the consumption in 2023", for the last common year."""
        common = sorted(set(self.consumption.years) & set(self.renewables.years))
        if not common or not self._same_unit():
            return ""
        year = common[-1]
        used = self.consumption.totals()[self.consumption.years.index(year)]
        made = self.renewables.totals()[self.renewables.years.index(year)]
        if used <= 0:
            return ""
        return _("Renewables cover {share} of the consumption in {year}").format(
            share=format_percent(made / used), year=year
        )

    def _draw(self) -> None:
        legend = self.legend_box(corner="top-right")
        top = 0.0
        if self.consumption.years:
            xs = np.array(self.consumption.years, dtype=float)
            ys = np.array(self.consumption.totals(), dtype=float)
            bars = pg.BarGraphItem(
                x=xs,
                height=ys,
                width=0.6,
                brush=theme.brush(CONSUMPTION_COLOUR, 200),
                pen=theme.pen(palette.BACKGROUND, 0.8),
            )
            self.add("consumption", bars)
            legend.addItem(bars, _("Final energy consumption"))
            top = max(top, float(ys.max()))
        if self.renewables.years and self._same_unit():
            xs = np.array(self.renewables.years, dtype=float)
            ys = np.array(self.renewables.totals(), dtype=float)
            line = pg.PlotDataItem(
                xs,
                ys,
                pen=theme.pen(RENEWABLE_COLOUR, 3),
                symbol="o",
                symbolSize=8,
                symbolBrush=theme.brush(RENEWABLE_COLOUR),
                symbolPen=theme.pen(palette.BACKGROUND, 1),
                name=_("Renewable production"),
            )
            self.add("renewables", line)
            top = max(top, float(ys.max()))
        years = sorted(set(self.consumption.years) | set(self.renewables.years))
        first, last = float(years[0]), float(years[-1])
        drawn = draw_reference(self, self.reference, self.consumption.unit)
        if drawn is not None and self.reference is not None:
            top, last = max(top, drawn[0]), max(last, float(drawn[1]))
            # a year of room on the left for the first bar's total
            first = min(first, float(self.reference.points[0][0])) - 1
        theme.frame_years(self.plot, first, last)
        self.plot.setYRange(0, top * 1.3, padding=0)

    @classmethod
    def empty(cls) -> EnergyChart:
        return cls(
            no_values(IndicatorCategory.ENERGY_CONSUMPTION),
            no_values(IndicatorCategory.RENEWABLE_PRODUCTION),
        )

    def fill(self, data: DashboardData) -> None:
        self.set_data(data.consumption, data.renewables, data.consumption_reference)

    @classmethod
    def of(cls, read: EnergyRead, *, parent: QWidget | None = None) -> EnergyChart:
        """The chart of what ``energy_read`` returned."""
        return cls(read.consumption, read.renewables, reference=read.reference, parent=parent)

    @classmethod
    def from_store(cls, session: Session, territory_id: int | None) -> EnergyChart:
        return cls.of(energy_read(session, territory_id))


@dataclass(frozen=True)
class EnergyRead:
    """What the energy chart draws: consumption, renewable production and the reference of
    the total consumption."""

    consumption: YearlyBreakdown
    renewables: YearlyBreakdown
    reference: ChartReference | None


def energy_read(session: Session, territory_id: int | None) -> EnergyRead:
    """The energy chart's data; plain data, no Qt, so it may be read on a worker."""
    consumption = _breakdown(session, territory_id, IndicatorCategory.ENERGY_CONSUMPTION)
    return EnergyRead(
        consumption,
        _breakdown(session, territory_id, IndicatorCategory.RENEWABLE_PRODUCTION),
        category_chart_reference(session, territory_id, consumption.category, consumption.unit),
    )


class RenewablesChart(StackedYearsChart):
    export_name = "renewables"

    @classmethod
    def from_store(cls, session: Session, territory_id: int | None) -> RenewablesChart:
        data = _breakdown(session, territory_id, IndicatorCategory.RENEWABLE_PRODUCTION)
        return cls(data, _("Renewable energy production by source"), _("Production"))
