"""An editable table of the child rows of a record (budget lines, partners, impacts...).

Each cell edit is one undoable command on that row; Add and Remove are create and delete
commands. Choice columns (enums, organisations) are combo boxes in the cells. A refused value
is put back and the reason shown under the table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ...i18n import _, format_date, format_number
from ...models import Entity
from ...record_labels import record_label
from ...services.changes import ValidationError, entity_name
from ...services.queries import records
from ...store import StoreError
from ..commands import CreateCommand, DeleteCommand, push
from ..context import AppContext
from .common import ErrorLabel, ParseError, parse_amount, parse_day, parse_int, save_edit


@dataclass
class Column:
    """``kind``: text, int, decimal, date, or choice (then ``choices`` gives (value, label))."""

    field: str
    header: str
    kind: str = "text"
    choices: Callable[[], Sequence[tuple[Any, str]]] | None = None
    width: int = 0
    editable: bool = True
    display: Callable[[Any], str] | None = None  # text of a value, for read-only columns


@dataclass
class ChildSpec:
    model: type[Entity]
    parent_field: str
    columns: list[Column]
    # Values of a new row (besides the parent key).
    defaults: Callable[[Session], dict[str, Any]] = field(default=lambda session: {})
    # Values of a new row that depend on its parent's other rows (the next budget year).
    parent_defaults: Callable[[Session, int], dict[str, Any]] | None = None
    # Turns one edited value into the values to save (e.g. a budget state clears the amount).
    adjust: Callable[[Entity, str, Any], dict[str, Any]] | None = None
    # Creates a row through a domain service (validation); default: changes.create.
    create: Callable[[Session, AppContext, int, dict[str, Any]], Entity] | None = None
    order_by: str = "id"


def _shown(value: Any, column: Column) -> str:
    if column.display is not None:
        return column.display(value)
    if value is None:
        return ""
    if column.kind == "choice" and column.choices is not None:
        for choice, text in column.choices():
            if choice == value:
                return text
        return str(value)
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, date):
        return format_date(value, fmt="short")
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _parse(text: str, column: Column) -> Any:
    if column.kind == "int":
        return parse_int(text)
    if column.kind == "decimal":
        return parse_amount(text)
    if column.kind == "date":
        return parse_day(text)
    return text.strip()


class ChildTable(QWidget):
    def __init__(
        self, context: AppContext, spec: ChildSpec, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.spec = spec
        self.parent_id: int | None = None
        self.rows: list[Entity] = []
        self._loading = False

        self.table = QTableWidget(0, len(spec.columns), self)
        self.table.setHorizontalHeaderLabels([c.header for c in spec.columns])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for index, column in enumerate(spec.columns):
            if column.width:
                self.table.setColumnWidth(index, column.width)
        self.table.itemChanged.connect(self._item_changed)
        # Tab walks the cells, the combo boxes in them included, as in a spreadsheet; Insert
        # adds a row and Delete removes the current one (undoable).
        self.table.setTabKeyNavigation(True)
        self.table.installEventFilter(self)
        self.table.currentCellChanged.connect(self._focus_cell_widget)
        self.errors = ErrorLabel(self)
        # No Alt+letters: a sheet shows several tables, whose buttons would share them with
        # each other and with the fields. Insert and Delete in the table do the same.
        self.add_button = QPushButton(_("Add"), self)
        self.remove_button = QPushButton(_("Remove"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.errors)
        layout.addLayout(buttons)

    def load(self, parent_id: int | None) -> None:
        self.parent_id = parent_id
        self._loading = True
        try:
            self.rows = []
            if parent_id is not None:
                model = self.spec.model
                with self.context.store.session() as session:
                    self.rows = list(
                        records.child_records(
                            session, model, self.spec.parent_field, parent_id, self.spec.order_by
                        )
                    )
            self.table.setRowCount(len(self.rows))
            for row, entity in enumerate(self.rows):
                for index, column in enumerate(self.spec.columns):
                    value = getattr(entity, column.field)
                    if column.kind == "choice" and column.editable:
                        self.table.setCellWidget(row, index, self._combo(row, column, value))
                        continue
                    item = QTableWidgetItem(_shown(value, column))
                    if not column.editable:
                        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    self.table.setItem(row, index, item)
        finally:
            self._loading = False
        self.add_button.setEnabled(parent_id is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if watched is self.table and self.table.state() != (QAbstractItemView.State.EditingState):
            if key == Qt.Key.Key_Insert and self.add_button.isEnabled():
                self.add_row()
                return True
            if key == Qt.Key.Key_Delete and self.table.currentRow() >= 0:
                self.remove_selected()
                return True
        cell = watched.property("cell") if isinstance(watched, QComboBox) else None
        if cell is not None and key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            step = (
                -1
                if key == Qt.Key.Key_Backtab
                or (event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                else 1
            )
            return self._step_cell(int(cell[0]), int(cell[1]), step)
        return super().eventFilter(watched, event)

    def _step_cell(self, row: int, column: int, step: int) -> bool:
        """Move to the next (1) or previous (-1) cell; False past either end, where Tab
        leaves the table as it does from its last cell."""
        columns = self.table.columnCount()
        position = row * columns + column + step
        if not 0 <= position < self.table.rowCount() * columns:
            return False
        self.table.setCurrentCell(position // columns, position % columns)
        widget = self.table.cellWidget(position // columns, position % columns)
        (widget or self.table).setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def _focus_cell_widget(self, row: int, column: int, _row: int, _column: int) -> None:
        """A cell holding a combo box, reached from the keyboard, hands it the focus."""
        widget = self.table.cellWidget(row, column)
        if widget is not None and self.table.hasFocus():
            widget.setFocus(Qt.FocusReason.TabFocusReason)

    def _combo(self, row: int, column: Column, value: Any) -> QComboBox:
        combo = QComboBox(self.table)
        combo.setProperty("cell", (row, self.spec.columns.index(column)))
        combo.installEventFilter(self)
        choices = list(column.choices() if column.choices else [])
        if value not in [c for c, _ in choices]:
            choices.insert(0, (value, "" if value is None else str(value)))
        for choice, text in choices:
            combo.addItem(text, choice)
        combo.setCurrentIndex([c for c, _ in choices].index(value))
        combo.currentIndexChanged.connect(
            lambda _i, r=row, c=column, w=combo: self._save(r, c, w.currentData())
        )
        return combo

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        column = self.spec.columns[item.column()]
        try:
            value = _parse(item.text(), column)
        except ParseError as error:
            self.errors.show_message(str(error))
            self._restore(item)
            return
        self._save(item.row(), column, value)

    def _restore(self, item: QTableWidgetItem) -> None:
        entity = self.rows[item.row()]
        column = self.spec.columns[item.column()]
        self._loading = True
        item.setText(_shown(getattr(entity, column.field), column))
        self._loading = False

    def _save(self, row: int, column: Column, value: Any) -> None:
        entity = self.rows[row]
        values = {column.field: value}
        if self.spec.adjust is not None:
            try:
                values = self.spec.adjust(entity, column.field, value)
            except ValidationError as error:
                self.errors.show_message(str(error))
                self.load(self.parent_id)
                return
        version = save_edit(
            self, self.context, type(entity), entity.pk, values, entity.version, self.errors
        )
        if version is None:
            self.load(self.parent_id)  # put the stored value back

    def add_row(self) -> None:
        if self.parent_id is None:
            return
        spec, parent_id, context = self.spec, self.parent_id, self.context

        def factory(session: Session) -> Entity:
            values = {spec.parent_field: parent_id, **spec.defaults(session)}
            if spec.parent_defaults is not None:
                values.update(spec.parent_defaults(session, parent_id))
            if spec.create is not None:
                return spec.create(session, context, parent_id, values)
            from ...services import changes, snapshots

            entity = spec.model(**values)
            parent = snapshots.parent_of(session, entity)
            return changes.create(session, entity, context.actor, parent=parent)

        try:
            push(
                context,
                CreateCommand(
                    context, factory, text=_("Add: {record}").format(record=self._record_name())
                ),
            )
        except (ValidationError, StoreError) as error:
            self.errors.show_message(str(error))
            return
        except IntegrityError:
            self.errors.show_message(_("This row already exists: change the existing one."))
            return
        self.errors.show_message("")

    def _record_name(self) -> str:
        """What a row is, for the undo and redo commands ("budget line")."""
        return record_label(entity_name(self.spec.model)).lower()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            return
        entity = self.rows[row]
        command = DeleteCommand(
            self.context,
            type(entity),
            entity.pk,
            expected_version=entity.version,
            text=_("Remove: {record}").format(record=self._record_name()),
        )
        try:
            push(self.context, command)
        except Exception as error:  # shown inline, the row stays
            self.errors.show_message(str(error))
