"""The SNBC reference of the territory shown: what it is and where it comes from, the plan's
regulatory horizons, the plan's targets against it, the reference by year and sector, and its
chart beside the observed values. Saves the simplified reference, imports an official one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...charts.base import ChartWidget
from ...charts.energy_chart import EnergyChart, EnergyRead, energy_read
from ...charts.sector_chart import SectorChart, SectorRead, sector_read
from ...i18n import _, format_date
from ...models import ReferenceKind, Territory
from ...models.reference import CarbonStrategy
from ...services.horizons import plan_horizons, plan_strategy
from ...services.queries import records
from ...services.reference_comparison import ROWS, Comparison, comparison, domain_unit
from ...services.reference_texts import method_text, missing_text
from ...services.reference_trajectory import ENERGY, GHG, Reference, reference_for
from ..change_notice import ChangeNotice
from ..context import AppContext
from ..item_models.reference_tables import ComparisonModel, YearlyReferenceModel
from ..operations import run_in_background
from .base import View

FILE_FILTER = "*.xlsx *.xlsm *.xls *.ods *.csv"


@dataclass(frozen=True)
class ReferenceRead:
    """Everything the view shows of one territory's reference in one domain."""

    domain: str
    territory_name: str
    reference: Reference
    table: Comparison
    strategy: CarbonStrategy
    horizons: list[int]
    chart: EnergyRead | SectorRead


