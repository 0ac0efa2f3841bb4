"""Stacked bars by year of a category split by dimension: GHG emissions by sector (the 2016
table of the diagnostic), renewable production by filière."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_number, format_percent
from ..models import IndicatorCategory
from ..services.analysis import YearlyBreakdown, breakdown
from ..services.dashboard_data import DashboardData
from ..services.reference_comparison import ChartReference, category_chart_reference
from . import theme, titles
from .base import ChartWidget
from .reference_overlay import draw_reference, key_entries

BAR_WIDTH = 0.7


class StackedYearsChart(ChartWidget):
    """Bars by year, one colour per part, with each part's share of the last year in the key."""

    export_name = "breakdown"

    def __init__(
        self,
        data: YearlyBreakdown,
        title: str,
        value_label: str,
        *,
        reference: ChartReference | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            parent=parent,
            axes={"left": theme.LocaleAxis("left"), "bottom": theme.YearAxis("bottom")},
        )
        self.title, self.value_label = title, value_label
        self.set_data(data, reference)

    def set_data(self, data: YearlyBreakdown, reference: ChartReference | None = None) -> None:
        """``reference``: the SNBC reference of the total and the plan's targets, drawn beside
        the bars in the same unit."""
        self.reset()
        self.data = data
        self.reference = reference
        titles.set_titles(
            self.plot, self.title, _("Year"), theme.axis_title(self.value_label, data.unit)
        )
        if not data.years:
            self.show_empty(_("No values recorded for this territory yet."))
            return
        self._draw()

    def _draw(self) -> None:
        data = self.data
        years = np.array(data.years, dtype=float)
        last_year = data.years[-1]
        shares = data.shares(last_year)
        base = np.zeros(len(years))
        key = []
        for index, part in enumerate(data.parts):
            values = np.array(data.values[part], dtype=float)
            colour = palette.dimension_colour(part, index)
            bars = pg.BarGraphItem(
                x=years,
                height=values,
                y0=base.copy(),
                width=BAR_WIDTH,
                brush=theme.brush(colour),
                pen=theme.pen(palette.BACKGROUND, 0.8),
            )
            self.add(part or "total", bars)
            share = shares.get(part)
            name = labels.legend_label(part)
            if share is not None and len(data.parts) > 1:
                name = _("{part} ({share} in {year})").format(
                    part=name, share=format_percent(share), year=last_year
                )
            key.append((colour, name, "■"))
            base += values
        drawn = draw_reference(self, self.reference, data.unit, named=False)
        key.extend(key_entries(self.reference))
        # The key under the title, wrapped to the width: full sector names in any language,
        # and nothing drawn over the bars.
        titles.title_with_wrapped_key(self.plot, self.title, key)
        top, first, last = float(base.max()), float(years[0]), float(years[-1])
        if drawn is not None and self.reference is not None:
            top, last = max(top, drawn[0]), max(last, float(drawn[1]))
            # a year of room on the left for the first bar's total
            first = min(first, float(self.reference.points[0][0])) - 1
        # Bars narrow when the frame runs to 2050 (the reference): then every other total,
        # counted back from the last year's, so the figures do not run into each other.
        step = 1 if last - first <= 22 else 2 if last - first <= 45 else 3
        count = len(years)
        for index, (x, total) in enumerate(zip(years, base, strict=True)):
            if (count - 1 - index) % step:
                continue
            self.plot.addItem(
                theme.value_label(
                    format_number(total, decimals=0),
                    x,
                    total,
                    anchor=(0.5, 1.1),
                    colour_hex=palette.MUTED_INK,
                )
            )
        # At least five years wide: one or two years are not drawn as slabs.
        theme.frame_years(self.plot, first, last)
        # Room above the bars for their totals.
        self.plot.setYRange(0, top * 1.2, padding=0)


class SectorChart(StackedYearsChart):
    export_name = "emissions-by-sector"

    @classmethod
    def empty(cls) -> SectorChart:
        return cls(no_values(IndicatorCategory.GHG_EMISSIONS), _("By sector"), _("Emissions"))

    def fill(self, data: DashboardData) -> None:
        self.set_data(data.emissions, data.emissions_reference)

    @classmethod
    def of(cls, read: SectorRead, *, parent: QWidget | None = None) -> SectorChart:
        """The chart of what ``sector_read`` returned."""
        return cls(
            read.emissions,
            _("Greenhouse gas emissions by sector"),
            _("Emissions"),
            reference=read.reference,
            parent=parent,
        )

    @classmethod
    def from_store(cls, session: Session, territory_id: int | None) -> SectorChart:
        return cls.of(sector_read(session, territory_id))


@dataclass(frozen=True)
class SectorRead:
    """What the emissions chart draws: the values by sector and the reference of the total."""

    emissions: YearlyBreakdown
    reference: ChartReference | None


def sector_read(session: Session, territory_id: int | None) -> SectorRead:
    """The emissions chart's data; plain data, no Qt, so it may be read on a worker."""
    data = _breakdown(session, territory_id, IndicatorCategory.GHG_EMISSIONS)
    reference = category_chart_reference(session, territory_id, data.category, data.unit)
    return SectorRead(data, reference)


def _breakdown(
    session: Session, territory_id: int | None, category: IndicatorCategory
) -> YearlyBreakdown:
    if territory_id is None:
        return YearlyBreakdown(category, "", [], [], {})
    return breakdown(session, territory_id, category)


def no_values(category: IndicatorCategory) -> YearlyBreakdown:
    """A category without values: what a tile shows before its first refresh."""
    return YearlyBreakdown(category, "", [], [], {})
