"""Indicators by category on the left, those of one territory (the one worked on, or another
chosen above the list), codes in natural order; the chosen one's description, its year grid
(values and targets) and its chart for the territory shown. The chosen indicator stays chosen
from one visit of the view to the next."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import palette
from ...charts.indicator_chart import IndicatorChart, IndicatorChartRead, indicator_chart_read
from ...i18n import _, format_number
from ...labels import choices, dimension_label, label
from ...models import Direction, Indicator, IndicatorCategory
from ...services import indicators as indicator_service
from ...services import referential
from ...services.queries import records
from ...services.text import matches, name_fields, natural_key, short_name
from ..change_notice import ChangeNotice
from ..context import AppContext
from ..editors.common import ErrorLabel, save_edit
from ..editors.fields import TextBox, fill_combo, select_value
from ..widgets.eliding_combo import ElidingComboBox
from .base import View
from .indicator_grid import IndicatorGrid

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_HEIGHT = 320  # enough for the targets, band and legend to read


@dataclass(frozen=True)
class ChartRead:
    """The chart of the indicator and territory shown, and the years whose entered total
    differs from the sum of its parts."""

    disagreements: list[referential.Disagreement]
    chart: IndicatorChartRead | None


class IndicatorView(View):
    key = "indicators"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.indicator_id: int | None = None
        self.version: int | None = None
        self.values: dict[str, Any] = {}
        self._refresh_pending = False
        self._change_refresh = False  # a change refreshes the view: the chart is read apart
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("indicator_tree")
        self.tree.setHeaderLabels([_("Indicator"), _("Unit")])
        self.tree.currentItemChanged.connect(self._current_changed)
        # Whose indicators the list shows: the territory worked on by default.
        self.scope = ElidingComboBox(self)
        self.scope.setObjectName("indicator_scope")
        self.scope.setToolTip(_("Show the indicators of this territory"))
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self._scope_follows: int | None = None  # the context territory the scope was set for
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(_("Search indicators (code, name)…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter_tree)
        scope_label = QLabel(_("Indicators &of"), self)
        scope_label.setBuddy(self.scope)

        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.fields: dict[str, QWidget] = {}
        self.errors = ErrorLabel(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, text in (
            ("code", _("&Code")),
            ("name", _("&Name")),
            ("unit", _("&Unit")),
            ("source_producer", _("Source &producer")),
            ("source_url", _("Source &address")),
        ):
            form.addRow(text, self._line(name))
        form.addRow(_("C&ategory"), self._combo("category", list(choices(IndicatorCategory))))
        form.addRow(_("&Direction"), self._combo("direction", list(choices(Direction))))
        self.dimension = QLabel(self)
        form.addRow(_("Dimension"), self.dimension)
        # Where a referential indicator comes from and what it sums; empty for a custom one.
        self.reference = QLabel(self)
        self.reference.setObjectName("reference")
        self.reference.setWordWrap(True)
        form.addRow(_("Referential"), self.reference)
        description = TextBox(self)
        description.setMaximumHeight(70)
        description.editing_finished.connect(
            lambda: self._save("description", description.toPlainText())
        )
        self.fields["description"] = description
        form.addRow(_("D&escription"), description)
        self.grid = IndicatorGrid(context, parent=self)
        self.grid.setObjectName("indicator_grid")
        # Values belong to a territory: the current one, or another that has values for this
        # indicator (a region, a peer) so its series can be read and corrected too.
        self.territory = QComboBox(self)
        self.territory.setObjectName("territory")
        self.territory.currentIndexChanged.connect(self._territory_changed)
        territory_label = QLabel(_("Values by year for &territory"), self)
        territory_label.setBuddy(self.territory)
        hint = QLabel(
            _(
                "Type in a cell, or paste a block copied from a spreadsheet (Ctrl+V). The "
                "target row shows every target of the territory at its horizon; a change in % "
                "shows the value it comes to, in italics."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #52606d;")
        self.target_summary = QLabel(self)
        self.target_summary.setObjectName("target_summary")
        self.target_summary.setWordWrap(True)
        self.target_button = QPushButton(_("Target &details…"), self)
        self.target_button.setObjectName("target_button")
        self.target_button.clicked.connect(self.edit_target)
        self.grid.loaded.connect(self._show_targets)

        right = QWidget(self)
        layout = QVBoxLayout(right)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        place = QHBoxLayout()
        place.addWidget(territory_label)
        place.addWidget(self.territory, 1)
        layout.addLayout(place)
        layout.addWidget(self.grid)
        layout.addWidget(self.grid.errors)
        targets = QHBoxLayout()
        targets.addWidget(self.target_summary, 1)
        targets.addWidget(self.target_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(targets)
        # A total entered that differs from the sum of its parts, year by year.
        self.flags = QLabel(self)
        self.flags.setObjectName("disagreements")
        self.flags.setWordWrap(True)
        self.flags.setStyleSheet(f"color: {palette.OFF_TRACK};")
        layout.addWidget(self.flags)
        layout.addWidget(hint)
        # The series of the territory shown, its trajectory to the targets and the on-track
        # band: redrawn when the indicator, the territory or a value changes.
        self.chart_box = QVBoxLayout()
        self.chart: IndicatorChart | None = None
        layout.addLayout(self.chart_box, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        scope_row = QHBoxLayout()
        scope_row.addWidget(scope_label)
        scope_row.addWidget(self.scope, 1)
        left_layout.addLayout(scope_row)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 900])
        self.tree.setColumnWidth(0, 300)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)
        self.refresh()

    def _line(self, name: str) -> QLineEdit:
        widget = QLineEdit(self)
        widget.setObjectName(name)
        widget.editingFinished.connect(lambda: self._save(name, widget.text().strip()))
        self.fields[name] = widget
        return widget

    def _combo(self, name: str, pairs: list[tuple[Any, str]]) -> QComboBox:
        widget = QComboBox(self)
        fill_combo(widget, pairs, None)
        widget.currentIndexChanged.connect(lambda _i: self._save(name, widget.currentData()))
        self.fields[name] = widget
        return widget

    def title(self) -> str:
        return _("Indicators")

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        # After the current event: the change may come from a cell of the grid being edited.
        if self.isVisible() and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._deferred_refresh)

    def _deferred_refresh(self) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            # The chart's read, the longest of the view's, goes to a worker.
            self._change_refresh = True
            try:
                self.refresh()
            finally:
                self._change_refresh = False

    def current_item(self) -> int | None:
        return self.indicator_id

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _fill_scope(self) -> None:
        """The territories holding values or targets, then "every territory"; chosen: the one
        worked on when it changed, else the one chosen before."""
        current = self.context.territory_id
        with self.context.store.session() as session:
            with_data = set(indicator_service.territories_with_data(session))
            rows = records.territory_names(session, with_data).items()
        pairs: list[tuple[Any, str]] = sorted(
            ((t_id, short_name(name)) for t_id, name in rows), key=lambda p: natural_key(p[1])
        )
        pairs.sort(key=lambda pair: pair[0] != current)  # the territory worked on first
        pairs.append((None, _("Every territory")))
        wanted = self.scope.currentData() if self.scope.count() else current
        if current != self._scope_follows:  # the user chose another plan or territory
            wanted = current if current in with_data else None
            self._scope_follows = current
        self.scope.blockSignals(True)
        fill_combo(self.scope, pairs, wanted)
        self.scope.blockSignals(False)

    def _scope_changed(self, _index: int) -> None:
        self.refresh()

    def refresh(self) -> None:
        current = self.indicator_id
        self._fill_scope()
        scope = self.scope.currentData()
        self.tree.blockSignals(True)
        self.tree.clear()
        with self.context.store.session() as session:
            indicators = indicator_service.list_indicators(session, territory_id=scope)
            tree = referential.hierarchy(session)
        groups: dict[IndicatorCategory, QTreeWidgetItem] = {}
        # Referential indicators hang under their parent (a sector under its total), or under
        # the nearest ancestor listed (road transport under the GHG total when the transport
        # subtotal holds no value of the territory).
        by_identifier = {i.identifier: i for i in indicators if i.identifier}

        def listed_parent(indicator: Indicator) -> str | None:
            seen: set[str] = set()
            pending_parents = list(indicator.parent_identifiers.split())
            while pending_parents:
                parent = pending_parents.pop(0)
                if parent in seen:
                    continue
                seen.add(parent)
                if parent in by_identifier:
                    if by_identifier[parent].category == indicator.category:
                        return parent
                    continue
                node = tree.nodes.get(parent)
                pending_parents += list(node.parents) if node is not None else []
            return None

        items: dict[str, QTreeWidgetItem] = {}
        pending = list(indicators)
        while pending:
            postponed = []
            for indicator in pending:
                category = IndicatorCategory(indicator.category)
                if category not in groups:
                    groups[category] = QTreeWidgetItem(self.tree, [label(category)])
                    groups[category].setFlags(Qt.ItemFlag.ItemIsEnabled)
                    groups[category].setExpanded(True)
                parent_code = listed_parent(indicator)
                if parent_code is not None and parent_code not in items:
                    postponed.append(indicator)
                    continue
                parent = items[parent_code] if parent_code is not None else groups[category]
                name = referential.display_name(indicator)
                item = QTreeWidgetItem(parent, [f"{indicator.code} {name}", indicator.unit])
                item.setData(0, ID_ROLE, indicator.id)
                item.setToolTip(0, f"{indicator.code} {name}")
                if indicator.identifier:
                    items[indicator.identifier] = item
            if len(postponed) == len(pending):  # a parent in a cycle: show them flat
                for indicator in postponed:
                    indicator.parent_identifiers = ""
            pending = postponed
        for item in items.values():  # a total shows its sectors
            item.setExpanded(item.childCount() > 0)
        self.tree.blockSignals(False)
        self._filter_tree(self.search.text())
        listed = {i.id for i in indicators}
        if (current is None or current not in listed) and indicators:
            current = indicators[0].id
        self.show_item(current)

    def _filter_tree(self, text: str) -> None:
        """Hide the indicators whose code and name do not hold every word typed; a total
        stays in sight above a sector that matches."""
        searching = bool(text.strip())

        def filter_children(parent: QTreeWidgetItem) -> int:
            shown = 0
            for child in range(parent.childCount()):
                item = parent.child(child)
                if item is None:
                    continue
                below = filter_children(item)
                hidden = searching and below == 0 and not matches(text, item.text(0))
                item.setHidden(hidden)
                shown += not hidden
            return shown

        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is not None:
                group.setHidden(filter_children(group) == 0)

    def show_item(self, item_id: int | None) -> None:
        if item_id is not None and item_id >= 0:
            found = self._find(item_id)
            if found is None and self.scope.currentData() is not None:
                # An indicator of another territory (search, navigation): list them all.
                self.scope.blockSignals(True)
                self.scope.setCurrentIndex(self.scope.count() - 1)
                self.scope.blockSignals(False)
                self.indicator_id = item_id
                self.refresh()
                return
            if found is not None:
                self.tree.blockSignals(True)
                self.tree.setCurrentItem(found)
                self.tree.scrollToItem(found)
                self.tree.blockSignals(False)
        self.load(item_id if item_id is not None and item_id >= 0 else None)

    def _find(self, item_id: int) -> QTreeWidgetItem | None:
        pending = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while pending:
            item = pending.pop()
            if item is None:
                continue
            if item.data(0, ID_ROLE) == item_id:
                return item
            pending.extend(item.child(c) for c in range(item.childCount()))
        return None

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None and item.data(0, ID_ROLE) is not None:
            self.load(int(item.data(0, ID_ROLE)))

    def load(self, indicator_id: int | None) -> None:
        indicator = None
        if indicator_id is not None:
            with self.context.store.session() as session:
                indicator = records.record(session, Indicator, indicator_id)
        self.indicator_id = indicator.id if indicator else None
        self.version = indicator.version if indicator else None
        self.heading.setText(
            referential.display_name(indicator) if indicator else _("No indicator yet.")
        )
        # A referential indicator's definition is reference data: read, not typed over.
        fixed = {"code", "name", "unit", "category", "direction"}
        for name, widget in self.fields.items():
            value = getattr(indicator, name) if indicator else None
            self.values[name] = value
            if isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QComboBox):
                select_value(widget, value)
            elif isinstance(widget, TextBox):
                widget.set_text(value or "")
            editable = not (indicator is not None and indicator.identifier and name in fixed)
            widget.setEnabled(indicator is not None and editable)
        self.dimension.setText(dimension_label(indicator.dimension) if indicator else "")
        self.reference.setText(self._reference_text(indicator))
        self.errors.show_message("")
        self._fill_territories()
        self.grid.load(self.indicator_id)
        self._draw_chart()

    @staticmethod
    def _reference_text(indicator: Indicator | None) -> str:
        if indicator is None or not indicator.identifier:
            return _("Custom indicator (not in the regulatory referential)")
        if indicator.referential == "tet":
            text = _("Territoires en Transitions, {identifier}").format(
                identifier=indicator.identifier
            )
        else:
            text = _("R229-51 indicator of this application, {identifier}").format(
                identifier=indicator.identifier
            )
        terms = referential.parse_formula(indicator.formula)
        if terms:
            text += "\n" + _("Computed as the sum of: {terms} (* optional)").format(
                terms=" + ".join(t.identifier + ("" if t.required else "*") for t in terms)
            )
        return text

    def _fill_territories(self) -> None:
        """The current territory first, then those holding values of this indicator; shown:
        the one chosen before if it still applies, else the first that has values."""
        current = self.context.territory_id
        with self.context.store.session() as session:
            with_values = records.territories_with_values(session, self.indicator_id)
            listed = with_values if current is None else with_values | {current}
            names = records.territory_names(session, listed)
            pairs: list[tuple[Any, str]] = list(names.items())
        pairs.sort(key=lambda pair: pair[0] != current)  # stable: the current one first
        ids = [territory_id for territory_id, _name in pairs]
        scope = self.scope.currentData()
        shown = scope if scope in ids else self.grid.territory_id
        if shown not in with_values and shown != scope:
            shown = current if current in with_values or not with_values else None
            shown = shown or next((t for t in ids if t in with_values), None)
        fill_combo(self.territory, pairs, shown)
        self.grid.territory_id = shown

    def _show_targets(self) -> None:
        summary = self.grid.target_summary()
        self.target_summary.setText(
            _("Targets: {targets}").format(targets=summary) if summary else _("No target yet.")
        )
        self.target_button.setEnabled(self.grid.isEnabled())

    def edit_target(self) -> QDialog | None:
        """The target of the year chosen in the grid (else the first one), in a dialog."""
        if self.indicator_id is None or not self.grid.isEnabled():
            return None
        from ..dialogs.target_dialog import TargetDialog

        column = self.grid.currentColumn()
        years = self.grid.years
        if 0 <= column < len(years) and (self.grid.currentRow() == 2 or not self.grid.targets):
            year = years[column]
        else:
            year = min(self.grid.targets, default=years[-1] if years else 2030)
        shown = self.grid.targets.get(year)
        _territory, plan_id = self.grid.place()
        unit = str(self.values.get("unit") or "")
        dialog = TargetDialog(
            year, shown.state if shown else None, unit=unit, plan_id=plan_id, parent=self
        )

        def done(result: int) -> None:
            if result != QDialog.DialogCode.Accepted:
                return
            state = dialog.state()
            if state is None:  # removed
                self.grid.set_target(year, None)
            else:
                self.grid.set_target(dialog.year(), state, moved_from=year if shown else None)

        dialog.finished.connect(done)
        dialog.open()
        return dialog

    def _territory_changed(self, _index: int) -> None:
        self.grid.territory_id = self.territory.currentData()
        self.grid.load(self.indicator_id)
        self._draw_chart()

    def _draw_chart(self) -> None:
        """The chart and the disagreements of the indicator and territory shown: read here
        when the user chose them, on a worker when a change refreshes the view (the chart
        drawn before stays until the read is done)."""
        self.forget_background_reads()  # a read under way is of what was shown before
        read = self._chart_reader()
        if self._change_refresh:
            self.read_in_background(read, self._show_chart)
        else:
            self._show_chart(read())

    def _chart_reader(self) -> Callable[[], ChartRead]:
        """The chart's data, read with what the view shows now; touches no Qt."""
        store, indicator_id, territory_id = (
            self.context.store,
            self.indicator_id,
            self.grid.territory_id,
        )

        def read() -> ChartRead:
            if indicator_id is None or territory_id is None:
                return ChartRead([], None)
            with store.session() as session:
                found = [
                    d
                    for d in referential.disagreements(session, territory_id)
                    if d.indicator_id == indicator_id
                ]
                try:
                    chart = indicator_chart_read(session, indicator_id, territory_id)
                except LookupError:  # deleted meanwhile: the next refresh shows another
                    chart = None
            return ChartRead(found, chart)

        return read

    def _show_chart(self, read: ChartRead) -> None:
        if self.chart is not None:
            self.chart_box.removeWidget(self.chart)
            self.chart.deleteLater()
            self.chart = None
        # The years whose entered total differs from the sum of its parts.
        lines = [
            _(
                "{year}: the value entered ({entered}) differs from the sum of its "
                "parts ({computed})."
            ).format(
                year=item.year,
                entered=format_number(item.entered),
                computed=format_number(item.computed),
            )
            for item in read.disagreements
        ]
        self.flags.setText("\n".join(lines))
        self.flags.setVisible(bool(lines))
        if read.chart is None:
            return
        self.chart = IndicatorChart.of(read.chart, parent=self)
        self.chart.setObjectName("indicator_chart")
        self.chart.setMinimumHeight(CHART_HEIGHT)
        self.chart_box.addWidget(self.chart)

    def _save(self, name: str, value: Any) -> None:
        if self.indicator_id is None or self.values.get(name) == value:
            return
        values: dict[str, Any] = name_fields(value) if name == "name" else {name: value}
        version = save_edit(
            self, self.context, Indicator, self.indicator_id, values, self.version, self.errors
        )
        if version is not None:
            self.version = version
            self.values[name] = value
