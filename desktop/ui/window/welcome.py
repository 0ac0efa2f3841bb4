"""The welcome screen shown when the store holds no territory yet: create one, open the demo,
open a store file, or import a spreadsheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QComboBox,
    QCommandLinkButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...labels import choices, terms_tooltip
from ...models import PlanKind, TerritoryKind
from ...services import plans, territories
from ...services.changes import Actor, ValidationError
from ...services.validation import check_not_blank, check_siren
from ...store import Store
from .. import style


class TerritoryDialog(QDialog):
    """Name, SIREN (checked as it is typed) and kind of the new territory, and its first plan."""

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("New territory"))
        self.setMinimumWidth(480)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(_("e.g. Communauté d'agglomération du Boulonnais"))
        self.siren = QLineEdit(self)
        self.siren.setPlaceholderText(_("9 digits, optional"))
        self.siren.setMaxLength(11)  # 9 digits and the spaces people type between groups
        self.siren_error = QLabel(self)
        self.siren_error.setProperty("role", "error")
        self.siren_error.setWordWrap(True)  # the checksum message is a sentence
        self.kind = QComboBox(self)
        for member, text in choices(TerritoryKind):
            self.kind.addItem(text, member)
        self.kind.setCurrentIndex(self.kind.findData(TerritoryKind.CA))
        self.plan_title = QLineEdit(_("Climate, air and energy plan"), self)

        form = QFormLayout()
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&SIREN:"), self.siren)
        form.addRow("", self.siren_error)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("First &plan:"), self.plan_title)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.name.textChanged.connect(self._validate)
        self.siren.textChanged.connect(self._validate)
        self.plan_title.textChanged.connect(self._validate)
        self._validate()

    def _validate(self) -> bool:
        message = ""
        try:
            check_siren(self.siren.text())
        except ValidationError as error:
            message = str(error)
        self.siren_error.setText(message)
        self.siren_error.setVisible(bool(message))
        ok = not message and bool(self.name.text().strip()) and bool(self.plan_title.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        return ok

    def accept(self) -> None:
        if self._validate():
            super().accept()

    def create_in(self, store: Store, actor: Actor) -> int:
        """Create the territory and its first plan in one transaction; returns the territory's
        id. Raises ``ValidationError`` (nothing written) on a bad value."""
        with store.transaction() as session:
            territory = territories.create_territory(
                session,
                actor,
                name=self.name.text(),
                siren=self.siren.text(),
                kind=TerritoryKind(self.kind.currentData()),
            )
            plans.create_plan(
                session,
                actor,
                territory_id=territory.pk,
                title=check_not_blank(self.plan_title.text(), "title"),
                kind=PlanKind.PCAET,
            )
            return territory.pk


class WelcomeScreen(QWidget):
    """Four ways to start; the main window connects the signals."""

    create_territory_requested = Signal()
    open_demo_requested = Signal()
    open_store_requested = Signal()
    import_requested = Signal()

    def __init__(self, location: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Welcome"), self)
        heading.setProperty("role", "heading")
        intro = QLabel(
            _(
                "The store {name} is empty. Start with your territory, explore the demo, "
                "or open the store a colleague gave you."
            ).format(name=Path(location).name if "://" not in location else location),
            self,
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")

        def button(
            text: str, description: str, icon: str, signal: SignalInstance
        ) -> QCommandLinkButton:
            widget = QCommandLinkButton(text, description, self)
            widget.setIcon(style.icon(icon))
            widget.clicked.connect(signal.emit)
            return widget

        self.create_button = button(
            _("&Create a territory"),
            _("Your EPCI and its first plan; then add actions or import them."),
            "territory",
            self.create_territory_requested,
        )
        self.create_button.setToolTip(terms_tooltip(self.create_button.description()))
        self.demo_button = button(
            _("Open the &demo"),
            _(
                "The PASSAGE cross-border plan of the Strait, with indicators, a COTRI and "
                "committees."
            ),
            "dashboard",
            self.open_demo_requested,
        )
        self.open_button = button(
            _("&Open a store file"),
            _("A .pcaet file from your disk or a shared folder."),
            "open",
            self.open_store_requested,
        )
        self.import_button = button(
            _("&Import a spreadsheet"),
            _("An action plan or indicators from Excel, LibreOffice or CSV."),
            "import",
            self.import_requested,
        )

        column = QVBoxLayout()
        column.setSpacing(10)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(12)
        for widget in (self.create_button, self.demo_button, self.open_button, self.import_button):
            column.addWidget(widget)
        column.addStretch(1)
        box = QWidget(self)
        box.setLayout(column)
        box.setMinimumWidth(520)
        box.setMaximumWidth(640)
        outer = QVBoxLayout(self)
        outer.addSpacing(40)
        outer.addWidget(box, 1, Qt.AlignmentFlag.AlignHCenter)
        self.create_button.setFocus()
