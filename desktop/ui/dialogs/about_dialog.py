"""Help > About: version, schema revision, data folder and log file (what support asks for)."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ... import __version__, paths
from ...i18n import _
from ...store import Store
from .. import style


class AboutDialog(QDialog):
    def __init__(self, store: Store | None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About PCAET Desktop"))
        logo = QLabel(self)
        logo.setPixmap(style.icon("app").pixmap(64, 64))
        title = QLabel(_("PCAET Desktop {version}").format(version=__version__), self)
        title.setProperty("role", "heading")
        summary = QLabel(
            _("Keep, chart and report a climate plan, a COTRI contract and an action plan."), self
        )
        summary.setWordWrap(True)

        def value(text: str) -> QLabel:
            shown = QLabel(text, self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            return shown

        self.values = {
            "version": value(__version__),
            "schema": value(store.revision if store is not None else "—"),
            "store": value(store.location if store is not None else "—"),
            "data": value(str(paths.data_dir())),
            "log": value(str(paths.log_file())),
            "qt": value(
                _("Qt {qt}, Python {python}").format(
                    qt=qVersion(), python=platform.python_version()
                )
            ),
        }
        form = QFormLayout()
        form.addRow(_("Version:"), self.values["version"])
        form.addRow(_("Schema revision:"), self.values["schema"])
        form.addRow(_("Store:"), self.values["store"])
        form.addRow(_("Data folder:"), self.values["data"])
        form.addRow(_("Log file:"), self.values["log"])
        form.addRow(_("Built with:"), self.values["qt"])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(summary)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addSpacing(12)
        top.addLayout(heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())
