"""The header-row and column-mapping pages of the import wizard."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from ...i18n import _
from ...io.actions_import import file_axes, is_placeholder, matching_plan
from ...io.importer import reanalyse
from ...io.kinds import ACTIONS, KINDS, OBSERVATIONS
from ...io.layout import column_letter
from ...io.mapping import field_choices, field_label, score
from ...io.parsing import MIN_YEAR
from ...models import Territory
from ...services.queries import records
from ...services.territories import territory_key
from ..widgets.eliding_combo import ElidingComboBox
from ..widgets.plan_choices import fill_plan_combo
from ..widgets.territory_picker import TerritoryPicker
from .sheet_models import SheetRowsModel, cell_text
from .wizard import ERROR_STYLE, kind_label

if TYPE_CHECKING:
    from .wizard import ImportWizard

PREVIEW_ROWS = 40
SAMPLES = 3
NO_YEAR = MIN_YEAR - 1  # the spin box's "(from the file)"


class HeaderPage(QWizardPage):
    """The row that names the columns: detected (titles, notes and blank rows skipped, field
    type and instruction rows of templates noticed), editable by the spin box or a click."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Header row"))
        self.setSubTitle(
            _(
                "The row that holds the column names is highlighted. Click another "
                "row or change the number if it is not the right one."
            )
        )
        self.row_spin = QSpinBox()
        self.row_spin.setMinimum(1)
        self.row_spin.valueChanged.connect(self._changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableView()
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.clicked.connect(self._clicked)
        self.model: SheetRowsModel | None = None
        form = QFormLayout()
        form.addRow(_("Header row:"), self.row_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        prepared = self.owner.prepared
        assert prepared is not None
        rows = prepared.sheet.rows
        self.model = SheetRowsModel(rows, limit=PREVIEW_ROWS, parent=self.table)
        self.table.setModel(self.model)
        self.row_spin.blockSignals(True)
        self.row_spin.setMaximum(max(1, min(len(rows), PREVIEW_ROWS)))
        self.row_spin.setValue(prepared.layout.header_row + 1)
        self.row_spin.blockSignals(False)
        self._show()

    def _clicked(self, index: QModelIndex) -> None:
        if self.model is not None:
            self.row_spin.setValue(self.model.sheet_row(index.row()) + 1)

    def _changed(self, value: int) -> None:
        prepared = self.owner.prepared
        if prepared is None or value - 1 == prepared.layout.header_row:
            return
        self.owner.set_prepared(reanalyse(prepared, header_row=value - 1))
        self._show()

    def _show(self) -> None:
        prepared = self.owner.prepared
        assert prepared is not None and self.model is not None
        layout = prepared.layout
        self.model.set_highlight(layout.header_row)
        text = _("Columns: {names}.").format(
            names=", ".join(layout.names[:12]) + (" …" if len(layout.names) > 12 else "")
        )
        skipped = layout.first_data_row - layout.header_row - 1
        if skipped > 0:
            text += " " + _(
                "The data start on row {row}: the rows of field types and "
                "instructions under the header are skipped."
            ).format(row=layout.first_data_row + 1)
        if any(layout.groups):
            groups = sorted({g for g in layout.groups if g})
            text += " " + _("Group headers above: {groups}.").format(
                groups=", ".join(groups[:6]) + (" …" if len(groups) > 6 else "")
            )
        self.status.setText(text)
        view_row = self.model.view_row(layout.header_row)
        if view_row is not None:
            self.table.scrollTo(self.model.index(view_row, 0))


class MappingPage(QWizardPage):
    """What each column holds, suggested from its header (French and English), one editable
    list per column; and the options of the import."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Columns"))
        self.setSubTitle(
            _('Check what each column holds. Columns set to "(ignore)" are not imported.')
        )
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("Column"), _("Header"), _("Examples"), _("Imported as")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combos: list[QComboBox] = []
        self.matched_plan: int | None = None  # the plan whose sections hold the file's axes

        self.territory_picker = TerritoryPicker(
            wizard.context.store,
            none_text=_("(the file's territory column, or the only territory)"),
        )
        self.territory_picker.changed.connect(self._territory_changed)
        # The plan that receives actions: an existing one, or a new one named below.
        # Plan titles run long: they end in "…" rather than widen the wizard past the screen.
        self.plan_combo = ElidingComboBox(shortest=20)
        self.plan_combo.setObjectName("plan_choice")
        self.plan_combo.currentIndexChanged.connect(self._plan_changed)
        self.plan_edit = QLineEdit()
        self.plan_edit.setObjectName("new_plan_name")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(NO_YEAR, 2100)
        self.year_spin.setSpecialValueText(_("(from the file)"))
        self.create_box = QCheckBox(
            _("Create the territories the file names that the store does not know")
        )
        options = QGroupBox(_("Options"))
        form = QFormLayout(options)
        form.addRow(_("Territory of rows that do not name one:"), self.territory_picker)
        form.addRow(_("Plan that receives the actions:"), self.plan_combo)
        form.addRow(_("Name of the new plan:"), self.plan_edit)
        form.addRow(_("Year of the values when no column gives it:"), self.year_spin)
        form.addRow(self.create_box)
        self.form = form
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("The file holds:")))
        top.addWidget(self.kind_combo)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addWidget(options)

    def initializePage(self) -> None:
        owner = self.owner
        prepared = owner.prepared
        assert prepared is not None
        self.kind_combo.blockSignals(True)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(prepared.kind)))
        self.kind_combo.blockSignals(False)
        self._fill_territories()
        self.plan_edit.setPlaceholderText(owner.path.stem if owner.path else "")
        self.plan_edit.setText(owner.plan or "")
        self._fill_plans()
        self.year_spin.setValue(owner.year or NO_YEAR)
        self.create_box.setChecked(owner.create_territories)
        self.status.setText("")
        self._fill_table()

    def _fill_territories(self) -> None:
        """The territory chosen before (or remembered by the profile), else the one being
        worked on when the store holds several."""
        owner = self.owner
        key = owner.territory
        if key is None:
            with owner.context.store.session() as session:
                several = records.territory_count(session) > 1
                current = records.record(session, Territory, owner.context.territory_id or -1)
            if several and current is not None:
                key = territory_key(current)
        self.territory_picker.search.clear()
        if not self.territory_picker.set_key(key):
            self.territory_picker.set_key(None)

    def _fill_plans(self) -> None:
        """Every plan of the store, then "new plan". Chosen: the plan chosen before, else the
        plan whose sections hold the file's axes, else the plan being worked on."""
        owner = self.owner
        prepared = owner.prepared
        combo = self.plan_combo
        combo.blockSignals(True)
        combo.clear()
        plan_ids = fill_plan_combo(combo, owner.context.store)
        wanted = owner.plan_id
        if wanted is None and prepared is not None and prepared.kind == ACTIONS:
            axes = file_axes(prepared.sheet, prepared.layout, prepared.mapping)
            with owner.context.store.session() as session:
                wanted = matching_plan(session, axes, plan_ids)
            self.matched_plan = wanted
        combo.addItem(_("New plan"), None)
        if wanted is None and not owner.new_plan and owner.context.plan_id is not None:
            wanted = owner.context.plan_id
        index = combo.findData(wanted) if wanted is not None else -1
        combo.setCurrentIndex(index if index >= 0 else combo.count() - 1)
        combo.blockSignals(False)
        self._plan_changed()

    def _plan_changed(self) -> None:
        new = self.plan_combo.currentData() is None
        self.plan_edit.setEnabled(new)
        # An existing plan belongs to its territory: the choice below only names the
        # territory of a new plan (and of values, for the other kinds).
        actions = self.owner.prepared is not None and self.owner.prepared.kind == ACTIONS
        self.territory_picker.setEnabled(new or not actions)
        self.owner.invalidate()

    def _territory_changed(self) -> None:
        self.owner.invalidate()

    def _kind_changed(self) -> None:
        prepared = self.owner.prepared
        kind = self.kind_combo.currentData()
        if prepared is None or kind == prepared.kind:
            return
        self.owner.set_prepared(
            reanalyse(prepared, header_row=prepared.layout.header_row, kind=kind)
        )
        self._fill_table()
        self._fill_plans()

    def _fill_table(self) -> None:
        prepared = self.owner.prepared
        assert prepared is not None
        kind = prepared.kind
        names = prepared.layout.names
        rows = prepared.sheet.rows[prepared.layout.first_data_row :][:200]
        choices = field_choices(kind, prepared.mapping)
        self.table.setRowCount(len(names))
        self.combos = []
        for col, name in enumerate(names):
            samples: list[str] = []
            for row in rows:
                value = row[col] if col < len(row) else None
                text = "" if is_placeholder(value) else cell_text(value)
                if text and text not in samples:
                    samples.append(text[:40])
                if len(samples) >= SAMPLES:
                    break
            group = prepared.layout.groups[col] if col < len(prepared.layout.groups) else ""
            header_text = _("{group} / {name}").format(group=group, name=name) if group else name
            self.table.setItem(col, 0, QTableWidgetItem(column_letter(col)))
            item = QTableWidgetItem(header_text)
            item.setToolTip(header_text)
            self.table.setItem(col, 1, item)
            self.table.setItem(col, 2, QTableWidgetItem(" | ".join(samples)))
            combo = QComboBox()
            for choice in choices:
                combo.addItem(field_label(kind, choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(prepared.mapping.get(col, "ignore"))))
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.table.setCellWidget(col, 3, combo)
            self.combos.append(combo)
        self.table.setColumnWidth(1, 260)
        self.table.setColumnWidth(3, 260)
        is_observations, is_actions = kind == OBSERVATIONS, kind == ACTIONS
        for widget, visible in (
            (self.territory_picker, kind != "organisations"),
            (self.plan_combo, is_actions),
            (self.plan_edit, is_actions),
            (self.year_spin, is_observations),
            (self.create_box, is_observations),
        ):
            self.form.setRowVisible(widget, visible)

    def mapping(self) -> dict[int, str]:
        return {
            col: str(combo.currentData())
            for col, combo in enumerate(self.combos)
            if combo.currentData() not in (None, "ignore")
        }

    def set_field(self, col: int, field: str) -> None:
        """Choose what column ``col`` holds (used by tests and by keyboard users alike)."""
        combo = self.combos[col]
        index = combo.findData(field)
        if index < 0:
            combo.addItem(
                field_label(self.owner.prepared.kind if self.owner.prepared else "", field), field
            )
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def _mapping_changed(self) -> None:
        self.owner.invalidate()
        self.status.setText("")

    def validatePage(self) -> bool:
        owner = self.owner
        prepared = owner.prepared
        assert prepared is not None
        mapping = self.mapping()
        if score(prepared.kind, mapping) <= 0:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText(self._missing_text(prepared.kind))
            return False
        self.status.setStyleSheet("")
        plan_id = self.plan_combo.currentData() if prepared.kind == ACTIONS else None
        options = (
            self.territory_picker.key(),
            self.plan_edit.text().strip() or None,
            plan_id,
            None if self.year_spin.value() == NO_YEAR else self.year_spin.value(),
            self.create_box.isChecked(),
        )
        if mapping != prepared.mapping or options != (
            owner.territory,
            owner.plan,
            owner.plan_id,
            owner.year,
            owner.create_territories,
        ):
            owner.invalidate()
        prepared.mapping = mapping
        owner.territory, owner.plan, owner.plan_id, owner.year, owner.create_territories = options
        owner.new_plan = prepared.kind == ACTIONS and plan_id is None
        return True

    def _missing_text(self, kind: str) -> str:
        if kind == OBSERVATIONS:
            return _(
                "Choose at least the column of the indicator (code or name) and a column "
                "of values, or a territory column and indicator columns."
            )
        if kind == ACTIONS:
            return _("Choose at least the column of the action titles.")
        return _("Choose at least the column of the organisation names.")
