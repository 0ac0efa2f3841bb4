"""COTRI scorecard: achievement of each contractual indicator (latest year with a target and a
measured value) against the 100 % line, and the contract's overall rate in the title.

The rates are ``services.contracts.achievement``'s, the reports' own: Decimal until drawn."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_number, format_percent
from ..services.contracts import Achievement, achievement
from ..services.dashboard_data import DashboardData
from . import theme, titles
from .base import ChartWidget

# Achievement at or above this is shown as nearly there (amber), below as behind (red).
NEARLY = 0.8


def rate_colour(rate: float) -> str:
    if rate >= 1.0:
        return palette.ON_TRACK
    if rate >= NEARLY:
        return palette.SLIGHTLY_BEHIND
    return palette.OFF_TRACK


class CotriChart(ChartWidget):
    export_name = "cotri"

    def __init__(self, card: Achievement | None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axes={"bottom": theme.PercentAxis("bottom")})
        self.set_data(card)

    def set_data(self, card: Achievement | None) -> None:
        self.reset()
        self.plot.hideAxis("top")  # shown with the target line only
        self.card = card
        if card is None:
            titles.set_titles(self.plot, _("COTRI scorecard"))
            self.show_empty(_("No COTRI contract for this territory yet."))
            return
        overall = card.overall
        title = (
            _("{title}: {rate} achieved overall").format(
                title=card.title, rate=format_percent(overall)
            )
            if overall is not None
            else card.title
        )
        years = {i.latest.year for i in card.indicators if i.latest is not None}
        # One year for all (the usual case): said once on the axis, so the bars' labels stay
        # short enough for a dashboard tile.
        self.common_year = years.pop() if len(years) == 1 else None
        x_title = (
            _("Achievement of the {year} target").format(year=self.common_year)
            if self.common_year is not None
            else _("Achievement of the yearly target")
        )
        titles.set_titles(self.plot, title, x_title)
        if not any(i.rate is not None for i in card.indicators):
            self.show_empty(_("No measured value yet for the contract's indicators."))
            return
        self._draw()

    def _draw(self) -> None:
        assert self.card is not None
        rows = list(reversed(self.card.indicators))
        peak = max([1.0, *(min(float(i.rate or 0), 2.0) for i in rows)])
        names = []
        for row, score in enumerate(rows):
            names.append(labels.shorten(score.name, 34))
            latest = score.latest
            if latest is None or score.rate is None:
                self.plot.addItem(
                    theme.value_label(
                        _("no measured value"), 0.01, row, colour_hex=palette.MUTED_INK
                    )
                )
                continue
            rate = float(score.rate)
            shown = min(rate, 2.0)
            bar = pg.BarGraphItem(
                x0=[0],
                y=[row],
                height=[0.6],
                width=[shown],
                brush=theme.brush(rate_colour(rate)),
                pen=pg.mkPen(None),
            )
            self.add(score.code, bar)
            bar.setToolTip(
                _("{name}: {achieved} {unit} achieved in {year} for a target of {target}").format(
                    name=score.name,
                    achieved=format_number(latest.achieved or 0),
                    unit=score.unit,
                    year=latest.year,
                    target=format_number(latest.target),
                )
            )
            if self.common_year is not None:
                detail = _("{rate} ({achieved} / {target})")
            else:
                detail = _("{rate} in {year} ({achieved} / {target})")
            detail = detail.format(
                rate=format_percent(score.rate),
                year=latest.year,
                achieved=format_number(latest.achieved or 0),
                target=format_number(latest.target),
            )
            label = theme.value_label(
                detail.replace(" )", ")"), shown + peak * 0.015, row, backed=True
            )
            label.setZValue(10)  # over the target line
            self.plot.addItem(label)
        target_line = pg.InfiniteLine(
            pos=1.0, angle=90, pen=theme.pen(palette.INK, 1.2, style=Qt.PenStyle.DashLine)
        )
        self.add("target_line", target_line)
        # The line is named on an axis above the plot, not in it: there its word can never lie
        # over a bar's value, nor be struck through by the line itself.
        top = self.plot.getAxis("top")
        self.plot.showAxis("top")
        top.setTicks([[(1.0, _("target"))], []])
        top.setTickFont(theme.font(theme.BASE_POINT_SIZE - 1))
        top.setTextPen(theme.pen(palette.INK, 1))
        top.setStyle(tickLength=5, showValues=True)
        axis = self.plot.getAxis("left")
        theme.category_ticks(axis, names)
        theme.horizontal_bars(self.plot)
        self.plot.setXRange(0, peak * 1.4, padding=0)
        theme.category_range(self.plot, len(rows))

    @classmethod
    def empty(cls) -> CotriChart:
        return cls(None)

    def fill(self, data: DashboardData) -> None:
        self.set_data(data.scorecard)

    @classmethod
    def from_store(cls, session: Session, contract_id: int | None) -> CotriChart:
        if contract_id is None:
            return cls(None)
        return cls(achievement(session, contract_id))
