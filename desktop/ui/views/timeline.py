"""The plan's timeline (Gantt) as a view: scroll through the actions by section, see today and
the late ones; a double-click on a bar opens the action."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ... import palette
from ...charts.timeline_chart import TimelineChart
from ...i18n import _, format_number, ngettext
from ...services.dashboard_data import default_plan, default_territory
from ...services.progress import Timeline, timeline
from ..change_notice import ChangeNotice
from ..context import AppContext
from .base import View

# Rows shown at once; the rest is reached by scrolling the chart.
VISIBLE_ROWS = 28


class TimelineView(View):
    key = "timeline"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.data: Timeline | None = None
        self.chart: TimelineChart | None = None
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.late_only = QCheckBox(_("Late actions only"))
        self.late_only.toggled.connect(self._redraw)
        bar.addWidget(self.late_only)
        bar.addSpacing(16)
        hint = QLabel(
            _(
                "Double-click a bar to open its action · the wheel scrolls the rows, "
                "Ctrl+wheel zooms · right-click to export"
            )
        )
        hint.setStyleSheet(f"color: {palette.MUTED_INK};")
        # Wraps instead of widening the view past the window (Dutch and French run long).
        hint.setWordWrap(True)
        bar.addWidget(hint, 1)
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {palette.MUTED_INK};")
        bar.addWidget(self.summary)
        layout.addLayout(bar)
        self._layout = layout

    def title(self) -> str:
        return _("Timeline")

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.data is None:
            self.refresh()

    def refresh(self) -> None:
        self._show(self._reader()())

    def _reader(self) -> Callable[[], Timeline | None]:
        """The plan's timeline, read with what the context says now (about 70 ms on a plan of
        10,000 actions); the reader touches no Qt, so it may run on a worker."""
        store, territory_id, plan_id = (
            self.context.store,
            self.context.territory_id,
            self.context.plan_id,
        )

        def read() -> Timeline | None:
            with store.session() as session:
                shown = plan_id or default_plan(session, territory_id or default_territory(session))
                return timeline(session, shown) if shown is not None else None

        return read

    def _show(self, data: Timeline | None) -> None:
        self.data = data
        self._redraw()

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if self.isVisible() and self.concerned_by(notice):
            self.read_in_background(self._reader(), self._show)

    def _shown(self) -> Timeline:
        data = self.data or Timeline([], [], date.today())
        if not self.late_only.isChecked():
            return data
        rows = [r for r in data.rows if r.late]
        kept = {r.section_id for r in rows}
        return replace(data, rows=rows, sections=[s for s in data.sections if s.section_id in kept])

    def _redraw(self) -> None:
        shown = self._shown()
        chart = TimelineChart(shown, visible_rows=VISIBLE_ROWS)
        chart.scene().sigMouseClicked.connect(self._clicked)
        if self.chart is not None:
            self._layout.removeWidget(self.chart)
            self.chart.deleteLater()
        self.chart = chart
        self._layout.addWidget(chart, 1)
        late = sum(1 for r in shown.rows if r.late)
        self.summary.setText(
            ngettext(
                "{count} dated action, {late} late",
                "{count} dated actions, {late} late",
                len(shown.rows),
            ).format(count=format_number(len(shown.rows)), late=format_number(late))
        )

    def _clicked(self, event: object) -> None:
        if self.chart is None or not getattr(event, "double", lambda: False)():
            return
        point = self.chart.plot.getViewBox().mapSceneToView(event.scenePos())  # type: ignore[attr-defined]
        action_id = self.chart.action_at(point.x(), point.y())
        if action_id is not None:
            self.context.navigate("actions", action_id)
