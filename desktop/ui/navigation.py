"""The navigation tree on the left: territory > plans > sections > actions, then the timeline,
indicators by category, COTRI contracts, committees and organisations.

Actions are loaded when their section is expanded, so a plan of 10,000 actions opens as fast as
one of ten. Each row carries a ``NavTarget`` saying which view shows it and which record.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget
from sqlalchemy import func
from sqlmodel import Session, col, select

from ..i18n import _, format_date
from ..labels import label, terms_tooltip
from ..models import Action, Contract, IndicatorCategory, Meeting, Plan, Section, Territory
from ..services import indicators as indicator_service
from ..store import Store
from . import style

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
_PLACEHOLDER_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class NavTarget:
    """What a row stands for: ``kind`` ("plan", "action"...) and the record's id, if any."""

    kind: str
    record_id: int | None = None
    plan_id: int | None = None
    territory_id: int | None = None

    @property
    def view_key(self) -> str:
        return VIEW_OF_KIND[self.kind]

    @property
    def item_id(self) -> int | None:
        """The id passed to the view's ``show_item``: only rows that are one record."""
        return self.record_id if self.kind in _RECORD_KINDS else None


VIEW_OF_KIND: dict[str, str] = {
    "territory": "dashboard",
    "territories": "dashboard",
    "plan": "actions",
    "section": "actions",
    "action": "actions",
    "timeline": "timeline",
    "indicators": "indicators",
    "category": "indicators",
    "indicator": "indicators",
    "contracts": "contracts",
    "contract": "contracts",
    "meetings": "meetings",
    "meeting": "meetings",
    "organisations": "organisations",
}
_RECORD_KINDS = frozenset({"action", "indicator", "contract", "meeting"})


def _item(text: str, target: NavTarget, icon: str) -> QStandardItem:
    item = QStandardItem(style.icon(icon), text)
    item.setEditable(False)
    item.setData(target, TARGET_ROLE)
    item.setToolTip(text)
    return item


def _placeholder() -> QStandardItem:
    item = QStandardItem(_("Loading…"))
    item.setEditable(False)
    item.setData(True, _PLACEHOLDER_ROLE)
    return item


def build_model(
    store: Store, available: set[str], current: int | None, *, parent: QTreeView
) -> QStandardItemModel:
    """The tree of what the store holds; only kinds whose view is ``available`` appear.

    Territories with a plan come first (``current``, the one being worked on, at the top);
    those without one (peers kept for comparison) are grouped in a folder below."""
    model = QStandardItemModel(parent)
    root = model.invisibleRootItem()
    with store.session() as session:
        territories = session.exec(select(Territory).order_by(col(Territory.name))).all()
        with_plan = set(session.exec(select(Plan.territory_id).distinct()).all())
        territories = sorted(territories, key=lambda t: (t.id != current, t.id not in with_plan))
        others: QStandardItem | None = None
        plan_rows = _plan_items(session) if "actions" in available else {}
        for territory in territories:
            t_item = _item(
                territory.name,
                NavTarget("territory", territory.id, None, territory.id),
                "territory",
            )
            if territory.id in with_plan:
                root.appendRow(t_item)
            else:
                if others is None:
                    others = _item(_("Other territories"), NavTarget("territories"), "territory")
                others.appendRow(t_item)
            t_item.appendRows(plan_rows.get(territory.pk, []))
        if others is not None:
            root.appendRow(others)
        if "timeline" in available:
            root.appendRow(
                _item(_("Timeline"), NavTarget("timeline", None, None, current), "timeline")
            )
        if "indicators" in available:
            root.appendRow(_indicators(session))
        if "contracts" in available:
            contracts = _item(_("COTRI contracts"), NavTarget("contracts"), "contract")
            contracts.setToolTip(terms_tooltip(contracts.text()))
            for contract in session.exec(
                select(Contract).order_by(col(Contract.period_start), col(Contract.title))
            ):
                text = f"{contract.title} ({contract.period_start}–{contract.period_end})"
                contracts.appendRow(_item(text, NavTarget("contract", contract.id), "contract"))
            root.appendRow(contracts)
        if "meetings" in available:
            meetings = _item(_("Committees"), NavTarget("meetings"), "meeting")
            for meeting in session.exec(select(Meeting).order_by(col(Meeting.held_on).desc())):
                text = _("{date} — {title}").format(
                    date=format_date(meeting.held_on), title=meeting.title
                )
                meetings.appendRow(_item(text, NavTarget("meeting", meeting.id), "meeting"))
            root.appendRow(meetings)
        if "organisations" in available:
            root.appendRow(_item(_("Organisations"), NavTarget("organisations"), "organisation"))
    return model


