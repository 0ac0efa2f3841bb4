"""The plan's timeline (Gantt): actions as bars from start to end date, grouped by section,
coloured by status, today marked, late actions flagged in red with a "!"."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QWheelEvent
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_date
from ..models import ActionStatus
from ..services.progress import Timeline, timeline
from . import theme, titles
from .base import ChartWidget

# An image showing more rows than this leaves the action titles out (they would overlap); the
# view shows a window of rows and scrolls, so it always names them.
MAX_LABELLED_ROWS = 80
# Fewer rows than this are drawn as thin as this many would be.
MIN_ROWS = 12
# Rows moved by one notch of the mouse wheel.
WHEEL_ROWS = 3


def fractional_year(day: date) -> float:
    start = date(day.year, 1, 1)
    length = (date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


class TimelineChart(ChartWidget):
    export_name = "timeline"

    def __init__(
        self, data: Timeline, *, parent: QWidget | None = None, visible_rows: int | None = None
    ) -> None:
        super().__init__(parent=parent, axes={"bottom": theme.YearAxis("bottom")}, interactive=True)
        self.data = data
        self.row_of_action: dict[int, float] = {}
        self.scrolls = False  # more rows than shown: the wheel scrolls them
        self.y_limits = (-1.0, 1.0)
        titles.set_titles(self.plot, _("Plan timeline"), _("Year"))
        if not data.rows:
            self.show_empty(_("No action of this plan has dates yet."))
            return
        self.plot.getViewBox().setMouseEnabled(x=True, y=True)
        self._draw(visible_rows)

    def _draw(self, visible_rows: int | None) -> None:
        data = self.data
        today = fractional_year(data.today)
        positions: list[float] = []
        ticks: list[tuple[float, str]] = []
        headers: list[tuple[float, str]] = []
        row = 0.0
        current: int | str | None = "start"
        for item in data.rows:
            if item.section_id != current:
                current = item.section_id
                section = next(s for s in data.sections if s.section_id == current)
                title = (
                    (f"{section.code}. {section.title}" if section.code else section.title)
                    if current is not None
                    else labels.no_section()
                )
                headers.append((row, title))
                row += 1
            positions.append(row)
            self.row_of_action[item.action_id] = row
            ticks.append((row, labels.shorten(f"{item.code} {item.title}".strip(), 40)))
            row += 1
        ys = -np.array(positions)  # first row at the top
        starts = np.array([fractional_year(r.start or r.end or data.today) for r in data.rows])
        ends = np.array([fractional_year(r.end or r.start or data.today) for r in data.rows])
        # An action with one date is drawn as a short bar (two weeks) so it stays visible.
        ends = np.maximum(ends, starts + 0.04)
        # One brush per status and two pens, shared by the rows (plans hold thousands).
        status_brushes = {
            st: theme.brush(fill) for st, (fill, _t) in palette.STATUS_COLOURS.items()
        }
        late_pen, plain_pen = theme.pen(palette.OFF_TRACK, 2.2), theme.pen(palette.MUTED_INK, 0.6)
        fills = [status_brushes[r.status] for r in data.rows]
        outline = [late_pen if r.late else plain_pen for r in data.rows]
        bars = pg.BarGraphItem(x0=starts, x1=ends, y=ys, height=0.62, brushes=fills, pens=outline)
        self.add("actions", bars)
        late = [i for i, r in enumerate(data.rows) if r.late]
        if late:
            flags = pg.ScatterPlotItem(
                x=ends[late] + 0.12,
                y=ys[late],
                symbol="t1",
                size=11,
                brush=theme.brush(palette.OFF_TRACK),
                pen=pg.mkPen(None),
                hoverable=True,
                data=late,
                tip=lambda x, y, data: _("Late: {title}").format(
                    title=self.data.rows[int(data)].title
                ),
            )
            self.add("late", flags)
        for y, title in headers:
            text = pg.TextItem(labels.shorten(title, 70), color=palette.INK, anchor=(0, 0.5))
            text.setFont(theme.font(theme.BASE_POINT_SIZE, bold=True))
            text.setPos(float(starts.min()), -y)
            self.plot.addItem(text)
        today_line = pg.InfiniteLine(
            pos=today,
            angle=90,
            pen=theme.pen(palette.ACCENT, 1.6, style=Qt.PenStyle.DashLine),
            label=_("today, {date}").format(date=format_date(data.today)),
            labelOpts={
                "position": 0.98,
                "color": palette.ACCENT,
                "fill": theme.brush(palette.BACKGROUND, 230),
            },
        )
        today_line.label.setFont(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
        self.add("today", today_line)
        axis = self.plot.getAxis("left")
        if len(ticks) <= MAX_LABELLED_ROWS or visible_rows is not None:
            axis.setTicks([[(-y, t) for y, t in ticks], []])
            # Room for the names from the first paint: pyqtgraph widens an axis only after
            # painting it, and drops the names that did not fit meanwhile.
            metrics = QFontMetrics(axis.style.get("tickFont") or theme.font(theme.BASE_POINT_SIZE))
            widest = max((metrics.horizontalAdvance(t) for _y, t in ticks), default=0)
            axis.setWidth(min(widest + 16, 360))
        else:
            axis.setTicks([[], []])
        self._key()
        first = float(min(starts.min(), today))
        last = float(max(ends.max(), today))
        self.plot.setXRange(np.floor(first) - 0.25, np.ceil(last) + 0.3, padding=0)
        shown = row if visible_rows is None else min(row, visible_rows)
        # Room for at least MIN_ROWS rows: a plan of four actions is not drawn as slabs.
        span = max(shown, MIN_ROWS)
        self.plot.setYRange(-span + 0.4, 0.6, padding=0)
        # Scrolling stops at the first and last rows.
        self.y_limits = (-max(row, span) - 0.5, 1.0)
        self.plot.getViewBox().setLimits(yMin=self.y_limits[0], yMax=self.y_limits[1])
        self.scrolls = span < row
        self.plot.showGrid(x=True, y=False, alpha=0.25)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel scrolls the rows, as in any list; Ctrl+wheel zooms (pyqtgraph's way)."""
        if not self.scrolls or event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            super().wheelEvent(event)
            return
        self.scroll_rows(-event.angleDelta().y() / 120 * WHEEL_ROWS)
        event.accept()

    def scroll_rows(self, rows: float) -> None:
        """Move the rows shown by ``rows`` (positive: towards the last), within the plan."""
        view = self.plot.getViewBox()
        low, high = view.viewRange()[1]
        span = high - low
        bottom, top = self.y_limits
        new_high = min(top, max(bottom + span, high - rows))
        view.setYRange(new_high - span, new_high, padding=0)

    def action_at(self, x: float, y: float) -> int | None:
        """The action whose row is at ``y`` (view coordinates), or None between rows."""
        for action_id, row in self.row_of_action.items():
            if abs(-row - y) <= 0.4:
                return action_id
        return None

    def _key(self) -> None:
        """The colour key under the title, not over the bars: a plan's timeline fills the
        whole plot, and a legend box there would hide its last rows."""
        present = {row.status for row in self.data.rows}
        entries = [
            # the pale grey of "to come" is drawn as an outlined square, as its bars are
            (palette.MUTED_INK, labels.legend_label(status), "□")
            if status == ActionStatus.TO_COME
            else (fill, labels.legend_label(status), "■")
            for status, (fill, _text) in palette.STATUS_COLOURS.items()
            if status in present
        ]
        if any(r.late for r in self.data.rows):
            entries.append((palette.OFF_TRACK, _("late (end date passed)"), "▲"))
        titles.title_with_key(self.plot, _("Plan timeline"), entries, per_line=5)

    @classmethod
    def from_store(
        cls, session: Session, plan_id: int | None, *, visible_rows: int | None = None
    ) -> TimelineChart:
        if plan_id is None:
            return cls(Timeline([], [], date.today()))
        return cls(timeline(session, plan_id), visible_rows=visible_rows)
