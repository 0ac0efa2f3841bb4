"""Chart titles: a title, a grey subtitle or a colour key under it, wrapped to the chart's
width and rewrapped whenever that width changes (a resized dashboard tile, an image rendered
at another size), so that no language's longer words are clipped at the chart's edges."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from .. import palette
from . import theme
from .theme import BASE_POINT_SIZE, BOTTOM, LEFT, font


def two_line_title(plot: pg.PlotItem, title: str, subtitle: str) -> None:
    """A title with smaller grey lines under it (totals, rates used); ``subtitle`` may hold
    several lines separated by newlines. Lines too long for the plot wrap."""
    lines = "<br/>".join(_html(line) for line in subtitle.splitlines())
    html = (
        f"{_title_html(title)}<br/>"
        f"<span style='font-size:10pt; color:{palette.MUTED_INK}'>{lines}</span>"
    )
    _follow_width(plot, lambda _width: html)


def title_with_key(
    plot: pg.PlotItem, title: str, entries: Sequence[tuple[str, str, str]], *, per_line: int = 6
) -> None:
    """A title with a colour key under it: ``entries`` are (hex colour, label, glyph) with
    glyphs such as "■" or "▲". Used where an overlaid legend would hide data (a long timeline
    fills the whole plot); the key is part of exported images too. At most ``per_line``
    entries a line, fewer when the plot is too narrow for them."""
    _follow_width(plot, lambda width: _key_html(title, entries, width, per_line=per_line))


def title_with_wrapped_key(
    plot: pg.PlotItem, title: str, entries: Sequence[tuple[str, str, str]]
) -> None:
    """A title with a colour key under it that wraps to the plot's width, again at every
    resize: no entry is clipped, whatever the language's length, and the key never lies over
    the data as an overlaid legend would. ``entries`` are (hex colour, label, glyph)."""
    _follow_width(plot, lambda width: _key_html(title, entries, width))


def set_titles(plot: pg.PlotItem, title: str, x_title: str = "", y_title: str = "") -> None:
    """Title and axis titles, already translated by the caller (markup is added here). A title
    longer than the plot is wide wraps onto a second line."""
    if title:
        html = _title_html(title)
        _follow_width(plot, lambda _width: html)
    for side, text in ((BOTTOM, x_title), (LEFT, y_title)):
        if text:
            plot.getAxis(side).setLabel(_html(text), color=palette.MUTED_INK)


def title_width(plot: pg.PlotItem) -> float:
    """The width a title and its key may take: the plot's, less a margin."""
    return max(120.0, float(plot.width()) - 16.0)


def _title_html(title: str) -> str:
    return f"<span style='font-size:13pt; font-weight:600'>{_html(title)}</span>"


def _key_html(
    title: str,
    entries: Sequence[tuple[str, str, str]],
    width: float,
    *,
    per_line: int | None = None,
) -> str:
    metrics = QFontMetrics(font(BASE_POINT_SIZE))
    chunks = []
    for hex_colour, text, glyph in entries:
        chunk = f"<span style='color:{hex_colour}'>{glyph}</span>&nbsp;{_html(text)}"
        # An entry stays on one line, unless it alone is wider than the plot.
        if metrics.horizontalAdvance(f"{glyph} {text}") < width - 8:
            chunk = f"<span style='white-space:nowrap'>{chunk}</span>"
        chunks.append(chunk)
    step = per_line or len(chunks) or 1
    lines = [
        "&nbsp;&nbsp;&nbsp; ".join(chunks[start : start + step])
        for start in range(0, len(chunks), step)
    ]
    return (
        f"{_title_html(title)}<br/>"
        f"<span style='font-size:10pt; color:{palette.INK}'>{'<br/>'.join(lines)}</span>"
    )


def _follow_width(plot: pg.PlotItem, make_html: Callable[[float], str]) -> None:
    """Show the title ``make_html(width)`` gives, wrapped to the plot's width, and again each
    time the plot's width changes (a resized tile, an image rendered at another size). The
    title's row is as high as the wrapped text: nothing is clipped, nothing overlaps the plot.
    """
    label = plot.titleLabel
    label._make_html = make_html
    label._wrapped_width = None
    if not getattr(label, "_follows_width", False):
        # Over the whole chart, axes included, rather than the data area only: a wrapped title
        # as wide as the chart then never runs past its edges.
        plot.layout.removeItem(label)
        plot.layout.addItem(label, 0, 0, 1, 3)
        plot.geometryChanged.connect(lambda: _rewrap(plot))
        label._follows_width = True
    _rewrap(plot)


def _rewrap(plot: pg.PlotItem) -> None:
    label = plot.titleLabel
    make_html = getattr(label, "_make_html", None)
    width = title_width(plot)
    if make_html is None or label._wrapped_width == width:
        return
    label._wrapped_width = width
    # Markup around text the caller translated.
    html = (
        f"<div align='center' style='font-family:\"{theme.FONT_FAMILY}\"; color:{palette.INK}'>"
        f"{make_html(width)}</div>"
    )
    plot.setTitle(html)
    label.item.setTextWidth(width)
    _let_title_shrink(plot)
    label.resizeEvent(None)  # centred again, now that the text has its wrapped width
    height = math.ceil(label.item.boundingRect().height()) + 4
    label.setMaximumHeight(height)
    plot.layout.setRowFixedHeight(0, height)


def _let_title_shrink(plot: pg.PlotItem) -> None:
    """pyqtgraph makes the title's text width the plot's minimum width (again at each resize):
    a long title in a narrow dashboard tile would push the plot out of the widget. Here the
    title may be clipped instead, and the plot always fits."""
    label = plot.titleLabel
    if not getattr(label, "_shrinks", False):
        measure = type(label).updateMin

        def update_min() -> None:
            measure(label)
            label.setMinimumWidth(0)
            hints = label._sizeHint  # where LabelItem keeps its text's size for the layout
            hints[Qt.SizeHint.MinimumSize] = (0, hints[Qt.SizeHint.MinimumSize][1])

        label.updateMin = update_min
        label._shrinks = True
    label.updateMin()
    label.updateGeometry()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