def _plan_items(session: Session) -> dict[int, list[QStandardItem]]:
    """Each territory's plan rows with their section trees, in a fixed number of queries
    whatever the number of territories and plans."""
    plans = session.exec(select(Plan).order_by(col(Plan.title))).all()
    sections = session.exec(
        select(Section).order_by(col(Section.plan_id), col(Section.position), col(Section.id))
    ).all()
    top = col(Action.parent_id).is_(None)
    # Actions per section, and per plan for those outside any section: a placeholder row
    # stands for them until the row is expanded.
    by_section = dict(
        session.exec(
            select(Action.section_id, func.count()).where(top).group_by(col(Action.section_id))
        ).all()
    )
    loose = dict(
        session.exec(
            select(Action.plan_id, func.count())
            .where(top, col(Action.section_id).is_(None))
            .group_by(col(Action.plan_id))
        ).all()
    )
    territory_of = {plan.pk: plan.territory_id for plan in plans}
    plan_rows: dict[int, QStandardItem] = {}
    by_territory: dict[int, list[QStandardItem]] = {}
    for plan in plans:
        row = _item(plan.title, NavTarget("plan", plan.id, plan.id, plan.territory_id), "plan")
        plan_rows[plan.pk] = row
        by_territory.setdefault(plan.territory_id, []).append(row)
    section_rows: dict[int, QStandardItem] = {}
    for section in sections:
        text = f"{section.code} {section.title}".strip()
        target = NavTarget("section", section.id, section.plan_id, territory_of[section.plan_id])
        section_rows[section.pk] = _item(text, target, "section")
    # Attached in (position, id) order; a parent's row exists whatever its own position.
    for section in sections:
        row = section_rows[section.pk]
        parent = section_rows.get(section.parent_id) if section.parent_id else None
        (parent or plan_rows[section.plan_id]).appendRow(row)
        if by_section.get(section.id):
            row.appendRow(_placeholder())
    for plan_id, row in plan_rows.items():
        if loose.get(plan_id):
            row.appendRow(_placeholder())
    return by_territory


def _indicators(session: Session) -> QStandardItem:
    root = _item(_("Indicators"), NavTarget("indicators"), "indicator")
    by_category: dict[IndicatorCategory, list[QStandardItem]] = {}
    for indicator in indicator_service.list_indicators(session):
        by_category.setdefault(indicator.category, []).append(
            _item(indicator.name, NavTarget("indicator", indicator.id), "indicator")
        )
    for category in IndicatorCategory:
        rows = by_category.get(category)
        if rows:
            c_item = _item(label(category), NavTarget("category"), "indicator")
            c_item.appendRows(rows)
            root.appendRow(c_item)
    return root


