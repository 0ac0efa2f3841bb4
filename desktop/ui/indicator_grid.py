"""The year grid of an indicator: years as columns; measured, estimated and target rows.

Edited like a spreadsheet: type in a cell, Delete to clear, Ctrl+V to paste a block copied
from Excel or LibreOffice (tab-separated, French or English numbers). Every edit, and every
paste as a whole, is one undoable command; a block with a bad cell is refused whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlmodel import Session, select

from .. import palette
from ..i18n import _, format_number
from ..models import Indicator, Observation, ObservationKind, Target
from ..services import changes
from ..services import indicators as indicator_service
from ..services.horizons import plan_horizons
from .commands import StoreCommand, push
from .context import AppContext
from .editors.common import ErrorLabel, ParseError, parse_amount

MEASURED, ESTIMATED, TARGET = range(3)
FIRST_YEAR = 2010


@dataclass(frozen=True)
class CellChange:
    row: int
    year: int
    value: Decimal | None


def _read(
    session: Session, indicator_id: int, territory_id: int, plan_id: int | None, row: int, year: int
) -> Decimal | None:
    if row == TARGET:
        target = session.exec(
            select(Target).where(
                Target.indicator_id == indicator_id,
                Target.territory_id == territory_id,
                Target.plan_id == plan_id,
                Target.horizon_year == year,
            )
        ).first()
        return target.value if target is not None else None
    kind = ObservationKind.MEASURED if row == MEASURED else ObservationKind.ESTIMATED
    observation = session.exec(
        select(Observation).where(
            Observation.indicator_id == indicator_id,
            Observation.territory_id == territory_id,
            Observation.year == year,
            Observation.kind == kind,
        )
    ).first()
    return observation.value if observation is not None else None


class GridCommand(StoreCommand):
    """Set cells of the grid; undo puts the previous values back (or removes them)."""

    def __init__(
        self,
        context: AppContext,
        indicator_id: int,
        territory_id: int,
        plan_id: int | None,
        cells: list[CellChange],
        text: str,
    ) -> None:
        super().__init__(context, text)
        self.indicator_id = indicator_id
        self.territory_id = territory_id
        self.plan_id = plan_id
        self.cells = cells
        self.previous: list[CellChange] = []
        self.table = "observation"

    def _write(self, cells: list[CellChange]) -> list[CellChange]:
        before = []
        with self.context.store.transaction() as session:
            indicator = session.get(Indicator, self.indicator_id)
            if indicator is None:
                raise LookupError(_("This indicator no longer exists."))
            for cell in cells:
                old = _read(
                    session, self.indicator_id, self.territory_id, self.plan_id, cell.row, cell.year
                )
                before.append(CellChange(cell.row, cell.year, old))
                if cell.row == TARGET:
                    self._write_target(session, indicator, cell)
                else:
                    kind = (
                        ObservationKind.MEASURED
                        if cell.row == MEASURED
                        else ObservationKind.ESTIMATED
                    )
                    indicator_service.set_observation(
                        session,
                        self.context.actor,
                        indicator=indicator,
                        territory_id=self.territory_id,
                        year=cell.year,
                        value=cell.value,
                        kind=kind,
                        source=_("typed in"),
                    )
        return before

    def _write_target(self, session: Session, indicator: Indicator, cell: CellChange) -> None:
        if cell.value is not None:
            indicator_service.set_target(
                session,
                self.context.actor,
                indicator=indicator,
                territory_id=self.territory_id,
                horizon_year=cell.year,
                value=cell.value,
                plan_id=self.plan_id,
            )
            return
        existing = session.exec(
            select(Target).where(
                Target.indicator_id == indicator.id,
                Target.territory_id == self.territory_id,
                Target.plan_id == self.plan_id,
                Target.horizon_year == cell.year,
            )
        ).first()
        if existing is not None:
            changes.delete(session, existing, self.context.actor, parent=indicator)

    def _do(self) -> None:
        self.previous = self._write(self.cells)

    def _undo(self) -> None:
        self._write(list(reversed(self.previous)))


def parse_block(text: str) -> list[list[Decimal | None]]:
    """A tab-separated block as numbers; ParseError names the first bad cell."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
    block = []
    for line_no, line in enumerate(lines, start=1):
        values = []
        for col_no, cell in enumerate(line.split("\t"), start=1):
            try:
                values.append(parse_amount(cell))
            except ParseError as error:
                raise ParseError(
                    _("Row {row}, column {column}: {reason}").format(
                        row=line_no, column=col_no, reason=str(error)
                    )
                ) from None
        block.append(values)
    return block


