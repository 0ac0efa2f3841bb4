"""The dashboard: are we on track? Tiles for GHG by sector, energy and renewables, action
status, budget by section, the COTRI scorecard and the indicators behind their trajectory.
Each tile opens its detail view."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ... import labels, palette
from ...charts import registry as chart_kinds
from ...charts.base import ChartWidget
from ...charts.status_chart import NO_STATUSES
from ...i18n import _, format_number, format_percent, ngettext
from ...labels import terms_tooltip
from ...services.analysis import IndicatorStatus
from ...services.dashboard_data import DashboardData, dashboard_data
from ...services.progress import StatusCounts
from ...services.trajectory import TrackStatus
from ..change_notice import ChangeNotice
from ..context import AppContext
from .base import View

TILE_HEIGHT = 340
_TRACK_COLOURS = {
    TrackStatus.OFF_TRACK: palette.OFF_TRACK,
    TrackStatus.SLIGHTLY_BEHIND: palette.SLIGHTLY_BEHIND,
}


# Below this width two tiles side by side (each at least ~260 px) do not fit beside each other.
TWO_COLUMNS_WIDTH = 640


class Tile(QFrame):
    """A framed panel with a title, an "Open" button, and a body (a chart or a list)."""

    def __init__(self, title: str, open_label: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardTile")
        self.setStyleSheet(
            f"#dashboardTile {{ background: {palette.BACKGROUND}; border: 1px solid {palette.GRID};"
            " border-radius: 6px; }"
        )
        self.setMinimumHeight(TILE_HEIGHT)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 10)
        header = QHBoxLayout()
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet(f"font-weight: 600; color: {palette.INK};")
        # Wraps rather than widening the tile: two columns fit a narrow window without a
        # horizontal scroll bar.
        self.title_label.setWordWrap(True)
        # What an acronym in the title stands for (COTRI): partners abroad do not know it.
        explanation = terms_tooltip(title)
        if explanation:
            self.title_label.setToolTip(explanation)
            self.title_label.setAccessibleDescription(explanation)
        header.addWidget(self.title_label, 1)
        self.open_button = QToolButton()
        self.open_button.setText(open_label)
        self.open_button.setAutoRaise(True)
        self.open_button.setStyleSheet(f"color: {palette.ACCENT};")
        header.addWidget(self.open_button)
        layout.addLayout(header)
        self.body: QWidget | None = None
        self._body_layout = layout

    def set_body(self, widget: QWidget) -> None:
        if self.body is not None:
            self._body_layout.removeWidget(self.body)
            self.body.deleteLater()
        self.body = widget
        self._body_layout.addWidget(widget, 1)

    def on_open(self, callback: Callable[[], None]) -> None:
        self.open_button.clicked.connect(callback)


class DashboardView(View):
    key = "dashboard"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.data: DashboardData | None = None
        self._peers_fresh = False
        self.charts: dict[str, ChartWidget] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        content.setObjectName("dashboardContent")
        content.setStyleSheet(f"#dashboardContent {{ background: {palette.PANEL}; }}")
        scroll.setWidget(content)
        grid = QGridLayout(content)
        grid.setContentsMargins(12, 12, 12, 12)
        grid.setSpacing(12)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        self.heading = QLabel()
        self.heading.setStyleSheet(f"font-size: 15pt; font-weight: 600; color: {palette.INK};")
        self.heading.setWordWrap(True)
        heading.addWidget(self.heading)
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {palette.MUTED_INK};")
        self.summary.setWordWrap(True)
        heading.addWidget(self.summary)
        grid.addLayout(heading, 0, 0, 1, 2)
        self.tiles = {
            "emissions": Tile(_("Greenhouse gas emissions"), _("Open indicator ›")),
            "energy": Tile(_("Energy and renewables"), _("Open indicator ›")),
            "status": Tile(_("Action status"), _("Open actions ›")),
            "budget": Tile(_("Budget"), _("Open actions ›")),
            "progress": Tile(_("Progress at each committee"), _("Open committees ›")),
            "cotri": Tile(_("COTRI contract"), _("Open contract ›")),
            "behind": Tile(_("Indicators behind their trajectory"), _("Open indicators ›")),
            # shown only when the store holds enough other territories to compare with
            "peers": Tile(_("Comparison with other territories"), _("Open indicator ›")),
        }
        self._grid = grid
        self._columns = 0
        self._place_tiles(2)
        self.tiles["emissions"].on_open(lambda: self._open_indicator("emissions"))
        self.tiles["energy"].on_open(lambda: self._open_indicator("energy"))
        self.tiles["status"].on_open(lambda: self.context.navigate("actions"))
        self.tiles["budget"].on_open(lambda: self.context.navigate("actions"))
        self.tiles["cotri"].on_open(self._open_contract)
        self.tiles["behind"].on_open(lambda: self.context.navigate("indicators"))
        self.tiles["progress"].on_open(lambda: self.context.navigate("meetings"))
        self.tiles["peers"].on_open(lambda: self._open_indicator("emissions"))
        self.tiles["peers"].hide()
        self.behind_list = QListWidget()
        self.behind_list.setStyleSheet("QListWidget { border: none; }")
        # Long indicator names and notes wrap in the half-width tile instead of being cut.
        self.behind_list.setWordWrap(True)
        self.behind_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.behind_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.behind_list.itemActivated.connect(self._open_behind)
        self.tiles["behind"].set_body(self.behind_list)
        self._build_charts()

    def title(self) -> str:
        return _("Dashboard")

    def _place_tiles(self, columns: int) -> None:
        """The headline (emissions by sector, many parts and a wide legend) spans the width;
        the other tiles go two by two under it, or one under the other in a narrow window
        (two side by side would not fit and the whole page would scroll sideways)."""
        if columns == self._columns:
            return
        self._columns = columns
        grid = self._grid
        grid.addWidget(self.tiles["emissions"], 1, 0, 1, 2)
        for index, tile in enumerate(list(self.tiles.values())[1:]):
            if columns == 2:
                grid.addWidget(tile, 2 + index // 2, index % 2)
            else:
                grid.addWidget(tile, 2 + index, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._place_tiles(2 if event.size().width() >= TWO_COLUMNS_WIDTH else 1)
        super().resizeEvent(event)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.data is None:
            self.refresh()

    def refresh(self) -> None:
        keep_peers = self._keeps_peers()
        self._show(self._reader(keep_peers)(), keep_peers)

    def _keeps_peers(self) -> bool:
        # The comparison with the other territories ranks every territory's values: kept
        # until values or territories change, or another territory is shown.
        previous = self.data
        return (
            previous is not None
            and self._peers_fresh
            and previous.territory_id == (self.context.territory_id or previous.territory_id)
        )

    def _reader(self, keep_peers: bool) -> Callable[[], DashboardData]:
        """What the tiles show, read with what the context says now (about 110 ms on a store
        of 10,000 actions); the reader touches no Qt, so it may run on a worker."""
        store, territory_id = self.context.store, self.context.territory_id
        plan_id = self.context.plan_id

        def read() -> DashboardData:
            with store.session() as session:
                return dashboard_data(
                    session, territory_id=territory_id, plan_id=plan_id, with_peers=not keep_peers
                )

        return read

    def _show(self, data: DashboardData, keep_peers: bool) -> None:
        previous = self.data
        if keep_peers and previous is not None and data.territory_id == previous.territory_id:
            data = replace(
                data, peers=previous.peers, peers_indicator_name=previous.peers_indicator_name
            )
        self.data = data
        self._peers_fresh = True
        self._fill(data)

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if notice.touches(("observation", "territory", "indicator")):
            self._peers_fresh = False
        if self.isVisible() and self.concerned_by(notice):
            keep_peers = self._keeps_peers()
            self.read_in_background(
                self._reader(keep_peers), lambda data: self._show(data, keep_peers)
            )

    def _build_charts(self) -> None:
        """Every tile's chart, empty until the first refresh: built with the view, so the tiles
        are laid out with their charts from the first paint; refreshes draw in them."""
        for tile, kind in chart_kinds.dashboard_tiles().items():
            self._set_chart(tile, kind.widget_class().empty())

    def _fill(self, data: DashboardData) -> None:
        statuses = data.statuses or NO_STATUSES
        for chart in self.charts.values():
            chart.fill(data)
        self.tiles["peers"].setVisible(data.peers is not None)
        self._fill_behind(data)
        self.heading.setText(
            " — ".join(name for name in (data.territory_name, data.plan_title) if name)
            or _("Dashboard")
        )
        self.summary.setText(self._summary(data, statuses))

    def _set_chart(self, key: str, chart: ChartWidget) -> None:
        chart.setMinimumHeight(TILE_HEIGHT - 50)
        chart.setToolTip(_("Double-click to open; right-click to export"))
        tile = self.tiles[key]
        # A double-click on the chart opens the detail view, like the tile's button.
        chart.scene().sigMouseClicked.connect(
            lambda event: tile.open_button.click() if event.double() else None
        )
        self.charts[key] = chart
        tile.set_body(chart)

    def _fill_behind(self, data: DashboardData) -> None:
        """Indicators behind their trajectory, worst first, then those on track (greyed) and
        how many cannot be assessed, so an empty list is never ambiguous."""
        self.behind_list.clear()
        if not data.behind:
            self._add_note(
                _("No indicator is behind its trajectory.")
                if data.on_track
                else _("No indicator with a target and a measured value to assess yet.")
            )
        for row in data.behind:
            self._add_indicator(row, _TRACK_COLOURS.get(row.track.status, palette.INK))
        for row in data.on_track:
            self._add_indicator(row, palette.MUTED_INK)
        if data.not_assessed:
            self._add_note(
                ngettext(
                    "{count} indicator with a target is not assessed (no measured value "
                    "in the span of its trajectory).",
                    "{count} indicators with a target are not assessed (no measured value "
                    "in the span of their trajectory).",
                    data.not_assessed,
                ).format(count=format_number(data.not_assessed))
            )

    def _add_note(self, text: str) -> None:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(QColor(palette.MUTED_INK))
        self.behind_list.addItem(item)

    def _add_indicator(self, row: IndicatorStatus, colour: str) -> None:
        gap = row.track.gap or 0.0
        if gap > 0:
            text = _("{name}: {status} in {year} ({gap} behind; {actual} {unit})")
        else:
            text = _("{name}: {status} in {year} ({gap} ahead; {actual} {unit})")
        item = QListWidgetItem(
            "●  "
            + text.format(
                name=row.name,
                status=labels.legend_label(row.track.status).lower(),
                year=row.track.year,
                gap=format_percent(abs(gap), decimals=1),
                actual=format_number(row.track.actual or 0.0),
                unit=row.unit,
            ).replace(" )", ")")
        )
        item.setData(Qt.ItemDataRole.UserRole, row.indicator_id)
        item.setForeground(QColor(colour))
        item.setToolTip(_("Open this indicator"))
        self.behind_list.addItem(item)

    def _summary(self, data: DashboardData, statuses: StatusCounts) -> str:
        if data.territory_id is None:
            return _("The store holds no territory yet: import or create one to see its dashboard.")
        parts = [
            ngettext(
                "{count} action, {late} late", "{count} actions, {late} late", statuses.total
            ).format(count=format_number(statuses.total), late=format_number(statuses.late)),
            ngettext(
                "{count} indicator behind its trajectory",
                "{count} indicators behind their trajectory",
                len(data.behind),
            ).format(count=format_number(len(data.behind))),
        ]
        if data.scorecard is not None and data.scorecard.overall is not None:
            parts.append(
                _("COTRI achieved at {rate}").format(rate=format_percent(data.scorecard.overall))
            )
        return " · ".join(parts)

    def _open_indicator(self, which: str) -> None:
        if self.data is None:
            return
        indicator_id = (
            self.data.emissions_indicator_id
            if which == "emissions"
            else self.data.energy_indicator_id
        )
        self.context.navigate("indicators", indicator_id)

    def _open_contract(self) -> None:
        self.context.navigate("contracts", self.data.contract_id if self.data else None)

    def _open_behind(self, item: QListWidgetItem) -> None:
        indicator_id = item.data(Qt.ItemDataRole.UserRole)
        if indicator_id is not None:
            self.context.navigate("indicators", int(indicator_id))
