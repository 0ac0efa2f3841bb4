"""The look shared by every chart: light background, the shared palette, Source Sans Pro, locale
number formats on axes, units in axis titles. Nothing of pyqtgraph's default black look."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Sequence
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QApplication

from .. import palette
from ..i18n import format_number

FONT_FAMILY = "Source Sans Pro"
BOTTOM, LEFT = "bottom", "left"  # pyqtgraph's axis names
BASE_POINT_SIZE = 10
_configured = False


def ensure_app() -> QApplication:
    """The running QApplication, or a new one; offscreen when there is no display, so charts
    render in a terminal, a test or a report job without a window."""
    app = QApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        ):
            if not os.environ.get("QT_QPA_PLATFORM"):
                os.environ["QT_QPA_PLATFORM"] = "offscreen"
        app = QApplication([])
    if not isinstance(app, QApplication):
        # A programming error, not a user's: charts are widgets and need a QApplication.
        raise RuntimeError("charts need a QApplication, not a QGuiApplication or QCoreApplication")
    configure()
    return app


def _guard_none_refcount() -> None:
    """Work around a PySide6 6.12 / CPython 3.11 bug that would abort the process.

    There every call of a Qt method returning void (``QColor.setAlpha``, ``QPen.setStyle``...)
    drops one reference to ``None`` without taking it; after some 16,000 such calls CPython
    stops with "none_dealloc: deallocating None". Some calls pyqtgraph makes while drawing do
    the same to ``True`` (about a hundred per chart drawn: a dashboard refreshed a few dozen
    times ended in "bool_dealloc: deallocating True or False"). From Python 3.12 these objects
    are immortal; before it, they get a very large reference count once, to the same effect.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    import ctypes

    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object.
        ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


def configure() -> None:
    """Global pyqtgraph options and the application font, once."""
    global _configured
    if _configured:
        return
    _guard_none_refcount()
    pg.setConfigOptions(
        antialias=True, background=palette.BACKGROUND, foreground=palette.INK, exitCleanup=False
    )
    _load_font()
    _configured = True


def _load_font() -> None:
    global FONT_FAMILY
    try:
        import font_source_sans_pro

        directory = str(font_source_sans_pro.font_directory)
    except ImportError:  # the system's sans-serif then
        FONT_FAMILY = QGuiApplication.font().family()
        return
    for name in ("SourceSansPro-Regular.ttf", "SourceSansPro-Bold.ttf", "SourceSansPro-It.ttf"):
        font_id = QFontDatabase.addApplicationFont(os.path.join(directory, name))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            FONT_FAMILY = families[0]


def font(point_size: float = BASE_POINT_SIZE, *, bold: bool = False) -> QFont:
    result = QFont(FONT_FAMILY)
    result.setPointSizeF(point_size)
    result.setBold(bold)
    return result


def colour(hex_colour: str, alpha: int = 255) -> QColor:
    result = QColor(hex_colour)
    result.setAlpha(alpha)
    return result


