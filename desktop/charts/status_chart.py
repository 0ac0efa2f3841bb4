"""Distribution of the plan's actions by status: one horizontal bar per status, with its count
and share written next to it (never colour alone)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_number, format_percent, ngettext
from ..models import ActionStatus
from ..services.dashboard_data import DashboardData
from ..services.progress import StatusCounts, status_counts
from . import theme, titles
from .base import ChartWidget

# No action yet: what the tile shows before its first refresh.
NO_STATUSES = StatusCounts(dict.fromkeys(ActionStatus, 0), 0)


class StatusChart(ChartWidget):
    export_name = "actions-by-status"

    def __init__(self, counts: StatusCounts, *, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axes={"bottom": theme.LocaleAxis("bottom", integers=True)})
        self.set_data(counts)

    def set_data(self, counts: StatusCounts) -> None:
        self.reset()
        self.counts = counts
        total = counts.total
        title = ngettext(
            "Actions by status ({count} action, {late} late)",
            "Actions by status ({count} actions, {late} late)",
            total,
        ).format(count=format_number(total), late=format_number(counts.late))
        titles.set_titles(self.plot, title, _("Number of actions"))
        if total == 0:
            self.show_empty(_("This plan has no action yet."))
            return
        self._draw()

    def _draw(self) -> None:
        # Top to bottom in the order of the status list; empty statuses are left out.
        shown = [(s, n) for s, n in self.counts.by_status.items() if n > 0]
        shown.reverse()
        total = self.counts.total
        peak = max(n for _s, n in shown)
        starts = []
        for row, (status, count) in enumerate(shown):
            fill, _text = palette.STATUS_COLOURS[status]
            bar = pg.BarGraphItem(
                x0=[0],
                y=[row],
                height=[0.7],
                width=[count],
                brush=theme.brush(fill),
                pen=theme.pen(palette.MUTED_INK, 0.6),
            )
            self.add(str(status), bar)
            text = _("{count} ({share})").format(
                count=format_number(count), share=format_percent(count / total)
            )
            starts.append((count + peak * 0.02, text))
            self.plot.addItem(theme.value_label(text, count + peak * 0.02, row))
        axis = self.plot.getAxis("left")
        theme.category_ticks(axis, [labels.legend_label(s) for s, _n in shown])
        theme.horizontal_bars(self.plot)
        theme.keep_labels_in_view(self.plot, starts, minimum=peak * 1.25)
        theme.category_range(self.plot, len(shown))

    @classmethod
    def empty(cls) -> StatusChart:
        return cls(NO_STATUSES)

    def fill(self, data: DashboardData) -> None:
        self.set_data(data.statuses or NO_STATUSES)

    @classmethod
    def from_store(cls, session: Session, plan_id: int | None) -> StatusChart:
        if plan_id is None:
            from ..models import ActionStatus

            return cls(StatusCounts(dict.fromkeys(ActionStatus, 0), 0))
        return cls(status_counts(session, plan_id))
