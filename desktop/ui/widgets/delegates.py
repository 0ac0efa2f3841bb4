"""Status chips: a rounded chip in the status colour with the status word (never colour alone)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ... import palette
from ...labels import label
from ...models import ActionStatus


class StatusChipDelegate(QStyledItemDelegate):
    """Paints the status found under ``status_role`` (an ActionStatus or its value) as a chip."""

    def __init__(self, status_role: int, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.status_role = status_role

    def _status(self, index: QModelIndex | QPersistentModelIndex) -> ActionStatus | None:
        value = index.data(self.status_role)
        status = getattr(value, "status", value)
        try:
            return ActionStatus(status) if status is not None else None
        except ValueError:
            return None

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        status = self._status(index)
        if status is None:
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget is not None else None
        if style is not None:  # selection and focus background as for any cell
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        fill, ink = palette.STATUS_COLOURS[status]
        text = label(status)
        metrics = option.fontMetrics
        rect = option.rect
        width = min(metrics.horizontalAdvance(text) + 16, rect.width() - 6)
        height = min(metrics.height() + 6, rect.height() - 4)
        chip = QRectF(rect.x() + 4, rect.y() + (rect.height() - height) / 2, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(chip, height / 2, height / 2)
        painter.setPen(QColor(ink))
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width - 12))
        painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), elided)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        status = self._status(index)
        if status is not None:
            metrics = option.fontMetrics
            size.setWidth(metrics.horizontalAdvance(label(status)) + 28)
            size.setHeight(max(size.height(), metrics.height() + 10))
        return size
