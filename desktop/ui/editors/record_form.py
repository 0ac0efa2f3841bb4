"""A form over the plain fields of one record, saved field by field as undoable edits.

Used by the contract, meeting and organisation views; the action editor has its own layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ...i18n import format_date
from ...models import Entity
from ...services.changes import ValidationError
from ..context import AppContext
from .common import ErrorLabel, ParseError, parse_day, parse_int, save_edit
from .fields import TextBox, fill_combo, select_value


@dataclass
class FormField:
    """``kind``: line, text, int, date or choice. ``check`` may clean the value or raise
    ValidationError (a SIREN checksum...); ``extra`` adds derived fields to the save."""

    name: str
    label: str
    kind: str = "line"
    choices: Callable[[], Sequence[tuple[Any, str]]] | None = None
    check: Callable[[Any], Any] | None = None
    extra: Callable[[Any], dict[str, Any]] | None = None


class RecordForm(QWidget):
    def __init__(
        self,
        context: AppContext,
        model: type[Entity],
        fields: list[FormField],
        *,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.model = model
        self.specs = {f.name: f for f in fields}
        self.entity_id: int | None = None
        self.version: int | None = None
        self.values: dict[str, Any] = {}
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in fields:
            widget = self._widget(spec)
            widget.setObjectName(spec.name)
            self.widgets[spec.name] = widget
            self.errors[spec.name] = ErrorLabel(self)
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(self.errors[spec.name])
            caption = QLabel(spec.label, self)
            caption.setBuddy(widget)  # "&" in the label is then a mnemonic, not shown
            form.addRow(caption, box)

    def _widget(self, spec: FormField) -> QWidget:
        if spec.kind == "text":
            text = TextBox(self)
            text.setMaximumHeight(90)
            text.editing_finished.connect(lambda: self.save(spec.name, text.toPlainText()))
            return text
        if spec.kind == "choice":
            combo = QComboBox(self)
            combo.currentIndexChanged.connect(lambda _i: self.save(spec.name, combo.currentData()))
            return combo
        line = QLineEdit(self)
        line.editingFinished.connect(lambda: self._save_line(spec, line))
        return line

    def _save_line(self, spec: FormField, line: QLineEdit) -> None:
        try:
            if spec.kind == "int":
                value: Any = parse_int(line.text())
            elif spec.kind == "date":
                value = parse_day(line.text())
            else:
                value = line.text().strip()
        except ParseError as error:
            self.errors[spec.name].show_message(str(error))
            return
        self.save(spec.name, value)

    def load(self, entity: Entity | None) -> None:
        self.entity_id = entity.id if entity is not None else None
        self.version = entity.version if entity is not None else None
        for name, widget in self.widgets.items():
            spec = self.specs[name]
            value = getattr(entity, name) if entity is not None else None
            self.values[name] = value
            self.errors[name].show_message("")
            widget.setEnabled(entity is not None)
            if isinstance(widget, TextBox):
                widget.set_text(value or "")
            elif isinstance(widget, QComboBox):
                fill_combo(widget, list(spec.choices() if spec.choices else []), value)
            elif isinstance(widget, QLineEdit):
                if value is None:
                    widget.setText("")
                elif spec.kind == "date":
                    widget.setText(format_date(value, fmt="short"))
                else:
                    widget.setText(str(value))
                widget.setCursorPosition(0)

    def save(self, name: str, value: Any) -> bool:
        if self.entity_id is None or self.values.get(name) == value:
            return False
        spec = self.specs[name]
        errors = self.errors[name]
        try:
            if spec.check is not None:
                value = spec.check(value)
        except ValidationError as error:
            errors.show_message(str(error))
            return False
        values = {name: value, **(spec.extra(value) if spec.extra else {})}
        version = save_edit(
            self, self.context, self.model, self.entity_id, values, self.version, errors
        )
        if version is None:
            return False
        self.version = version
        self.values[name] = value
        select_widget = self.widgets[name]
        if isinstance(select_widget, QComboBox):
            select_value(select_widget, value)
        return True
