"""Indicators by category on the left; the chosen one's description, its year grid and its
chart (values, trajectory to the targets, on-track band) for the territory shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from ...charts.indicator_chart import IndicatorChart
from ...i18n import _
from ...labels import choices, dimension_label, label
from ...models import Direction, Indicator, IndicatorCategory, Observation, Territory
from ...services import indicators as indicator_service
from ...services.analysis import indicator_analysis
from ...services.reference_comparison import indicator_reference
from ..context import AppContext
from ..editors.common import ErrorLabel, save_edit
from ..editors.fields import TextBox, fill_combo, select_value
from ..indicator_grid import IndicatorGrid
from .base import View

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHART_HEIGHT = 320  # enough for the targets, band and legend to read


class IndicatorView(View):
    key = "indicators"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.indicator_id: int | None = None
        self.version: int | None = None
        self.values: dict[str, Any] = {}
        self._refresh_pending = False
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Indicator"), _("Unit")])
        self.tree.currentItemChanged.connect(self._current_changed)

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
                "Type in a cell, or paste a block copied from a spreadsheet (Ctrl+V). "
                "Targets are those of the current plan."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #52606d;")

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
        layout.addWidget(hint)
        # The series of the territory shown, its trajectory to the targets and the on-track
        # band: redrawn when the indicator, the territory or a value changes.
        self.chart_box = QVBoxLayout()
        self.chart: IndicatorChart | None = None
        layout.addLayout(self.chart_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
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

    def _on_data_changed(self, entity: str) -> None:
        # After the current event: the change may come from a cell of the grid being edited.
        if self.isVisible() and not self._refresh_pending:
            self._refresh_pending = True
            QTimer.singleShot(0, self, self._deferred_refresh)

    def _deferred_refresh(self) -> None:
        if self._refresh_pending:
            self._refresh_pending = False
            self.refresh()

    def refresh(self) -> None:
        current = self.indicator_id
        self.tree.blockSignals(True)
        self.tree.clear()
        with self.context.store.session() as session:
            indicators = indicator_service.list_indicators(session)
        groups: dict[IndicatorCategory, QTreeWidgetItem] = {}
        for indicator in indicators:
            category = IndicatorCategory(indicator.category)
            if category not in groups:
                groups[category] = QTreeWidgetItem(self.tree, [label(category)])
                groups[category].setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[category].setExpanded(True)
            item = QTreeWidgetItem(
                groups[category], [f"{indicator.code} {indicator.name}", indicator.unit]
            )
            item.setData(0, ID_ROLE, indicator.id)
        self.tree.blockSignals(False)
        if current is None and indicators:
            current = indicators[0].id
        self.show_item(current)

    def show_item(self, item_id: int | None) -> None:
        if item_id is not None and item_id >= 0:
            for index in range(self.tree.topLevelItemCount()):
                group = self.tree.topLevelItem(index)
                if group is None:
                    continue
                for child in range(group.childCount()):
                    item = group.child(child)
                    if item is not None and item.data(0, ID_ROLE) == item_id:
                        self.tree.blockSignals(True)
                        self.tree.setCurrentItem(item)
                        self.tree.blockSignals(False)
        self.load(item_id if item_id is not None and item_id >= 0 else None)

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        if item is not None and item.data(0, ID_ROLE) is not None:
            self.load(int(item.data(0, ID_ROLE)))

    def load(self, indicator_id: int | None) -> None:
        indicator = None
        if indicator_id is not None:
            with self.context.store.session() as session:
                indicator = session.get(Indicator, indicator_id)
        self.indicator_id = indicator.id if indicator else None
        self.version = indicator.version if indicator else None
        self.heading.setText(indicator.name if indicator else _("No indicator yet."))
        for name, widget in self.fields.items():
            value = getattr(indicator, name) if indicator else None
            self.values[name] = value
            if isinstance(widget, QLineEdit):
                widget.setText(value or "")
            elif isinstance(widget, QComboBox):
                select_value(widget, value)
            elif isinstance(widget, TextBox):
                widget.set_text(value or "")
            widget.setEnabled(indicator is not None)
        self.dimension.setText(dimension_label(indicator.dimension) if indicator else "")
        self.errors.show_message("")
        self._fill_territories()
        self.grid.load(self.indicator_id)
        self._draw_chart()

    def _fill_territories(self) -> None:
        """The current territory first, then those holding values of this indicator; shown:
        the one chosen before if it still applies, else the first that has values."""
        current = self.context.territory_id
        with self.context.store.session() as session:
            with_values = set(
                session.exec(
                    select(Observation.territory_id)
                    .where(Observation.indicator_id == self.indicator_id)
                    .distinct()
                )
            )
            query = (
                select(Territory.id, Territory.name)
                .where(col(Territory.id).in_(with_values | {current}))
                .order_by(col(Territory.name))
            )
            pairs: list[tuple[Any, str]] = [(t_id, name) for t_id, name in session.exec(query)]
        pairs.sort(key=lambda pair: pair[0] != current)  # stable: the current one first
        ids = [territory_id for territory_id, _name in pairs]
        shown = self.grid.territory_id
        if shown not in with_values:
            shown = current if current in with_values or not with_values else None
            shown = shown or next((t for t in ids if t in with_values), None)
        fill_combo(self.territory, pairs, shown)
        self.grid.territory_id = shown

    def _territory_changed(self, _index: int) -> None:
        self.grid.territory_id = self.territory.currentData()
        self.grid.load(self.indicator_id)
        self._draw_chart()

    def _draw_chart(self) -> None:
        if self.chart is not None:
            self.chart_box.removeWidget(self.chart)
            self.chart.deleteLater()
            self.chart = None
        territory_id = self.grid.territory_id
        if self.indicator_id is None or territory_id is None:
            return
        with self.context.store.session() as session:
            analysis = indicator_analysis(session, self.indicator_id, territory_id)
            reference = indicator_reference(session, self.indicator_id, territory_id)
        self.chart = IndicatorChart(analysis, reference=reference, parent=self)
        self.chart.setObjectName("indicator_chart")
        self.chart.setMinimumHeight(CHART_HEIGHT)
        self.chart_box.addWidget(self.chart)

    def _save(self, name: str, value: Any) -> None:
        if self.indicator_id is None or self.values.get(name) == value:
            return
        values: dict[str, Any] = {name: value}
        if name == "name":
            from ...services.text import normalise_name

            values["normalised_name"] = normalise_name(value)
        version = save_edit(
            self, self.context, Indicator, self.indicator_id, values, self.version, self.errors
        )
        if version is not None:
            self.version = version
            self.values[name] = value
