"""COTRI contracts: the contract, its parties, and per contractual indicator the yearly
targets beside the achieved values with the achievement rate."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QWidget,
)
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ... import palette
from ...i18n import _, format_number, format_percent
from ...labels import term_explanation
from ...models import (
    Contract,
    ContractIndicator,
    ContractParty,
    ContractPartyRole,
    Organisation,
)
from ...services import contracts as contract_service
from ...services.changes import ValidationError
from ...services.contracts import Achievement
from ...services.queries import contracts as contract_queries
from ...services.queries import records
from ...services.validation import check_not_blank
from ...store import StoreError
from ..change_notice import ChangeNotice
from ..commands import CreateCommand, StoreCommand, push
from ..context import AppContext
from ..editors.action_children import enum_choices, lookup_choices, unit_choices
from ..editors.child_table import ChildSpec, ChildTable, Column
from ..editors.common import ErrorLabel, ParseError, parse_amount
from ..editors.fields import fill_combo
from ..editors.record_form import FormField, RecordForm
from ..widgets.eliding_combo import ElidingComboBox
from .base import View, select_list_item
from .record_split import form_page, heading_label, record_list, split_view, stacked

ID_ROLE = Qt.ItemDataRole.UserRole + 1
LINK_ROLE = Qt.ItemDataRole.UserRole + 2
INDICATOR_WIDTH = 260


def rate_colour(rate: Decimal | None) -> str | None:
    if rate is None:
        return None
    if rate >= 1:
        return palette.ON_TRACK
    return palette.SLIGHTLY_BEHIND if rate >= Decimal("0.8") else palette.OFF_TRACK


class TargetCommand(StoreCommand):
    """Set the yearly target of a contractual indicator; undo restores the previous one."""

    def __init__(self, context: AppContext, link_id: int, year: int, value: Decimal | None):
        super().__init__(context, _("Target {year}").format(year=year))
        self.link_id, self.year, self.value = link_id, year, value
        self.previous: Decimal | None = None
        self.table = "contract_target"

    def _set(self, value: Decimal | None) -> Decimal | None:
        with self.context.store.transaction() as session:
            link = records.record(session, ContractIndicator, self.link_id)
            if link is None:
                raise LookupError(_("This record no longer exists."))
            before = contract_queries.yearly_targets(session, self.link_id).get(self.year)
            contract_service.set_target(session, self.context.actor, link, self.year, value)
        return before

    def _do(self) -> None:
        self.previous = self._set(self.value)

    def _undo(self) -> None:
        self._set(self.previous)


class ContractView(View):
    key = "contracts"

    def __init__(self, context: AppContext, *, parent: QWidget | None = None) -> None:
        super().__init__(context, parent=parent)
        self.current_id: int | None = None
        self.achievement: Achievement | None = None
        self._loading = False
        self.list = record_list(self)
        self.list.currentItemChanged.connect(
            lambda item, _p: self._load(int(item.data(ID_ROLE))) if item else None
        )
        self.heading = heading_label(self)
        # The heading names the contract; what a COTRI is, for partners who do not know it.
        self.heading.setToolTip(term_explanation("COTRI"))
        self.heading.setAccessibleDescription(term_explanation("COTRI"))
        self.overall = QLabel(self)
        self.form = RecordForm(
            context,
            Contract,
            [
                FormField("title", _("&Title"), check=lambda v: check_not_blank(v, "title")),
                FormField("period_start", _("Period &from"), "int"),
                FormField("period_end", _("Period &to"), "int"),
                FormField("signed_on", _("&Signed on"), "date"),
                FormField("description", _("D&escription"), "text"),
            ],
            parent=self,
        )
        organisations = lookup_choices(context, Organisation, "name")
        self.parties = ChildTable(
            context,
            ChildSpec(
                ContractParty,
                "contract_id",
                [
                    Column("organisation_id", _("Organisation"), "choice", organisations, 260),
                    Column("role", _("Role"), "choice", enum_choices(ContractPartyRole), 130),
                    Column("amount", _("Amount"), "decimal", width=110),
                    Column("currency", _("Currency"), "choice", unit_choices, 80),
                ],
                defaults=self._party_defaults,
            ),
            parent=self,
        )
        self.grid = QTableWidget(0, 0, self)
        self.grid.setObjectName("achievement_grid")
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.itemChanged.connect(self._target_edited)
        self.grid_errors = ErrorLabel(self)
        # Long indicator names end in "…" rather than setting the view's minimum width.
        self.indicator_choice = ElidingComboBox(self, shortest=12)
        self.add_indicator_button = QPushButton(_("Add &indicator"), self)
        self.add_indicator_button.clicked.connect(self.add_indicator)

        tabs = QTabWidget(self)
        add_row = QHBoxLayout()
        add_row.addWidget(self.indicator_choice, 1)
        add_row.addWidget(self.add_indicator_button)
        achievement_page = stacked(self, [self.overall, (self.grid, 1), self.grid_errors, add_row])
        tabs.addTab(achievement_page, _("&Indicators and targets"))
        tabs.addTab(self.parties, _("&Parties"))
        tabs.addTab(form_page(self, self.form), _("&Contract"))
        right = stacked(self, [self.heading, tabs])
        split_view(self, self.list, right, stretch=(0, 4), sizes=(230, 1000))
        self.refresh()

    def title(self) -> str:
        return _("COTRI contracts")

    def _party_defaults(self, session: Session) -> dict[str, object]:
        first = records.first_organisation_id(session)
        return {"organisation_id": first, "role": ContractPartyRole.SIGNATORY}

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        if self.isVisible():
            self.schedule_refresh()

    def refresh(self) -> None:
        with self.context.store.session() as session:
            # Every contract, the current territory's first: a COTRI is often signed by a
            # neighbouring EPCI or a syndicate, and it must still be reachable.
            contracts = contract_service.list_contracts(session)
            contracts.sort(key=lambda c: c.territory_id != self.context.territory_id)
            names = records.territory_names(session)
            indicators = records.indicators_by_code(session)
        fill_combo(self.indicator_choice, [(i.id, f"{i.code} {i.name}") for i in indicators], None)
        self.list.blockSignals(True)
        self.list.clear()
        for contract in contracts:
            item = QListWidgetItem(
                _("{title}\n{start}–{end} · {territory}").format(
                    title=contract.title,
                    start=contract.period_start,
                    end=contract.period_end,
                    territory=names.get(contract.territory_id, ""),
                )
            )
            item.setToolTip(contract.title)
            item.setData(ID_ROLE, contract.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [c.id for c in contracts]
        self.show_item(self.current_id if self.current_id in ids else (ids[0] if ids else None))

    def show_item(self, item_id: int | None) -> None:
        select_list_item(self.list, item_id, ID_ROLE)
        self._load(item_id if item_id is not None and item_id >= 0 else None)

    def _load(self, contract_id: int | None) -> None:
        contract = None
        self.achievement = None
        if contract_id is not None:
            with self.context.store.session() as session:
                contract = records.record(session, Contract, contract_id)
                if contract is not None:
                    self.achievement = contract_service.achievement(session, contract_id)
        self.current_id = contract.id if contract else None
        self.heading.setText(contract.title if contract else _("No COTRI contract yet."))
        self.form.load(contract)
        self.parties.load(self.current_id)
        self.add_indicator_button.setEnabled(contract is not None)
        self._fill_grid(contract)

    def _fill_grid(self, contract: Contract | None) -> None:
        self._loading = True
        achievement = self.achievement
        years = list(range(contract.period_start, contract.period_end + 1)) if contract else []
        if achievement is not None:
            years = sorted(set(years) | set(achievement.years))
        self.years = years
        rows = achievement.indicators if achievement else []
        self.grid.clear()
        self.grid.setColumnCount(len(years) + 2)
        self.grid.setHorizontalHeaderLabels([_("Indicator"), _("Rate")] + [str(y) for y in years])
        self.grid.setRowCount(len(rows) * 3)
        for position, indicator in enumerate(rows):
            top = position * 3
            self.grid.setSpan(top, 0, 3, 1)
            name = QTableWidgetItem(f"{indicator.code} {indicator.name}\n({indicator.unit})")
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.grid.setItem(top, 0, name)
            self.grid.setSpan(top, 1, 3, 1)
            self.grid.setItem(top, 1, self._rate_item(indicator.rate))
            by_year = {y.year: y for y in indicator.years}
            for column, year in enumerate(years, start=2):
                score = by_year.get(year)
                target = QTableWidgetItem(format_number(score.target) if score else "")
                target.setData(LINK_ROLE, (indicator.link_id, year))
                target.setToolTip(_("Target {year}").format(year=year))
                self.grid.setItem(top, column, target)
                achieved = QTableWidgetItem(
                    format_number(score.achieved) if score and score.achieved is not None else ""
                )
                achieved.setFlags(Qt.ItemFlag.ItemIsEnabled)
                achieved.setToolTip(_("Achieved {year}").format(year=year))
                self.grid.setItem(top + 1, column, achieved)
                self.grid.setItem(top + 2, column, self._rate_item(score.rate if score else None))
        labels = []
        for _indicator in rows:
            labels += [_("Target"), _("Achieved"), _("Rate")]
        self.grid.setVerticalHeaderLabels(labels)
        self.grid.resizeColumnToContents(0)
        # A long indicator name wraps within its three rows rather than pushing the rates and
        # years out of sight.
        self.grid.setColumnWidth(0, min(self.grid.columnWidth(0), INDICATOR_WIDTH))
        overall = achievement.overall if achievement else None
        self.overall.setText(
            _("Overall achievement: {rate}").format(rate=format_percent(overall))
            if overall is not None
            else _("Overall achievement: no measured value yet.")
        )
        self._loading = False

    def _rate_item(self, rate: Decimal | None) -> QTableWidgetItem:
        item = QTableWidgetItem(format_percent(rate) if rate is not None else "")
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        colour = rate_colour(rate)
        if colour is not None:
            item.setForeground(QColor(colour))
        return item

    def _target_edited(self, item: QTableWidgetItem) -> None:
        key = item.data(LINK_ROLE)
        if self._loading or key is None:
            return
        link_id, year = key
        try:
            value = parse_amount(item.text())
        except ParseError as error:
            self.grid_errors.show_message(str(error))
            QTimer.singleShot(0, self, lambda: self._load(self.current_id))
            return
        try:
            push(self.context, TargetCommand(self.context, link_id, year, value))
        except (ValidationError, StoreError, LookupError) as error:  # refused, value restored
            self.grid_errors.show_message(str(error))
            QTimer.singleShot(0, self, lambda: self._load(self.current_id))
            return
        self.grid_errors.show_message("")

    def add_indicator(self) -> None:
        indicator_id = self.indicator_choice.currentData()
        contract_id = self.current_id
        if indicator_id is None or contract_id is None:
            return
        actor = self.context.actor

        def factory(session: Session) -> ContractIndicator:
            contract = records.record(session, Contract, contract_id)
            assert contract is not None
            return contract_service.add_indicator(session, actor, contract, int(indicator_id))

        try:
            push(self.context, CreateCommand(self.context, factory, text=_("Add indicator")))
        except IntegrityError:  # the unique constraint
            self.grid_errors.show_message(_("This indicator is already in the contract."))
            return
        except (ValidationError, StoreError, LookupError) as error:
            self.grid_errors.show_message(str(error))
            return
        self.grid_errors.show_message("")
