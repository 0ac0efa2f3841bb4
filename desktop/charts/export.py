"""Export a chart as PNG (size chosen) or SVG, or copy it to the clipboard, from a context menu;
and the rendering at a given size that headless images use too.

A chart is rendered by laying out its plot at the requested size in its own scene and painting
that scene, so the widget on screen does not move or flicker, and a widget never shown renders
the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMessageBox,
    QSpinBox,
    QWidget,
)

from .. import palette
from ..i18n import _

if TYPE_CHECKING:
    from .base import ChartWidget

MIN_SIZE = 200
PNG_QUALITY = 80  # Qt's scale for PNG: 0 smallest file, 100 fastest
MAX_SIZE = 8000


def _at_size(chart: ChartWidget, width: int, height: int) -> QRectF:
    rect = QRectF(0, 0, width, height)
    chart.plot.setGeometry(rect)
    chart.plot.layout.activate()
    return rect


def _restore(chart: ChartWidget) -> None:
    chart.plot.setGeometry(QRectF(chart.range))
    chart.plot.layout.activate()


def render_image(chart: ChartWidget, width: int, height: int) -> QImage:
    """The chart painted at exactly ``width`` x ``height`` pixels on its light background."""
    # Opaque: the background is painted anyway, and PNGs without alpha encode faster.
    image = QImage(width, height, QImage.Format.Format_RGB32)
    rect = _at_size(chart, width, height)
    try:
        # Painted twice: axes widen to fit their labels while painting the first time.
        for _pass in range(2):
            image.fill(QColor(palette.BACKGROUND))
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            chart.scene().render(painter, rect, rect)
            painter.end()
            chart.plot.layout.activate()
    finally:
        _restore(chart)
    return image


def png_bytes(chart: ChartWidget, width: int, height: int) -> bytes:
    return image_bytes(render_image(chart, width, height), "PNG")


def image_bytes(image: QImage, fmt: str = "PNG") -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Light compression: a chart PNG encodes in a third of the default time, ~15 % larger.
    quality = PNG_QUALITY if fmt.upper() == "PNG" else -1
    image.save(buffer, fmt, quality)  # type: ignore[call-overload]  # str works; stubs say bytes
    buffer.close()
    return bytes(data.data())


def svg_bytes(chart: ChartWidget, width: int, height: int) -> bytes:
    """The chart as SVG (vector), laid out at ``width`` x ``height``.

    Painted through Qt's SVG generator, the same path as the PNG, because pyqtgraph's own SVG
    exporter fails on some items (fills between curves).
    """
    render_image(chart, width, height)  # lets the axes take their final widths
    rect = _at_size(chart, width, height)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(width, height))
    generator.setViewBox(rect)
    generator.setTitle(chart.export_name)
    # The resolution the PNG is laid out at; at the default 72 dpi text and axes shrink.
    generator.setResolution(QImage(1, 1, QImage.Format.Format_ARGB32).logicalDpiX())
    try:
        painter = QPainter(generator)
        painter.fillRect(rect, QColor(palette.BACKGROUND))
        chart.scene().render(painter, rect, rect)
        painter.end()
    finally:
        buffer.close()
        _restore(chart)
    return bytes(data.data())


def copy_to_clipboard(chart: ChartWidget) -> None:
    size = chart.size()
    QGuiApplication.clipboard().setImage(
        render_image(chart, max(size.width(), MIN_SIZE), max(size.height(), MIN_SIZE))
    )


class PngSizeDialog(QDialog):
    """Width and height in pixels, starting from the chart's size on screen."""

    def __init__(self, width: int, height: int, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export as PNG"))
        layout = QFormLayout(self)
        self.width_box = self._spin(width)
        self.height_box = self._spin(height)
        layout.addRow(_("Width (pixels)"), self.width_box)
        layout.addRow(_("Height (pixels)"), self.height_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    @staticmethod
    def _spin(value: int) -> QSpinBox:
        box = QSpinBox()
        box.setRange(MIN_SIZE, MAX_SIZE)
        box.setSingleStep(100)
        box.setValue(max(MIN_SIZE, min(MAX_SIZE, value)))
        return box

    def chosen_size(self) -> tuple[int, int]:
        return self.width_box.value(), self.height_box.value()


def export_png_interactively(chart: ChartWidget) -> Path | None:
    dialog = PngSizeDialog(max(chart.width(), 1200), max(chart.height(), 700), parent=chart)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, _filter = QFileDialog.getSaveFileName(
        chart, _("Export as PNG"), f"{chart.export_name}.png", _("PNG images (*.png)")
    )
    if not path:
        return None
    width, height = dialog.chosen_size()
    return _write(chart, Path(path).with_suffix(".png"), png_bytes(chart, width, height))


def export_svg_interactively(chart: ChartWidget) -> Path | None:
    path, _filter = QFileDialog.getSaveFileName(
        chart, _("Export as SVG"), f"{chart.export_name}.svg", _("SVG images (*.svg)")
    )
    if not path:
        return None
    width, height = max(chart.width(), 1200), max(chart.height(), 700)
    return _write(chart, Path(path).with_suffix(".svg"), svg_bytes(chart, width, height))


def _write(chart: ChartWidget, path: Path, data: bytes) -> Path | None:
    from ..outputs import OutputError, write_output

    try:
        with write_output(path) as partial:
            partial.write_bytes(data)
    except OutputError as error:
        QMessageBox.warning(chart, _("Export failed"), str(error))
        return None
    except OSError as error:
        QMessageBox.warning(
            chart,
            _("Export failed"),
            _("The image could not be written to {path}: {reason}").format(
                path=path, reason=error.strerror or str(error)
            ),
        )
        return None
    return path


def build_menu(chart: ChartWidget) -> QMenu:
    menu = QMenu(chart)
    menu.addAction(_("Export as PNG…"), lambda: export_png_interactively(chart))
    menu.addAction(_("Export as SVG…"), lambda: export_svg_interactively(chart))
    menu.addSeparator()
    menu.addAction(_("Copy to clipboard"), lambda: copy_to_clipboard(chart))
    return menu


def install_context_menu(chart: ChartWidget) -> None:
    chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def show(position: QPoint) -> None:
        build_menu(chart).exec(chart.mapToGlobal(position))

    chart.customContextMenuRequested.connect(show)