class NavigationTree(QTreeView):
    """The tree widget; ``target_selected`` fires when the current row changes (mouse or
    keyboard), ``target_activated`` on Enter or double-click."""

    target_selected = Signal(object)
    target_activated = Signal(object)

    def __init__(self, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName(_("Navigation"))
        self.expanded.connect(self._fill)
        self.activated.connect(self._on_activated)
        self._store: Store | None = None
        self._available: set[str] = set()

    # -- building -----------------------------------------------------------------------------

    def load(self, store: Store, available: set[str], territory_id: int | None = None) -> None:
        """(Re)build from the store, keeping what was expanded and selected."""
        self._store, self._available = store, available
        expanded = self._expanded_targets()
        current = self.current_target()
        old = self.model()
        self.setModel(build_model(store, available, territory_id, parent=self))
        if old is not None:
            old.deleteLater()
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        if not expanded:  # first load: the territory worked on shows its plans
            index = model.index(0, 0)
            target = index.data(TARGET_ROLE)
            if isinstance(target, NavTarget) and target.kind == "territory":
                self.expand(index)
                expanded.add(target)
        self._restore(expanded, current)

    def _walk(self, parent: QModelIndex) -> list[QModelIndex]:
        model = self.model()
        found: list[QModelIndex] = []
        if model is None:
            return found
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            found.append(index)
            found.extend(self._walk(index))
        return found

    def _expanded_targets(self) -> set[NavTarget]:
        if self.model() is None:
            return set()
        return {
            target
            for index in self._walk(QModelIndex())
            if self.isExpanded(index) and isinstance(target := index.data(TARGET_ROLE), NavTarget)
        }

    def _restore(self, expanded: set[NavTarget], current: NavTarget | None) -> None:
        # Parents come before children in the walk, so lazily filled rows are found as well.
        pending = list(self._walk(QModelIndex()))
        while pending:
            index = pending.pop(0)
            target = index.data(TARGET_ROLE)
            if target in expanded:
                self.expand(index)  # fills lazy children through ``_fill``
                model = self.model()
                pending[0:0] = [model.index(r, 0, index) for r in range(model.rowCount(index))]
        if current is not None:
            self.select_target(current, emit=False)

    def _fill(self, index: QModelIndex) -> None:
        """Replace a placeholder by the actions of the expanded section or plan."""
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        item = model.itemFromIndex(index)
        if item is None or item.rowCount() == 0:
            return
        last = item.child(item.rowCount() - 1)
        if last is None or not last.data(_PLACEHOLDER_ROLE) or self._store is None:
            return
        item.removeRow(item.rowCount() - 1)
        target = item.data(TARGET_ROLE)
        assert isinstance(target, NavTarget)
        query = select(Action.id, Action.code, Action.title).where(col(Action.parent_id).is_(None))
        if target.kind == "section":
            query = query.where(Action.section_id == target.record_id)
        else:
            query = query.where(
                Action.plan_id == target.record_id, col(Action.section_id).is_(None)
            )
        query = query.order_by(col(Action.position), col(Action.id))
        with self._store.session() as session:
            rows = session.exec(query).all()
        item.appendRows(
            [
                _item(
                    f"{code} {title}".strip(),
                    NavTarget("action", action_id, target.plan_id, target.territory_id),
                    "action",
                )
                for action_id, code, title in rows
            ]
        )

    # -- selection ----------------------------------------------------------------------------

    def current_target(self) -> NavTarget | None:
        if self.model() is None:
            return None
        target = self.currentIndex().data(TARGET_ROLE)
        return target if isinstance(target, NavTarget) else None

    def find_target(self, target: NavTarget) -> QModelIndex:
        """The row of ``target`` among the loaded rows (an invalid index if none)."""
        for index in self._walk(QModelIndex()):
            if index.data(TARGET_ROLE) == target:
                return index
        return QModelIndex()

    def find_view(
        self,
        view_key: str,
        item_id: int | None = None,
        *,
        territory_id: int | None = None,
        plan_id: int | None = None,
    ) -> QModelIndex:
        """The row best matching a view and record: the record's row, else the row of the
        territory or plan being worked on, else the view's first row."""
        fallback = preferred = QModelIndex()
        for index in self._walk(QModelIndex()):
            target = index.data(TARGET_ROLE)
            if not isinstance(target, NavTarget) or target.view_key != view_key:
                continue
            if item_id is not None and target.item_id == item_id:
                return index
            if not preferred.isValid() and (
                (target.kind == "territory" and target.record_id == territory_id)
                or (target.kind == "plan" and target.record_id == plan_id)
            ):
                preferred = index
            if not fallback.isValid():
                fallback = index
        return preferred if preferred.isValid() else fallback

    def select_index(self, index: QModelIndex, *, emit: bool = True) -> None:
        if not index.isValid():
            return
        self.blockSignals(not emit)
        selection = self.selectionModel()
        selection.blockSignals(not emit)
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            selection.blockSignals(False)
            self.blockSignals(False)

    def select_target(self, target: NavTarget, *, emit: bool = True) -> bool:
        index = self.find_target(target)
        self.select_index(index, emit=emit)
        return index.isValid()

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        target = current.data(TARGET_ROLE)
        if isinstance(target, NavTarget):
            self.target_selected.emit(target)

    def _on_activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if isinstance(target, NavTarget):
            self.target_activated.emit(target)
