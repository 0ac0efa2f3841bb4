"""A target of an indicator, whole: its horizon, an absolute value or a change in % against a
reference year, and its source. Opened from the indicator view for the year chosen in the
grid; what it returns goes through the grid's undoable command."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, format_number
from ..editors.common import ErrorLabel, ParseError, parse_amount
from ..views.indicator_grid import TargetState


class TargetDialog(QDialog):
    def __init__(
        self,
        year: int,
        state: TargetState | None,
        *,
        unit: str,
        plan_id: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Target"))
        self.plan_id = state.plan_id if state is not None else plan_id
        self.removed = False
        self.horizon = QSpinBox()
        self.horizon.setRange(1990, 2100)
        self.horizon.setValue(year)
        self.absolute = QRadioButton(_("A &value in {unit}").format(unit=unit or "—"))
        self.relative = QRadioButton(_("A &change against a reference year"))
        kinds = QButtonGroup(self)
        kinds.addButton(self.absolute)
        kinds.addButton(self.relative)
        self.value = QLineEdit()
        self.change = QLineEdit()
        self.change.setPlaceholderText(_("-40 for a 40 % cut"))
        self.reference = QSpinBox()
        self.reference.setRange(1990, 2100)
        self.source = QLineEdit()
        self.errors = ErrorLabel(self)
        relative = state is not None and state.value is None
        (self.relative if relative else self.absolute).setChecked(True)
        if state is not None:
            if state.value is not None:
                self.value.setText(format_number(state.value))
            if state.relative_change_percent is not None:
                self.change.setText(format_number(state.relative_change_percent))
            self.source.setText(state.source)
        self.reference.setValue(
            state.reference_year if state is not None and state.reference_year else 2015
        )
        kinds.buttonToggled.connect(lambda _b, _on: self._kind_changed())

        form = QFormLayout()
        for text, widget in (
            (_("&Horizon"), self.horizon),
            ("", self.absolute),
            (_("Va&lue"), self.value),
            ("", self.relative),
            (_("Change (%)"), self.change),
            (_("&Reference year"), self.reference),
            (_("&Source"), self.source),
        ):
            if text:
                caption = QLabel(text)
                caption.setBuddy(widget)
                form.addRow(caption, widget)
            else:
                form.addRow(widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.remove_button = buttons.addButton(
            _("Remove this target"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setEnabled(state is not None)
        self.remove_button.clicked.connect(self._remove)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self._kind_changed()

    def _kind_changed(self) -> None:
        relative = self.relative.isChecked()
        self.value.setEnabled(not relative)
        self.change.setEnabled(relative)
        self.reference.setEnabled(relative)

    def _remove(self) -> None:
        self.removed = True
        super().accept()

    def year(self) -> int:
        return self.horizon.value()

    def state(self) -> TargetState | None:
        """The target as typed (None when removed); raises ParseError on a bad number."""
        if self.removed:
            return None
        source = self.source.text().strip()
        if self.relative.isChecked():
            change = parse_amount(self.change.text())
            if change is None:
                raise ParseError(_("Type the change in %, for example -40."))
            return TargetState(None, change, self.reference.value(), source, self.plan_id)
        value = parse_amount(self.value.text())
        if value is None:
            raise ParseError(_("Type the value of the target."))
        return TargetState(Decimal(value), None, None, source, self.plan_id)

    def accept(self) -> None:
        try:
            self.state()
        except ParseError as error:
            self.errors.show_message(str(error))
            return
        super().accept()