class IndicatorGrid(QTableWidget):
    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(3, 0, parent)
        self.context = context
        self.indicator_id: int | None = None
        # The territory whose values are shown: the current one unless the view picks another.
        self.territory_id: int | None = None
        self.years: list[int] = []
        self.errors = ErrorLabel(parent)
        self._loading = False
        self.setVerticalHeaderLabels([_("Measured"), _("Estimated"), _("Target")])
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.horizontalHeader().setDefaultSectionSize(72)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.itemChanged.connect(self._item_changed)

    def _place(self) -> tuple[int | None, int | None]:
        """The territory shown and the plan whose targets go with it (the current plan's only
        for the current territory)."""
        territory_id = self.territory_id or self.context.territory_id
        plan_id = self.context.plan_id if territory_id == self.context.territory_id else None
        return territory_id, plan_id

    def load(self, indicator_id: int | None) -> None:
        self.indicator_id = indicator_id
        territory_id, plan_id = self._place()
        values: dict[tuple[int, int], Decimal] = {}
        horizons: list[int] = []  # the plan's regulatory horizons (its SNBC), shown when empty
        if indicator_id is not None and territory_id is not None:
            with self.context.store.session() as session:
                horizons = plan_horizons(session, plan_id)
                for point in indicator_service.series(session, indicator_id, territory_id):
                    row = MEASURED if point.kind == ObservationKind.MEASURED else ESTIMATED
                    values[(row, point.year)] = point.value
                for target in session.exec(
                    select(Target).where(
                        Target.indicator_id == indicator_id,
                        Target.territory_id == territory_id,
                        Target.plan_id == plan_id,
                    )
                ):
                    if target.value is not None:
                        values[(TARGET, target.horizon_year)] = target.value
        data_years = {year for _, year in values}
        first = min(data_years | {FIRST_YEAR})
        last = max(data_years | {date.today().year})
        past = set(range(first, min(last, date.today().year) + 1))
        self.years = sorted(past | data_years | set(horizons))
        self._loading = True
        self.setColumnCount(len(self.years))
        self.setHorizontalHeaderLabels([str(y) for y in self.years])
        for row in range(3):
            for column, year in enumerate(self.years):
                value = values.get((row, year))
                item = QTableWidgetItem("" if value is None else format_number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if row == TARGET and value is not None:
                    item.setForeground(QColor(palette.TARGET))
                self.setItem(row, column, item)
        self._loading = False
        self.setEnabled(indicator_id is not None and territory_id is not None)
        # Three rows: as tall as they are, so the grid does not leave an empty panel below.
        height = self.horizontalHeader().height() + 3 * self.rowHeight(0)
        self.setFixedHeight(height + self.horizontalScrollBar().sizeHint().height() + 4)

    def _apply(self, cells: list[CellChange], text: str) -> bool:
        territory_id, plan_id = self._place()
        if self.indicator_id is None or territory_id is None or not cells:
            return False
        command = GridCommand(
            self.context,
            self.indicator_id,
            territory_id,
            plan_id,
            cells,
            text,
        )
        try:
            push(self.context, command)
        except Exception as error:  # refused whole: the transaction rolled back
            self.errors.show_message(str(error))
            self.load(self.indicator_id)
            return False
        self.errors.show_message("")
        return True

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        try:
            value = parse_amount(item.text())
        except ParseError as error:
            self.errors.show_message(str(error))
            self.load(self.indicator_id)
            return
        year = self.years[item.column()]
        self._apply([CellChange(item.row(), year, value)], _("Edit {year}").format(year=year))

    def paste_text(self, text: str) -> bool:
        """Paste a block at the current cell; all of it or nothing."""
        try:
            block = parse_block(text)
        except ParseError as error:
            self.errors.show_message(_("Nothing was pasted. {reason}").format(reason=str(error)))
            return False
        top = max(self.currentRow(), 0)
        left = max(self.currentColumn(), 0)
        if top + len(block) > 3 or left + max(len(r) for r in block) > len(self.years):
            self.errors.show_message(_("Nothing was pasted: the block goes past the grid."))
            return False
        cells = [
            CellChange(top + r, self.years[left + c], value)
            for r, values in enumerate(block)
            for c, value in enumerate(values)
        ]
        return self._apply(cells, _("Paste {count} values").format(count=len(cells)))

    def clear_selection_values(self) -> bool:
        cells = [
            CellChange(index.row(), self.years[index.column()], None)
            for index in self.selectedIndexes()
            if index.data()
        ]
        return self._apply(cells, _("Clear values"))

    def copy_text(self) -> str:
        """The selected block as tab-separated lines, numbers as shown (pastes back here and
        into a spreadsheet of the same language)."""
        indexes = self.selectedIndexes()
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        lines = []
        for row in range(rows[0], rows[-1] + 1):
            cells = []
            for column in range(columns[0], columns[-1] + 1):
                item = self.item(row, column)
                cells.append(item.text() if item is not None else "")
            lines.append("\t".join(cells))
        return "\n".join(lines) + "\n"

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.copy_text())
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            self.clear_selection_values()
            return
        super().keyPressEvent(event)
