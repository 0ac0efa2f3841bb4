"""One indicator for one territory: measured and estimated values, the trajectory to the
targets, target markers at the horizons, the on-track band and the recent pace."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlmodel import Session

from .. import labels, palette
from ..i18n import _, format_number, format_percent
from ..labels import provenance
from ..models import Direction, ObservationKind, ValueOrigin
from ..services.analysis import IndicatorAnalysis, Point, indicator_analysis
from ..services.reference_comparison import ChartReference, indicator_reference
from ..services.referential import display_name
from ..services.trajectory import TrackStatus
from . import theme, titles
from .base import ChartWidget
from .reference_overlay import draw_reference, target_markers

_STATUS_COLOURS = {
    TrackStatus.ON_TRACK: palette.ON_TRACK,
    TrackStatus.SLIGHTLY_BEHIND: palette.SLIGHTLY_BEHIND,
    TrackStatus.OFF_TRACK: palette.OFF_TRACK,
    TrackStatus.UNKNOWN: palette.MUTED_INK,
}


def point_tip(point: Point, unit: str) -> str:
    """The hover text: year, value in the locale with its unit, provenance and source."""
    lines = [
        _("{year}: {value} {unit}")
        .format(year=point.year, value=format_number(point.value), unit=unit)
        .strip(),
        provenance(point.kind, point.origin),
    ]
    if point.computed:
        lines.append(_("Sum of its parts (no value entered for this year)"))
    if point.source:
        lines.append(_("Source: {source}").format(source=point.source))
    return "\n".join(lines)


class IndicatorChart(ChartWidget):
    export_name = "indicator"

    @classmethod
    def of(cls, read: IndicatorChartRead, *, parent: QWidget | None = None) -> IndicatorChart:
        """The chart of what ``indicator_chart_read`` returned."""
        return cls(read.analysis, reference=read.reference, parent=parent)

    def __init__(
        self,
        analysis: IndicatorAnalysis,
        *,
        until_year: int | None = None,
        reference: ChartReference | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``until_year``: nothing is drawn past it (a contract's end); ``reference``: the SNBC
        reference of the sector the indicator stands for, in its unit
        (``services.reference_comparison.indicator_reference``)."""
        super().__init__(
            parent=parent,
            axes={"left": theme.LocaleAxis("left"), "bottom": theme.YearAxis("bottom")},
            interactive=True,
        )
        self.analysis = analysis
        # Nothing is drawn past this year (a contract's end): no pace extrapolated beyond it.
        self.until_year = until_year
        self.reference = reference
        self.export_name = analysis.indicator.code or "indicator"
        self._draw()

    def _draw(self) -> None:
        a = self.analysis
        unit = a.indicator.unit
        titles.set_titles(self.plot, self._title(), _("Year"), theme.axis_title(_("Value"), unit))
        reason = self._not_assessed_reason()
        if reason and a.points:
            titles.two_line_title(self.plot, self._title(), reason)
        if not a.points:
            self.show_empty(_("No value recorded for this indicator and territory."))
            return
        legend = self.legend_box(corner=self._legend_corner())
        if a.trajectory is not None:
            self._draw_band()
            years = [y for y, _v in a.trajectory.points]
            values = [v for _y, v in a.trajectory.points]
            self.add(
                "trajectory",
                pg.PlotDataItem(
                    years,
                    values,
                    pen=theme.pen(palette.TRAJECTORY, 2, style=Qt.PenStyle.DashLine),
                    name=_("Trajectory to the targets"),
                ),
            )
        self._draw_points(
            "measured", a.measured, palette.MEASURED, _("Measured or modelled"), filled=True
        )
        self._draw_points(
            "estimated",
            a.estimated,
            palette.ESTIMATED,
            _("Estimated or illustrative"),
            filled=False,
        )
        self._draw_targets()
        self._draw_projection()
        draw_reference(self, self.reference, a.indicator.unit)
        legend.setZValue(100)
        self._frame_degenerate_ranges()

    def _not_assessed_reason(self) -> str:
        """Why there is no on-track status, said under the title."""
        a = self.analysis
        if a.track.status != TrackStatus.UNKNOWN:
            return ""
        if not a.targets:
            return _("Not assessed: no target is set for this indicator.")
        if a.trajectory is None:
            return _("Not assessed: the reference year of the targets has no value.")
        if not a.points:
            return _("Not assessed: no value yet.")
        return _("Not assessed: the last year with a value is outside the trajectory.")

    def _frame_degenerate_ranges(self) -> None:
        """One value (or one year) gives pyqtgraph a zero-wide range it stretches to
        14 470 854,6 … 14 470 855,4: show it from zero and a few years around instead."""
        a = self.analysis
        ys = [p.value for p in a.points] + [t.value for t in a.targets if t.value is not None]
        if a.trajectory is not None:
            ys += [v for _y, v in a.trajectory.points]
        xs = [p.year for p in a.points] + [t.horizon_year for t in a.targets]
        if max(ys) - min(ys) <= 1e-9 * max(1.0, abs(max(ys))):
            top = max(ys)
            if top > 0:
                self.plot.setYRange(0, top * 1.25, padding=0)
            elif top < 0:
                self.plot.setYRange(top * 1.25, 0, padding=0)
            else:
                self.plot.setYRange(-1, 1, padding=0)
        if max(xs) == min(xs):
            self.plot.setXRange(xs[0] - 2.5, xs[0] + 2.5, padding=0)

    def _title(self) -> str:
        a = self.analysis
        track = a.track
        if track.status == TrackStatus.UNKNOWN or track.year is None:
            return display_name(a.indicator)
        status = labels.legend_label(track.status).lower()
        gap = format_percent(abs(track.gap or 0.0), decimals=1)
        if (track.gap or 0.0) > 0:
            text = _("{name} — {status} in {year}: {gap} behind the trajectory")
        else:
            text = _("{name} — {status} in {year}: {gap} ahead of the trajectory")
        title = text.format(name=display_name(a.indicator), status=status, year=track.year, gap=gap)
        assessed = a.assessed
        if assessed is not None and (
            assessed.kind != ObservationKind.MEASURED or assessed.origin != ValueOrigin.AUTHORITY
        ):
            # an observatory's model, an estimate, an illustrative value: say so
            title += " " + _("({provenance})").format(
                provenance=provenance(assessed.kind, assessed.origin).lower()
            )
        return title

    def _legend_corner(self) -> str:
        # The empty corner: falling lines leave the bottom left free, rising ones the top left.
        if self.analysis.indicator.direction == Direction.LOWER_IS_BETTER:
            return "bottom-left"
        return "top-left"

    def _draw_points(
        self, name: str, points: list[Point], colour: str, label: str, *, filled: bool
    ) -> None:
        if not points:
            return
        unit = self.analysis.indicator.unit
        xs = np.array([p.year for p in points], dtype=float)
        ys = np.array([p.value for p in points], dtype=float)
        line_style = Qt.PenStyle.SolidLine if filled else Qt.PenStyle.DotLine
        curve = pg.PlotDataItem(
            xs, ys, pen=theme.pen(colour, 2 if filled else 1.2, style=line_style)
        )
        self.add(f"{name}_line", curve)
        scatter = pg.ScatterPlotItem(
            x=xs,
            y=ys,
            data=list(range(len(points))),
            size=9,
            symbol="o",
            pen=theme.pen(colour, 1.5),
            brush=theme.brush(colour) if filled else theme.brush(palette.BACKGROUND),
            hoverable=True,
            hoverSize=12,
            hoverBrush=theme.brush(palette.ACCENT),
            tip=lambda x, y, data: point_tip(points[int(data)], unit),
            name=label,
        )
        self.add(name, scatter)  # named: the legend lists it

    def _draw_targets(self) -> None:
        targets = [t for t in self.analysis.targets if t.value is not None]
        if not targets:
            return
        unit = self.analysis.indicator.unit
        points = [(t.horizon_year, float(t.value or 0.0)) for t in targets]
        self.add("targets", target_markers(points, unit, _("Targets")))
        for target in targets:
            text = pg.TextItem(
                format_number(target.value or 0.0, decimals=_decimals(target.value or 0.0)),
                color=palette.TARGET,
                anchor=(0.5, 1.3),
            )
            text.setFont(theme.font(theme.BASE_POINT_SIZE - 1, bold=True))
            text.setPos(float(target.horizon_year), float(target.value or 0.0))
            self.plot.addItem(text)

    def _draw_band(self) -> None:
        """On track: within the tolerance of the trajectory (or ahead); the slightly-behind zone
        beyond it on the worse side."""
        a = self.analysis
        trajectory = a.trajectory
        assert trajectory is not None
        years = np.arange(trajectory.start_year, trajectory.end_year + 1, dtype=float)
        expected = np.array([trajectory.expected(float(y)) or 0.0 for y in years])
        on_track, slightly = a.thresholds
        worse = 1.0 if a.indicator.direction == Direction.LOWER_IS_BETTER else -1.0
        tolerance = expected + worse * np.abs(expected) * on_track
        behind = expected + worse * np.abs(expected) * slightly
        better = expected - worse * np.abs(expected) * on_track
        edges = {
            "band_better": better,
            "band_tolerance": tolerance,
            "band_behind": behind,
        }
        curves = {}
        for name, values in edges.items():
            curve = pg.PlotDataItem(years, values, pen=pg.mkPen(None))
            self.add(name, curve)
            curves[name] = curve
        green = pg.FillBetweenItem(
            curves["band_better"], curves["band_tolerance"], brush=theme.brush(palette.ON_TRACK, 45)
        )
        amber = pg.FillBetweenItem(
            curves["band_tolerance"],
            curves["band_behind"],
            brush=theme.brush(palette.SLIGHTLY_BEHIND, 40),
        )
        self.add("on_track_band", green)
        self.add("slightly_behind_band", amber)
        if self.legend is not None:
            self.legend.addItem(
                pg.BarGraphItem(
                    x=[0],
                    height=[0],
                    width=0,
                    brush=theme.brush(palette.ON_TRACK, 90),
                    pen=pg.mkPen(None),
                ),
                _("On track (within {share})").format(share=format_percent(on_track)),
            )
            self.legend.addItem(
                pg.BarGraphItem(
                    x=[0],
                    height=[0],
                    width=0,
                    brush=theme.brush(palette.SLIGHTLY_BEHIND, 90),
                    pen=pg.mkPen(None),
                ),
                _("Slightly behind (within {share})").format(share=format_percent(slightly)),
            )

    def _draw_projection(self) -> None:
        projection = self.analysis.projection
        if projection.slope is None or not projection.years_used:
            return
        start = float(projection.years_used[0])
        # Drawn up to the target's horizon at most: a pace reaching it in 2104 is said in the
        # legend, not drawn across a century.
        horizon = projection.target_year
        if projection.reached_year is not None:
            end = projection.reached_year
            if horizon is not None:
                end = min(end, float(horizon))
        elif horizon is not None:
            end = float(horizon)
        else:
            end = float(projection.years_used[-1]) + 5
        end = max(end, float(projection.years_used[-1]))
        if self.until_year is not None:
            end = min(end, float(self.until_year))
            if end <= start:
                return
        xs = [start, end]
        ys = [projection.value_in(start) or 0.0, projection.value_in(end) or 0.0]
        if projection.reached_year is not None and projection.target_value is not None:
            label = _("Recent pace: target reached in {year}").format(
                year=int(np.ceil(projection.reached_year))
            )
        elif projection.target_value is not None:
            label = _("Recent pace: target not reached at this pace")
        else:
            label = _("Recent pace")
        curve = pg.PlotDataItem(
            xs, ys, pen=theme.pen(palette.MUTED_INK, 1.5, style=Qt.PenStyle.DotLine), name=label
        )
        self.add("projection", curve)


@dataclass(frozen=True)
class IndicatorChartRead:
    """What the indicator chart of a territory draws: the analysis and the sector's reference."""

    analysis: IndicatorAnalysis
    reference: ChartReference | None


def indicator_chart_read(
    session: Session, indicator_id: int, territory_id: int
) -> IndicatorChartRead:
    """The indicator chart's data; plain data, no Qt, so it may be read on a worker. Raises
    LookupError when the indicator is gone."""
    return IndicatorChartRead(
        indicator_analysis(session, indicator_id, territory_id),
        indicator_reference(session, indicator_id, territory_id),
    )


def _decimals(value: float) -> int:
    magnitude = abs(value)
    if magnitude >= 100:
        return 0
    if magnitude >= 1:
        return 1
    return 3
