"""The year grid of an indicator: years as columns; the authority's measured and estimated
values and the targets (edited here), then the values other sources give (an observatory's
modelled inventory, ALDO, an illustrative value: shown with their provenance, read-only).

Edited like a spreadsheet: type in a cell, Delete to clear, Ctrl+V to paste a block copied
from Excel or LibreOffice (tab-separated, French or English numbers). Every edit, and every
paste as a whole, is one undoable command; a block with a bad cell is refused whole.

The target row shows every target of the territory at its horizon, as the chart under it
does: a change against a reference year ("-60 % from 2012") shows the value it comes to, in
italics; the tooltip gives the target as written, its source and its plan. ``TargetDialog``
edits a target whole (value or change, reference year, source).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)
from sqlmodel import Session

from ... import palette
from ...i18n import _, format_number, ngettext
from ...labels import provenance
from ...models import Indicator, ObservationKind, Target, ValueOrigin
from ...services import changes
from ...services import indicators as indicator_service
from ...services import values as value_rules
from ...services.analysis import indicator_analysis
from ...services.horizons import plan_horizons
from ...services.queries import indicators as indicator_queries
from ...services.queries import records
from ..commands import StoreCommand, push
from ..context import AppContext
from ..editors.common import ErrorLabel, ParseError, parse_amount

MEASURED, ESTIMATED, TARGET, OTHER = range(4)
EDITABLE_ROWS = 3
FIRST_YEAR = 2010


@dataclass(frozen=True)
class TargetState:
    """A target whole, as the store keeps it: absolute (``value``) or a change against a
    reference year."""

    value: Decimal | None
    relative_change_percent: Decimal | None = None
    reference_year: int | None = None
    source: str = ""
    plan_id: int | None = None


@dataclass(frozen=True)
class CellChange:
    row: int
    year: int
    # A number for a cell; a whole target for the target dialog and for undo; None clears.
    value: Decimal | TargetState | None


def state_of(target: Target | None) -> TargetState | None:
    if target is None:
        return None
    return TargetState(
        target.value,
        target.relative_change_percent,
        target.reference_year,
        target.source,
        target.plan_id,
    )


def _read(
    session: Session, indicator_id: int, territory_id: int, plan_id: int | None, row: int, year: int
) -> Decimal | TargetState | None:
    if row == TARGET:
        target = indicator_queries.target_at(session, indicator_id, territory_id, year, plan_id)
        return state_of(target)
    kind = ObservationKind.MEASURED if row == MEASURED else ObservationKind.ESTIMATED
    return indicator_queries.authority_value(session, indicator_id, territory_id, year, kind)


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
            indicator = records.record(session, Indicator, self.indicator_id)
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
                    value = cell.value
                    assert not isinstance(value, TargetState)
                    indicator_service.set_observation(
                        session,
                        self.context.actor,
                        indicator=indicator,
                        territory_id=self.territory_id,
                        year=cell.year,
                        value=value,
                        kind=kind,
                        source=_("typed in"),
                    )
        return before

    def _write_target(self, session: Session, indicator: Indicator, cell: CellChange) -> None:
        """A number replaces the target's value (its source and plan stay); a whole target
        replaces it; None removes it."""
        existing = indicator_queries.target_at(
            session, indicator.pk, self.territory_id, cell.year, self.plan_id
        )
        wanted = cell.value
        if isinstance(wanted, Decimal):
            wanted = TargetState(
                wanted,
                source=existing.source if existing is not None else "",
                plan_id=existing.plan_id if existing is not None else self.plan_id,
            )
        if existing is not None and (wanted is None or wanted.plan_id != existing.plan_id):
            changes.delete(session, existing, self.context.actor, parent=indicator)
            session.flush()
            existing = None
        if wanted is None:
            return
        values = {
            "value": wanted.value,
            "relative_change_percent": wanted.relative_change_percent,
            "reference_year": wanted.reference_year,
            "source": wanted.source,
        }
        if existing is not None:
            changes.update(session, existing, values, self.context.actor, parent=indicator)
            return
        indicator_service.set_target(
            session,
            self.context.actor,
            indicator=indicator,
            territory_id=self.territory_id,
            horizon_year=cell.year,
            plan_id=wanted.plan_id,
            **values,  # type: ignore[arg-type]
        )

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


@dataclass(frozen=True)
class ShownTarget:
    """What the target row shows for one horizon."""

    state: TargetState
    text: str  # the value, or the value a change in % comes to
    derived: bool  # computed from a change against a reference year
    tooltip: str
    summary: str  # "2050: -60 % from 2012 (ADEME)"
    summary_without_source: str  # "2050: -60 % from 2012"


def _written(state: TargetState) -> str:
    if state.value is not None:
        return format_number(state.value)
    change = state.relative_change_percent or Decimal(0)
    return _("{change} % from {year}").format(
        change=("+" if change > 0 else "") + format_number(change), year=state.reference_year
    )


def _rounded(value: float) -> str:
    """A computed target as precise as it reads: 4 321, 12,3, 0,456."""
    size = abs(value)
    decimals = 0 if size >= 100 else 1 if size >= 1 else 3
    return format_number(round(value, decimals), decimals=decimals)


def shown_targets(session: Session, indicator_id: int, territory_id: int) -> dict[int, ShownTarget]:
    """Every target of the territory by horizon, resolved as the chart resolves them."""
    analysis = indicator_analysis(session, indicator_id, territory_id)
    resolved = {t.horizon_year: t.value for t in analysis.targets}
    rows = indicator_queries.targets_with_plans(session, indicator_id, territory_id)
    shown: dict[int, ShownTarget] = {}
    for target, plan_title in rows:
        state = state_of(target)
        assert state is not None
        value = resolved.get(target.horizon_year)
        derived = target.value is None
        if value is None:
            text = ""
        elif derived:
            text = _rounded(value)
        else:
            text = format_number(target.value or 0)
        written = _written(state)
        lines = [_("Target {year}: {target}").format(year=target.horizon_year, target=written)]
        if derived and value is not None:
            lines.append(
                _("That is {value} {unit}.")
                .format(value=text, unit=analysis.indicator.unit)
                .strip()
            )
        if target.source:
            lines.append(_("Source: {source}").format(source=target.source))
        if plan_title:
            lines.append(_("Plan: {plan}").format(plan=plan_title))
        short = _("{year}: {target}").format(year=target.horizon_year, target=written)
        summary = short + (
            " " + _("({source})").format(source=target.source) if (target.source) else ""
        )
        shown.setdefault(
            target.horizon_year,
            ShownTarget(state, text, derived, "\n".join(lines), summary, short),
        )
    return shown


class IndicatorGrid(QTableWidget):
    # The grid has been filled again (an indicator, a territory or a value changed).
    loaded = Signal()

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(4, 0, parent)
        self.context = context
        self.targets: dict[int, ShownTarget] = {}
        self._focus_column = -1  # the column shown first after a load
        self.indicator_id: int | None = None
        # The territory whose values are shown: the current one unless the view picks another.
        self.territory_id: int | None = None
        self.years: list[int] = []
        self.errors = ErrorLabel(parent)
        self._loading = False
        self.setVerticalHeaderLabels(
            [_("Measured"), _("Estimated"), _("Target"), _("Other sources")]
        )
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
        self.targets = {}
        # Other sources' values of a year, the one that counts first: "1 012 (Modelled — ...)"
        elsewhere: dict[int, list[str]] = {}
        horizons: list[int] = []  # the plan's regulatory horizons (its SNBC), shown when empty
        if indicator_id is not None and territory_id is not None:
            with self.context.store.session() as session:
                horizons = plan_horizons(session, plan_id)
                for point in indicator_service.series(session, indicator_id, territory_id):
                    own = point.origin == ValueOrigin.AUTHORITY and point.kind in (
                        ObservationKind.MEASURED,
                        ObservationKind.ESTIMATED,
                    )
                    if own:
                        row = MEASURED if point.kind == ObservationKind.MEASURED else ESTIMATED
                        values[(row, point.year)] = point.value
                    elif value_rules.counts(point.origin):
                        values.setdefault((OTHER, point.year), point.value)
                        elsewhere.setdefault(point.year, []).append(
                            f"{format_number(point.value)} ({provenance(point.kind, point.origin)})"
                        )
                self.targets = shown_targets(session, indicator_id, territory_id)
        data_years = {year for _, year in values} | set(self.targets)
        first = min(data_years | {FIRST_YEAR})
        last = max(data_years | {date.today().year})
        past = set(range(first, min(last, date.today().year) + 1))
        self.years = sorted(past | data_years | set(horizons))
        self._loading = True
        self.setColumnCount(len(self.years))
        self.setHorizontalHeaderLabels([str(y) for y in self.years])
        for row in range(4):
            for column, year in enumerate(self.years):
                shown = self.targets.get(year) if row == TARGET else None
                value = values.get((row, year))
                text = "" if value is None else format_number(value)
                if shown is not None:
                    text = shown.text
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if shown is not None:
                    item.setForeground(QColor(palette.TARGET))
                    item.setToolTip(shown.tooltip)
                    if shown.derived:  # computed from a change in %: in italics
                        font = item.font()
                        font.setItalic(True)
                        item.setFont(font)
                if row == OTHER:
                    # read-only: another source's values are imported, not typed
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                    item.setForeground(QColor(palette.MUTED_INK))
                    item.setToolTip("\n".join(elsewhere.get(year, [])))
                self.setItem(row, column, item)
        self._loading = False
        self.setEnabled(indicator_id is not None and territory_id is not None)
        # Four rows: as tall as they are, so the grid does not leave an empty panel below.
        height = self.horizontalHeader().height() + 4 * self.rowHeight(0)
        self.setFixedHeight(height + self.horizontalScrollBar().sizeHint().height() + 4)
        # The last year holding a value or a target is what one reads first (the horizons
        # when there are targets). Once laid out: scrolled before, the offset would not
        # survive the grid's resize.
        filled = [i for i, year in enumerate(self.years) if year in data_years]
        self._focus_column = filled[-1] if filled else len(self.years) - 1
        QTimer.singleShot(0, self, self._show_last_years)
        self.loaded.emit()

    def _show_last_years(self) -> None:
        if 0 <= self._focus_column < self.columnCount():
            self.scrollTo(
                self.model().index(0, self._focus_column),
                QAbstractItemView.ScrollHint.PositionAtCenter,
            )

    def target_summary(self) -> str:
        """The targets in one line under the grid: horizon, target as written, source (said
        once when they share it)."""
        shown = [self.targets[year] for year in sorted(self.targets)]
        sources = {t.state.source for t in shown}
        if len(sources) == 1 and len(shown) > 1:
            text = "  ·  ".join(t.summary_without_source for t in shown)
            source = sources.pop()
            return text + (" — " + _("Source: {source}").format(source=source) if source else "")
        return "  ·  ".join(t.summary for t in shown)

    def place(self) -> tuple[int | None, int | None]:
        """The territory shown and the plan that receives a new target."""
        return self._place()

    def set_target(
        self, year: int, state: TargetState | None, *, moved_from: int | None = None
    ) -> bool:
        """Replace the target at ``year`` whole (the target dialog), removing the one at
        ``moved_from`` when its horizon changed; one undoable step."""
        cells = [CellChange(TARGET, year, state)]
        if moved_from is not None and moved_from != year:
            cells.insert(0, CellChange(TARGET, moved_from, None))
        return self._apply(cells, _("Target {year}").format(year=year))

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
        if top + len(block) > EDITABLE_ROWS or left + max(len(r) for r in block) > len(self.years):
            self.errors.show_message(_("Nothing was pasted: the block goes past the grid."))
            return False
        cells = [
            CellChange(top + r, self.years[left + c], value)
            for r, values in enumerate(block)
            for c, value in enumerate(values)
        ]
        text = ngettext("Paste {count} value", "Paste {count} values", len(cells))
        return self._apply(cells, text.format(count=len(cells)))

    def clear_selection_values(self) -> bool:
        cells = [
            CellChange(index.row(), self.years[index.column()], None)
            for index in self.selectedIndexes()
            if index.data() and index.row() < EDITABLE_ROWS
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
