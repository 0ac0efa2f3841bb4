"""What the centre of the window shows while the store opens: the store's name and a busy bar.

The window appears before the data layer has loaded (about a second on a laptop); this page
says what is happening in the meantime, so the wait reads as work, not as a frozen window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ...i18n import _


class OpeningPage(QWidget):
    def __init__(self, location: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opening_page")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setProperty("role", "muted")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # no steps to count: a busy indicator
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(240)
        self.bar.setAccessibleName(_("Opening the store"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.set_location(location)

    def set_location(self, location: str) -> None:
        self.label.setText(
            _("Opening {location}…").format(location=location) if location else _("Opening…")
        )
