"""Peer comparison: the territory's indicator per inhabitant against the other territories'
median and interquartile range, year by year."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_number, ngettext
from ..services.dashboard_data import DashboardData
from ..services.peers import PeerComparison, default_peer_indicator, peer_comparison
from ..services.queries.indicators import indicator_and_territory_names
from . import theme, titles
from .base import ChartWidget

OWN_COLOUR = palette.OFF_TRACK
PEERS_COLOUR = palette.ACCENT


class PeersChart(ChartWidget):
    export_name = "peers"

    def __init__(
        self,
        data: PeerComparison | None,
        *,
        indicator_name: str = "",
        territory_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            parent=parent,
            axes={"left": theme.LocaleAxis("left"), "bottom": theme.YearAxis("bottom")},
        )
        self.set_data(data, indicator_name=indicator_name, territory_name=territory_name)

    def set_data(
        self, data: PeerComparison | None, *, indicator_name: str = "", territory_name: str = ""
    ) -> None:
        self.reset()
        self.data = data
        # Short titles: the chart also fills a dashboard tile, and a title wider than the plot
        # pushes the legend out of it.
        title = (
            _("{indicator} per inhabitant").format(indicator=labels.shorten(indicator_name, 60))
            if indicator_name
            else _("Comparison with other territories")
        )
        values = [v for y in data.years for v in (y.q3, y.value or 0.0)] if data else []
        # 0,008 kteqCO2 per inhabitant reads better as 8 teqCO2
        self.factor, base_unit = theme.readable_unit(values, data.unit if data else "")
        unit = _("{unit} per inhabitant").format(unit=base_unit) if base_unit else ""
        titles.set_titles(self.plot, title, _("Year"), theme.axis_title(_("Per inhabitant"), unit))
        if data is not None and data.has_data:
            peers = max(y.peers for y in data.years)
            titles.two_line_title(
                self.plot,
                title,
                ngettext(
                    "{territory} against {count} other territory",
                    "{territory} against {count} other territories",
                    peers,
                ).format(
                    territory=territory_name or _("This territory"), count=format_number(peers)
                ),
            )
        if data is None or not data.has_data:
            self.show_empty(
                _("Too few other territories with a population and values to compare with.")
            )
            return
        self._draw(territory_name)

    def _draw(self, territory_name: str) -> None:
        assert self.data is not None
        f = self.factor
        years = np.array([y.year for y in self.data.years], dtype=float)
        q1 = np.array([y.q1 * f for y in self.data.years])
        q3 = np.array([y.q3 * f for y in self.data.years])
        median = np.array([y.median * f for y in self.data.years])
        legend = self.legend_box()
        low = self.add("q1", pg.PlotDataItem(years, q1, pen=theme.pen(PEERS_COLOUR, 0.8)))
        high = self.add("q3", pg.PlotDataItem(years, q3, pen=theme.pen(PEERS_COLOUR, 0.8)))
        band = self.add(
            "quartiles", pg.FillBetweenItem(low, high, brush=theme.brush(PEERS_COLOUR, 45))
        )
        legend.addItem(
            theme.legend_swatch(PEERS_COLOUR, 90), _("Middle half of the other territories")
        )
        band.setZValue(-10)
        self.add(
            "median",
            pg.PlotDataItem(
                years,
                median,
                pen=theme.pen(PEERS_COLOUR, 2.2, style=Qt.PenStyle.DashLine),
                name=_("Median of the other territories"),
            ),
        )
        own = [(y.year, y.value * f) for y in self.data.years if y.value is not None]
        if own:
            self.add(
                "territory",
                pg.PlotDataItem(
                    [float(x) for x, _v in own],
                    [v for _x, v in own],
                    pen=theme.pen(OWN_COLOUR, 2.6),
                    symbol="o",
                    symbolSize=9,
                    symbolBrush=theme.brush(OWN_COLOUR),
                    symbolPen=theme.pen(palette.BACKGROUND, 1),
                    name=territory_name or _("This territory"),
                ),
            )
        top = max([*q3, *(v for _x, v in own)])
        self.plot.setXRange(years[0] - 0.4, years[-1] + 0.4, padding=0)
        self.plot.setYRange(0, float(top) * 1.35, padding=0)

    @classmethod
    def empty(cls) -> PeersChart:
        return cls(None)

    def fill(self, data: DashboardData) -> None:
        # The comparison is kept between refreshes until values change: drawn once.
        if data.peers is not None and data.peers is not self.data:
            self.set_data(
                data.peers,
                indicator_name=data.peers_indicator_name,
                territory_name=data.territory_name,
            )

    @classmethod
    def from_store(
        cls, session: Session, territory_id: int | None, indicator_id: int | None = None
    ) -> PeersChart:
        if territory_id is None:
            return cls(None)
        indicator_id = indicator_id or default_peer_indicator(session, territory_id)
        if indicator_id is None:
            return cls(None)
        indicator_name, territory_name = indicator_and_territory_names(
            session, indicator_id, territory_id
        )
        return cls(
            peer_comparison(session, indicator_id, territory_id),
            indicator_name=indicator_name,
            territory_name=territory_name,
        )
