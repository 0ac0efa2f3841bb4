"""The SNBC reference drawn beside a chart's observed values: a dash-dot line, and the plan's
targets of the same series as diamonds. Shared by the emissions, energy and indicator charts."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from .. import palette
from ..i18n import _, format_number
from ..services.reference_comparison import ChartReference
from . import theme
from .base import ChartWidget

REFERENCE_COLOUR = palette.INK
REFERENCE_GLYPH = "–·–"
TARGET_GLYPH = "◆"


def draw_reference(
    chart: ChartWidget, reference: ChartReference | None, unit: str = "", *, named: bool = True
) -> tuple[float, int] | None:
    """Draw the reference and the plan's targets; (highest value, last year) drawn, or None
    when there is nothing to draw. ``named`` items go into the chart's legend."""
    if reference is None or not reference.points:
        return None
    xs = [float(year) for year, _value in reference.points]
    ys = [value for _year, value in reference.points]
    chart.add(
        "reference",
        pg.PlotDataItem(
            xs,
            ys,
            pen=theme.pen(REFERENCE_COLOUR, 2, style=Qt.PenStyle.DashDotLine),
            name=reference.label if named else None,
        ),
    )
    top = max(ys)
    last = int(xs[-1])
    if reference.targets:
        targets = reference.targets
        chart.add(
            "reference_targets",
            target_markers(targets, unit, _("Targets of the plan") if named else None, size=13),
        )
        top = max(top, *(value for _year, value in targets))
        last = max(last, *(year for year, _value in targets))
    return top, last


def target_markers(
    targets: list[tuple[int, float]], unit: str, name: str | None, *, size: int = 14
) -> pg.ScatterPlotItem:
    """Targets as diamonds, each telling its year and value on hover."""
    return pg.ScatterPlotItem(
        x=[float(year) for year, _value in targets],
        y=[value for _year, value in targets],
        size=size,
        symbol="d",
        pen=theme.pen(palette.BACKGROUND, 1.5),
        brush=theme.brush(palette.TARGET),
        hoverable=True,
        data=list(range(len(targets))),
        tip=lambda x, y, data: (
            _("Target {year}: {value} {unit}")
            .format(year=targets[int(data)][0], value=format_number(y), unit=unit)
            .strip()
        ),
        name=name,
    )


def key_entries(reference: ChartReference | None) -> list[tuple[str, str, str]]:
    """The entries a chart whose key sits under its title adds for the reference."""
    if reference is None or not reference.points:
        return []
    entries = [(REFERENCE_COLOUR, reference.label, REFERENCE_GLYPH)]
    if reference.targets:
        entries.append((palette.TARGET, _("Targets of the plan"), TARGET_GLYPH))
    return entries
