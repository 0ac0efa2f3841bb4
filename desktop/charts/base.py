"""The widget every chart is: a themed pyqtgraph plot that remembers its series (for tests and
exports), says so when there is nothing to draw, and carries the export context menu."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from .. import palette
from ..i18n import _
from . import theme

if TYPE_CHECKING:
    from sqlmodel import Session

    from ..services.dashboard_data import DashboardData


class ChartWidget(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph is untyped
    """A chart. Subclasses draw in ``self.plot`` and record what they drew in ``self.series``
    (name -> the pyqtgraph item), so the same widget serves the dashboard, tests and images."""

    #: file name stem proposed by "Export as PNG"
    export_name = "chart"

    def __init__(
        self,
        *,
        parent: QWidget | None = None,
        axes: dict[str, pg.AxisItem] | None = None,
        interactive: bool = False,
    ) -> None:
        theme.ensure_app()
        super().__init__(parent=parent, background=palette.BACKGROUND, axisItems=axes)
        self.plot: pg.PlotItem = self.getPlotItem()
        self.series: dict[str, Any] = {}
        self.legend: pg.LegendItem | None = None
        theme.style_axes(self.plot)
        # Our context menu (export, copy) replaces pyqtgraph's technical one.
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.getViewBox().setMouseEnabled(x=interactive, y=interactive)
        self.setMinimumSize(240, 180)
        from .export import install_context_menu  # export imports this module

        install_context_menu(self)

    @classmethod
    def from_store(cls, session: Session, scope_id: int | None, /) -> Self:
        """The chart filled from the store for the id of what it is a chart of (a territory,
        a plan or a contract: its kind's ``scope`` in ``charts.registry``)."""
        raise NotImplementedError(cls.__name__)

    @classmethod
    def empty(cls) -> Self:
        """The chart of a dashboard tile before the first refresh (a kind with a ``tile``)."""
        raise NotImplementedError(cls.__name__)

    def fill(self, data: DashboardData) -> None:
        """Draw the dashboard's data in this tile's chart (a kind with a ``tile``)."""
        raise NotImplementedError(type(self).__name__)

    def reset(self) -> None:
        """Empty the chart before drawing new data in the same widget (a refresh reuses the
        widgets: building a plot costs more than drawing in it)."""
        self.plot.clear()
        if self.legend is not None:
            self.legend.clear()
        self.series.clear()
        for side in ("left", "bottom"):
            self.plot.showAxis(side)
            self.plot.getAxis(side).setTicks(None)
        theme.reset_category_axes(self.plot)
        theme.forget_label_room(self.plot)
        self.plot.showGrid(x=False, y=True, alpha=0.35)

    def add(self, name: str, item: Any) -> Any:
        """Add an item to the plot and remember it under ``name``."""
        self.plot.addItem(item)
        self.series[name] = item
        return item

    def show_empty(self, message: str | None = None) -> None:
        """A quiet sentence instead of empty axes."""
        self.plot.hideAxis("left")
        self.plot.hideAxis("bottom")
        self.plot.showGrid(x=False, y=False)
        text = pg.TextItem(
            message or _("No data to show yet."), color=palette.MUTED_INK, anchor=(0.5, 0.5)
        )
        text.setFont(theme.font(theme.BASE_POINT_SIZE + 1))
        self.plot.addItem(text)
        text.setPos(0.5, 0.5)
        self.plot.setXRange(0, 1, padding=0)
        self.plot.setYRange(0, 1, padding=0)
        self.series["empty"] = text

    @property
    def is_empty(self) -> bool:
        return "empty" in self.series

    def legend_box(self, *, columns: int = 1, corner: str = "top-right") -> pg.LegendItem:
        if self.legend is None:
            self.legend = theme.add_legend(self.plot, columns=columns, corner=corner)
        return self.legend