def pen(hex_colour: str, width: float = 1.5, *, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> Any:
    result = pg.mkPen(colour(hex_colour), width=width)
    result.setStyle(style)
    result.setCosmetic(True)
    return result


def brush(hex_colour: str, alpha: int = 255) -> Any:
    return pg.mkBrush(colour(hex_colour, alpha))


def decimals_for(spacing: float) -> int:
    """Enough decimals to tell ticks ``spacing`` apart (0 for 1, 1 for 0.5, 2 for 0.05)."""
    if spacing <= 0 or not math.isfinite(spacing):
        return 0
    return max(0, min(6, -math.floor(math.log10(spacing) + 1e-9)))


def major_ticks(levels: Sequence[Any]) -> list[Any]:
    """Only the major level of labelled ticks when it has enough of them: pyqtgraph labels
    minor ticks too when there is room, which makes busy axes (10, 20, 30... 190)."""
    levels = list(levels)
    if len(levels) > 1 and len(levels[0][1]) >= 4:
        return levels[:1]
    return levels


class LocaleAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Value axis in the user's locale: ``1 234,5`` in French, ``1,234.5`` in English.
    With ``integers``, only whole numbers get a tick (counts of actions)."""

    def __init__(self, orientation: str, *, integers: bool = False, **kwargs: Any) -> None:
        super().__init__(orientation, **kwargs)
        self.integers = integers

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        levels = major_ticks(super().tickValues(minVal, maxVal, size))
        if self.orientation in (BOTTOM, "top"):
            levels = self._spaced(levels, size)
        if not self.integers:
            return levels
        whole = [
            (spacing, [v for v in values if float(v).is_integer()])
            for spacing, values in levels
            if spacing >= 1
        ]
        if whole:
            return whole
        return [(1.0, [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)])]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        decimals = decimals_for(spacing * scale)
        return [format_number(v * scale, decimals=decimals) for v in values]

    def _spaced(self, levels: list[Any], size: float) -> list[Any]:
        """Every second (or third...) tick of a horizontal axis whose numbers would otherwise
        run together: "50 000 000" is wide, and pyqtgraph spaces ticks by position only."""
        if not levels or not levels[0][1] or size <= 0:
            return levels
        spacing, values = levels[0]
        metrics = QFontMetrics(self.style.get("tickFont") or font(BASE_POINT_SIZE - 1))
        texts = self.tickStrings(values, 1, spacing)
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        step = math.ceil(len(values) * (widest + 14) / size)
        if step <= 1:
            return levels
        return [(spacing * step, [v for v in values if round(v / spacing) % step == 0])]


class PercentAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Fractions shown as percentages (0.25 -> 25 %)."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        return major_ticks(super().tickValues(minVal, maxVal, size))

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        decimals = decimals_for(spacing * 100)
        return [format_number(v * 100, decimals=decimals) + "\u202f%" for v in values]


class YearAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """Years, never with a thousands separator, only on whole years."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        span = max(1.0, maxVal - minVal)
        step = next((s for s in (1, 2, 5, 10, 20, 50) if span / s <= max(2.0, size / 55)), 100)
        first = math.ceil(minVal / step) * step
        return [(step, [float(v) for v in range(int(first), int(maxVal) + 1, step)])]

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        return [str(round(v)) for v in values]


def style_axes(plot: pg.PlotItem) -> None:
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setPen(pen(palette.GRID, 1))
        axis.setTextPen(pen(palette.MUTED_INK, 1))
        axis.setTickFont(font(BASE_POINT_SIZE - 1))
        axis.setStyle(tickLength=-4, tickTextOffset=5, autoExpandTextSpace=True)
        axis.label.setFont(font(BASE_POINT_SIZE))
        # Plain numbers with the unit in the title, never pyqtgraph's "(x0.001)".
        axis.enableAutoSIPrefix(False)
        # Grid lines behind the data, not across the bars.
        axis.setZValue(-100)
    plot.showGrid(x=False, y=True, alpha=0.35)


def add_legend(plot: pg.PlotItem, *, columns: int = 1, corner: str = "top-right") -> pg.LegendItem:
    offsets = {
        "top-right": (-10, 10),
        "top-left": (10, 10),
        "bottom-right": (-10, -10),
        "bottom-left": (10, -10),
    }
    legend = plot.addLegend(
        offset=offsets[corner],
        labelTextColor=palette.INK,
        labelTextSize=f"{BASE_POINT_SIZE - 1}pt",
        brush=brush(palette.BACKGROUND, 225),
        pen=pen(palette.GRID, 1),
        colCount=columns,
        verSpacing=-4,
    )
    return legend


def axis_title(label: str, unit: str) -> str:
    """``Emissions (kteqCO2)``: the unit in the axis title, never on each tick."""
    return f"{label} ({unit})" if unit else label


def category_ticks(axis: pg.AxisItem, names: Sequence[str]) -> None:
    """Name the bars of a category axis (bar i at position i), in the normal text size."""
    axis.setTicks([[(float(i), name) for i, name in enumerate(names)], []])
    tick_font = font(BASE_POINT_SIZE)
    axis.setTickFont(tick_font)
    metrics = QFontMetrics(tick_font)
    if axis.orientation in ("left", "right"):
        # Room for the longest name from the first paint: pyqtgraph widens the axis only after
        # painting, and drops the names that did not fit, so a chart painted once (an image, a
        # tile grabbed) would otherwise show bars without names.
        widest = max((metrics.horizontalAdvance(name) for name in names), default=0)
        axis.setWidth(min(widest + 16, 360))
    else:
        lines = max((name.count("\n") + 1 for name in names), default=1)
        axis.setHeight(metrics.lineSpacing() * lines + 14)


def reset_category_axes(plot: pg.PlotItem) -> None:
    """Axes sized by their labels again (a refresh may draw another kind of data)."""
    for side in ("left", "right"):
        plot.getAxis(side).setWidth(None)
    for side in ("bottom", "top"):
        plot.getAxis(side).setHeight(None)


def horizontal_bars(plot: pg.PlotItem) -> None:
    """Bars are labelled with their values: no grid across them."""
    plot.showGrid(x=False, y=False)


def readable_unit(values: Sequence[float], unit: str) -> tuple[float, str]:
    """A factor and unit that avoid tiny numbers: 0,008 kteqCO2 per inhabitant reads as
    8 teqCO2. Only the usual metric prefixes are stepped down."""
    steps = {"G": "M", "M": "k"}
    peak = max((abs(v) for v in values), default=0.0)
    factor = 1.0
    while 0 < peak * factor < 0.5 and unit:
        if unit.startswith("k") and len(unit) > 1:
            unit = unit[1:]
        elif unit[0] in steps and len(unit) > 1:
            unit = steps[unit[0]] + unit[1:]
        else:
            break
        factor *= 1000
    return factor, unit


def value_label(
    text: str,
    x: float,
    y: float,
    *,
    anchor: tuple[float, float] = (0, 0.5),
    colour_hex: str = palette.INK,
    bold: bool = False,
    backed: bool = False,
    angle: float = 0,
) -> pg.TextItem:
    """A small text in data coordinates; ``backed`` puts it on the background colour so a
    line crossing it (a target line) does not strike it through; ``angle`` turns it (90:
    upright, read from the bottom)."""
    fill = brush(palette.BACKGROUND, 220) if backed else None
    item = pg.TextItem(text, color=colour_hex, anchor=anchor, fill=fill, angle=angle)
    item.setFont(font(BASE_POINT_SIZE - 1, bold=bold))
    item.setPos(x, y)
    return item


def legend_swatch(hex_colour: str, alpha: int = 255) -> pg.BarGraphItem:
    """A filled square for legends of bars and bands."""
    return pg.BarGraphItem(
        x=[0], height=[0], width=0, brush=brush(hex_colour, alpha), pen=pg.mkPen(None)
    )


def keep_labels_in_view(
    plot: pg.PlotItem, starts: Sequence[tuple[float, str]], *, minimum: float
) -> None:
    """Room on the right for the value labels of horizontal bars, at any width: ``starts`` are
    (x where a label starts, its text). A fixed share of the range would clip long labels in a
    narrow tile (a French count with its share, an amount with its currency); the range is
    recomputed from the labels' pixel widths whenever the plot is resized. ``minimum`` is the
    smallest right end, in data units."""
    view = plot.getViewBox()
    metrics = QFontMetrics(font(BASE_POINT_SIZE - 1))
    # The text item's own margins on both sides, and a little air.
    view._label_room = (
        [(x, metrics.horizontalAdvance(text) + 16.0) for x, text in starts],
        minimum,
    )
    if not getattr(view, "_label_room_follows", False):
        view.sigResized.connect(lambda: _fit_label_room(view))
        view._label_room_follows = True
    _fit_label_room(view)


def forget_label_room(plot: pg.PlotItem) -> None:
    """No value labels to keep in view any more (a chart redrawn with other data)."""
    plot.getViewBox()._label_room = None


def _fit_label_room(view: pg.ViewBox) -> None:
    room = getattr(view, "_label_room", None)
    if room is None:
        return
    starts, right = room
    width = max(view.width(), 1.0)
    for x, pixels in starts:
        share = min(pixels / width, 0.7)  # past that, the bars would be too short to read
        right = max(right, x / (1.0 - share))
    view.setXRange(0, right, padding=0)


def category_range(
    plot: pg.PlotItem, count: int, *, minimum: int = 4, top_room: float = 0.0
) -> None:
    """Show ``count`` horizontal bars, centred, as thin as ``minimum`` bars would be: one
    contractual indicator is not drawn as a slab filling the chart. ``top_room`` adds empty
    rows above the first bar (for a line's label)."""
    pad = 0.6 + max(0, minimum - count) / 2
    plot.setYRange(-pad, count - 1 + pad + top_room, padding=0)


def frame_years(plot: pg.PlotItem, first: float, last: float, *, minimum: float = 5.0) -> None:
    """Years ``first`` to ``last`` with room for their bars, at least ``minimum`` years wide
    (one or two years are not drawn as slabs) and centred, so a single year sits in the middle
    rather than at the left of empty ones."""
    width = max(last - first + 1.2, minimum)
    middle = (first + last) / 2
    plot.setXRange(middle - width / 2, middle + width / 2, padding=0)