class ReferenceView(View):
    key = "reference"
    shows = frozenset(
        {"observation", "target", "indicator", "plan", "territory", "reference_series"}
    )

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.reference: Reference | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.method = self._note("method")
        self.provenance = self._note("provenance")
        self.missing = self._note("missing")
        self.horizons = self._note("horizons")
        self.domain = QComboBox(self)
        self.domain.setObjectName("domain")
        self.domain.addItem(_("Greenhouse gas emissions"), GHG)
        self.domain.addItem(_("Energy consumption"), ENERGY)
        self.domain.currentIndexChanged.connect(lambda _index: self.refresh())
        self.save_button = QPushButton(_("&Keep the simplified reference"), self)
        self.save_button.setToolTip(
            _(
                "Save the reference computed from the 2015 inventory in "
                "the store, with the values it was computed from."
            )
        )
        self.save_button.clicked.connect(self.save_simplified)
        self.import_button = QPushButton(_("&Import the official reference…"), self)
        self.import_button.setToolTip(
            _(
                "A trajectory exported from Territoires en Transitions "
                "or ADEME's territorialised SNBC workbook."
            )
        )
        self.import_button.clicked.connect(self.choose_official)
        self.remove_button = QPushButton(_("&Remove the official reference"), self)
        self.remove_button.clicked.connect(self.remove_official)
        buttons = QHBoxLayout()
        domain_label = QLabel(_("&Show"), self)
        domain_label.setBuddy(self.domain)
        for widget in (domain_label, self.domain):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        for button in (self.save_button, self.import_button, self.remove_button):
            buttons.addWidget(button)

        self.comparison_model = ComparisonModel(parent=self)
        self.yearly_model = YearlyReferenceModel(parent=self)
        self.comparison = self._table(self.comparison_model, "comparison")
        header = self.comparison.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.yearly = self._table(self.yearly_model, "yearly")
        self.yearly.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.comparison, _("Plan against the reference"))
        self.tabs.addTab(self.yearly, _("Reference by year"))
        # Without a reference there is nothing to compare: say so where the tables would be.
        self.empty = QLabel(
            _(
                "No reference to compare the plan with yet: it needs the 2015 inventory said "
                "above, or the official reference (Import the official reference…)."
            ),
            self,
        )
        self.empty.setObjectName("empty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.empty)
        self.chart_box = QVBoxLayout()
        self.chart: ChartWidget | None = None
        chart_holder = QWidget(self)
        chart_holder.setLayout(self.chart_box)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.stack)
        splitter.addWidget(chart_holder)
        splitter.setSizes([300, 360])

        layout = QVBoxLayout(self)
        for widget in (self.heading, self.method, self.provenance, self.missing, self.horizons):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.refresh()

    def _note(self, name: str) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _table(self, model: ComparisonModel | YearlyReferenceModel, name: str) -> QTableView:
        table = QTableView(self)
        table.setObjectName(name)
        table.setModel(model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        return table

    def title(self) -> str:
        return _("SNBC reference")

    def current_domain(self) -> str:
        return str(self.domain.currentData() or GHG)

    def refresh(self) -> None:
        self.forget_background_reads()  # a change read under way would show the old choice
        self._show(self._reader()())

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if self.isVisible() and self.concerned_by(notice):
            self.read_in_background(self._reader(), self._show)

    def _reader(self) -> Callable[[], ReferenceRead | None]:
        """What the view shows, read with what the context and the domain chosen say now; the
        reader touches no Qt, so it may run on a worker. None: no territory to show."""
        store, territory_id, plan_id = (
            self.context.store,
            self.context.territory_id,
            self.context.plan_id,
        )
        domain = self.current_domain()

        def read() -> ReferenceRead | None:
            if territory_id is None:
                return None
            with store.session() as session:
                territory = records.record(session, Territory, territory_id)
                reference = reference_for(session, territory_id)
                return ReferenceRead(
                    domain=domain,
                    territory_name=territory.name if territory is not None else "",
                    reference=reference,
                    table=comparison(session, territory_id, plan_id, domain, reference=reference),
                    strategy=plan_strategy(session, plan_id),
                    horizons=plan_horizons(session, plan_id),
                    chart=(
                        energy_read(session, territory_id)
                        if domain == ENERGY
                        else sector_read(session, territory_id)
                    ),
                )

        return read

    def _show(self, read: ReferenceRead | None) -> None:
        if read is None:
            self.heading.setText(_("SNBC reference"))
            self.method.setText(_("Open a store with a territory to see its SNBC reference."))
            for label in (self.provenance, self.missing, self.horizons):
                label.clear()
            self.stack.setCurrentWidget(self.empty)
            self._enable(False)
            return
        reference, domain = read.reference, read.domain
        self.reference = reference
        self.heading.setText(
            _("SNBC reference trajectory — {territory}").format(territory=read.territory_name)
        )
        self.method.setText(method_text(reference, domain) if reference.exists else "")
        self.provenance.setText(self._provenance(reference))
        self.missing.setText(missing_text(reference))
        self.horizons.setText(
            _("Regulatory horizons of the plan ({strategy}, decree {decree}): {years}.").format(
                strategy=read.strategy.name,
                decree=read.strategy.decree,
                years=", ".join(str(y) for y in read.horizons),
            )
        )
        series = reference.series(domain)
        order = [i for i in ROWS[domain] if i in series] + sorted(
            i for i in series if i not in ROWS[domain]
        )
        self.yearly_model.load(series, order)
        self.comparison_model.load(read.table)
        self.stack.setCurrentWidget(self.tabs if reference.exists else self.empty)
        self.tabs.setTabToolTip(1, _("Unit: {unit}").format(unit=domain_unit(domain)))
        chart: ChartWidget = (
            EnergyChart.of(read.chart)
            if isinstance(read.chart, EnergyRead)
            else SectorChart.of(read.chart)
        )
        self._set_chart(chart)
        self._enable(True)
        for label in (self.method, self.provenance, self.missing):
            label.setVisible(bool(label.text()))

    def _provenance(self, reference: Reference) -> str:
        if reference.kind == ReferenceKind.OFFICIAL:
            return _("The official reference counts: the simplified one is not used.")
        if reference.saved and reference.source_date is not None:
            return _("Kept in the store on {date}.").format(date=format_date(reference.source_date))
        if reference.out_of_date:
            return _(
                "The inventory changed since the reference was kept: keep it again to "
                "record the figures shown."
            )
        if reference.exists:
            return _("Computed from the current inventory; not kept in the store yet.")
        return ""

    def _enable(self, on: bool) -> None:
        reference = self.reference
        official = reference is not None and reference.kind == ReferenceKind.OFFICIAL
        self.save_button.setEnabled(
            on
            and reference is not None
            and reference.kind == ReferenceKind.SIMPLIFIED_SNBC
            and not reference.saved
        )
        self.import_button.setEnabled(on)
        self.remove_button.setEnabled(on and official)

    def _set_chart(self, chart: ChartWidget) -> None:
        if self.chart is not None:
            self.chart_box.removeWidget(self.chart)
            self.chart.deleteLater()
        chart.setObjectName("reference_chart")
        chart.setMinimumHeight(300)
        self.chart = chart
        self.chart_box.addWidget(chart)

    def save_simplified(self) -> None:
        from ...services.reference_trajectory import save_simplified
        from ..dialogs.errors import show_error

        territory_id = self.context.territory_id
        if territory_id is None:
            return
        try:
            with self.context.store.transaction() as session:
                save_simplified(session, self.context.actor, territory_id)
        except Exception as error:  # shown the way every error is (bugs go to the log)
            show_error(self, error)
            return
        self.context.notify(ChangeNotice.of("reference_series"))
        self.refresh()

    def choose_official(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import the official reference"),
            "",
            _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
        )
        if chosen:
            self.import_official(Path(chosen))

    def import_official(self, path: Path) -> None:
        """Read, check and keep the file's trajectory in the background (after a backup)."""
        from ...io.reference_import import import_reference

        territory_id = self.context.territory_id
        if territory_id is None:
            return
        store, actor = self.context.store, self.context.actor
        self.operation = run_in_background(
            lambda _progress: import_reference(store, path, territory_id, actor),
            parent=self,
            label=_("Importing the official reference"),
            on_success=lambda _result: self._imported(),
        )

    def _imported(self) -> None:
        self.context.notify(ChangeNotice.of("reference_series"))
        self.refresh()

    def remove_official(self) -> None:
        from ...services.reference_trajectory import remove_official

        territory_id = self.context.territory_id
        if territory_id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove the official reference"),
            _(
                "Forget the imported official reference? The simplified reference will be "
                "shown instead."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        with self.context.store.transaction() as session:
            remove_official(session, self.context.actor, territory_id)
        self.context.notify(ChangeNotice.of("reference_series"))
        self.refresh()
