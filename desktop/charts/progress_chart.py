"""Plan progress over time: at each past committee and today, the share of actions done, in
progress and to come (100 % stacked bars), from the change log."""

from __future__ import annotations

import textwrap

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_date, format_percent
from ..models import ActionStatus
from ..services.dashboard_data import DashboardData
from ..services.progress_history import ProgressPoint, Stage, progress_over_time
from . import theme, titles
from .base import ChartWidget

# A stage gathers the actions of one status and is named after it.
_STAGE_STATUS = {
    Stage.DONE: ActionStatus.DONE,
    Stage.IN_PROGRESS: ActionStatus.IN_PROGRESS,
    Stage.TO_COME: ActionStatus.TO_COME,
}

STAGE_COLOURS = {
    Stage.DONE: palette.STATUS_COLOURS[ActionStatus.DONE][0],
    Stage.IN_PROGRESS: palette.STATUS_COLOURS[ActionStatus.IN_PROGRESS][0],
    Stage.TO_COME: palette.STATUS_COLOURS[ActionStatus.TO_COME][0],
}
TEXT_COLOURS = {
    Stage.DONE: palette.STATUS_COLOURS[ActionStatus.DONE][1],
    Stage.IN_PROGRESS: palette.STATUS_COLOURS[ActionStatus.IN_PROGRESS][1],
    Stage.TO_COME: palette.STATUS_COLOURS[ActionStatus.TO_COME][1],
}


def committee_label(title: str, width: int) -> str:
    """A committee's title on at most two lines of about ``width`` characters."""
    lines = textwrap.wrap(title, width) or [""]
    if len(lines) > 2:
        lines = [lines[0], labels.shorten(" ".join(lines[1:]), width)]
    return "\n".join(lines)


class ProgressChart(ChartWidget):
    export_name = "progress"

    def __init__(self, points: list[ProgressPoint], *, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axes={"left": theme.PercentAxis("left")})
        self.set_data(points)

    def set_data(self, points: list[ProgressPoint]) -> None:
        self.reset()
        self.points = points
        titles.set_titles(
            self.plot, _("Progress of the plan at each committee"), "", _("Share of the actions")
        )
        if not points or all(p.total == 0 for p in points):
            self.show_empty(_("This plan has no action yet."))
            return
        self._draw()

    def _draw(self) -> None:
        xs = np.arange(len(self.points), dtype=float)
        base = np.zeros(len(self.points))
        legend = self.legend_box(columns=3, corner="top-left")
        for stage in (Stage.DONE, Stage.IN_PROGRESS, Stage.TO_COME):
            shares = np.array([p.share(stage) for p in self.points])
            bars = pg.BarGraphItem(
                x=xs,
                height=shares,
                y0=base.copy(),
                width=0.6,
                brush=theme.brush(STAGE_COLOURS[stage]),
                pen=theme.pen(palette.BACKGROUND, 1),
            )
            self.add(str(stage), bars)
            legend.addItem(bars, labels.label(_STAGE_STATUS[stage]))
            for x, y0, share in zip(xs, base, shares, strict=True):
                if share >= 0.06:
                    self.plot.addItem(
                        theme.value_label(
                            format_percent(share),
                            x,
                            y0 + share / 2,
                            anchor=(0.5, 0.5),
                            colour_hex=TEXT_COLOURS[stage],
                        )
                    )
            base += shares
        for x, point in zip(xs, self.points, strict=True):
            if point.total == 0:
                # The change log starts with the store: before it, nothing is known.
                # Upright, in the bar's place: across, it would run into the next slots.
                self.plot.addItem(
                    theme.value_label(
                        _("nothing recorded yet"),
                        x,
                        0.5,
                        anchor=(0.5, 0.5),
                        colour_hex=palette.MUTED_INK,
                        angle=90,
                    )
                )
        # Committee titles are long: wrapped on two lines, as narrow as a slot of a tile (the
        # range is at least four slots wide), so that neighbours' names never run together.
        slots = max(len(self.points), 4)
        width = max(10, min(40, 56 // slots))
        names = [
            f"{committee_label(p.label, width)}\n{format_date(p.day)}"
            if p.label
            else _("Today\n{date}").format(date=format_date(p.day))
            for p in self.points
        ]
        axis = self.plot.getAxis("bottom")
        theme.category_ticks(axis, names)
        # At least four committees wide: today alone is not drawn as a slab.
        half = max(len(self.points) / 2 + 0.1, 2.0)
        centre = (len(self.points) - 1) / 2
        self.plot.setXRange(centre - half, centre + half, padding=0)
        self.plot.setYRange(0, 1.15, padding=0)

    @classmethod
    def empty(cls) -> ProgressChart:
        return cls([])

    def fill(self, data: DashboardData) -> None:
        self.set_data(data.progress)

    @classmethod
    def from_store(cls, session: Session, plan_id: int | None) -> ProgressChart:
        if plan_id is None:
            return cls([])
        return cls(progress_over_time(session, plan_id))
