"""The navigation tree on the left: territory > plans > sections > actions, then the timeline,
indicators by category, COTRI contracts, committees and organisations.

Actions are loaded when their section is expanded, so a plan of 10,000 actions opens as fast as
one of ten. Each row carries a ``NavTarget`` saying which view shows it and which record.
While the store opens, an outline read by ``store.peek`` (territories and plans) stands in for
the tree, its rows greyed out; ``navigation_model`` reads the real one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from ...i18n import _
from ...labels import TERRITORY_GROUP_ORDER, terms_tooltip, territory_group
from ...services.text import short_name
from .. import style

if TYPE_CHECKING:
    from ...services.queries.navigation import NavigationOutline
    from ...store import Store
    from ...store.peek import StoreOutline

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
    "reference": "reference",
}
_RECORD_KINDS = frozenset({"action", "indicator", "contract", "meeting"})


def nav_item(text: str, target: NavTarget, icon: str, tooltip: str = "") -> QStandardItem:
    item = QStandardItem(style.icon(icon), text)
    item.setEditable(False)
    item.setData(target, TARGET_ROLE)
    item.setToolTip(tooltip or text)
    return item


def territory_item(territory_id: int, name: str) -> QStandardItem:
    """A territory by the name officers use (CA du Boulonnais), the full name in the tooltip."""
    return nav_item(
        short_name(name),
        NavTarget("territory", territory_id, None, territory_id),
        "territory",
        name,
    )


KIND_ABBREVIATIONS = {"cc": "CC", "ca": "CA", "cu": "CU"}


def territory_groups(
    territories: list[tuple[int, str, str]],
) -> list[QStandardItem]:
    """Territories (id, name, kind) under a heading per kind: "Communautés de communes (5)"."""
    by_kind: dict[str, list[tuple[int, str]]] = {}
    for territory_id, name, kind in territories:
        by_kind.setdefault(kind, []).append((territory_id, name))
    rows = []
    order = [str(k) for k in TERRITORY_GROUP_ORDER]
    for kind in sorted(by_kind, key=lambda k: order.index(k) if k in order else len(order)):
        members = sorted(by_kind[kind], key=lambda pair: short_name(pair[1]).casefold())
        # Intercommunal kinds by the abbreviation their members' short names begin with
        # (a narrow navigation cuts "Communautés d'agglomération"); the full name in the tip.
        shown = KIND_ABBREVIATIONS.get(kind, territory_group(kind))
        heading = _("{group} ({count})").format(group=shown, count=len(members))
        group = nav_item(heading, NavTarget("territories"), "territory", territory_group(kind))
        group.appendRows([territory_item(t_id, name) for t_id, name in members])
        rows.append(group)
    return rows


def placeholder_item() -> QStandardItem:
    item = QStandardItem(_("Loading…"))
    item.setEditable(False)
    item.setData(True, _PLACEHOLDER_ROLE)
    return item


def timeline_item(territory_id: int | None) -> QStandardItem:
    return nav_item(_("Timeline"), NavTarget("timeline", None, None, territory_id), "timeline")


def indicators_item() -> QStandardItem:
    return nav_item(_("Indicators"), NavTarget("indicators"), "indicator")


def reference_item() -> QStandardItem:
    return nav_item(_("SNBC reference trajectory"), NavTarget("reference"), "indicator")


def contracts_item() -> QStandardItem:
    item = nav_item(_("COTRI contracts"), NavTarget("contracts"), "contract")
    item.setToolTip(terms_tooltip(item.text()))
    return item


def meetings_item() -> QStandardItem:
    return nav_item(_("Committees"), NavTarget("meetings"), "meeting")


def organisations_item() -> QStandardItem:
    return nav_item(_("Organisations"), NavTarget("organisations"), "organisation")


def other_territories_item() -> QStandardItem:
    return nav_item(_("Other territories"), NavTarget("territories"), "territory")


def outline_model(
    outline: StoreOutline | None, available: set[str], *, parent: QTreeView
) -> QStandardItemModel:
    """The tree's first rows while the store opens, greyed out: the territories and their
    plans as the outline read them, then the entries every store has."""
    model = QStandardItemModel(parent)
    rows: list[QStandardItem] = []
    current = None
    if outline is not None:
        current = outline.territories[0].id if outline.territories else None
        for territory in outline.territories:
            row = territory_item(territory.id, territory.name)
            if "actions" in available:
                row.appendRows(
                    [
                        nav_item(
                            plan.title, NavTarget("plan", plan.id, plan.id, territory.id), "plan"
                        )
                        for plan in territory.plans
                    ]
                )
            rows.append(row)
        if outline.others:
            rows.append(other_territories_item())
    entries: tuple[tuple[str, Callable[[], QStandardItem]], ...] = (
        ("timeline", lambda: timeline_item(current)),
        ("indicators", indicators_item),
        ("contracts", contracts_item),
        ("meetings", meetings_item),
        ("organisations", organisations_item),
    )
    rows.extend(make() for key, make in entries if key in available)
    for row in rows:
        _disable(row)
        model.appendRow(row)
    return model


def _disable(item: QStandardItem) -> None:
    item.setEnabled(False)
    for row in range(item.rowCount()):
        child = item.child(row)
        if child is not None:
            _disable(child)


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
        self._quiet = False  # a selection made by the window, not the user: not announced

    # -- building -----------------------------------------------------------------------------

    def load(
        self,
        store: Store,
        available: set[str],
        territory_id: int | None = None,
        *,
        outline: NavigationOutline | None = None,
    ) -> None:
        """(Re)build from the store, or from its ``outline`` read beforehand, keeping what was
        expanded and selected."""
        self._store, self._available = store, available
        expanded = self._expanded_targets()
        current = self.current_target()
        old = self.model()
        from .navigation_model import build_model, model_of

        if outline is None:
            self.setModel(build_model(store, available, territory_id, parent=self))
        else:
            self.setModel(model_of(outline, available, territory_id, parent=self))
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

    def show_outline(self, outline: StoreOutline | None, available: set[str]) -> None:
        """Greyed rows of what the store holds, until ``load`` replaces them."""
        old = self.model()
        self.setModel(outline_model(outline, available, parent=self))
        if old is not None:
            old.deleteLater()
        self.expand(self.model().index(0, 0))  # as ``load`` does: the territory shows its plans

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
        from .navigation_model import top_actions

        item.appendRows(top_actions(self._store, target))

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
        """Make ``index`` the current, highlighted row; ``emit=False`` when the window itself
        moved (a shortcut, a search): the row follows without asking for the view again.
        The selection model's signals stay on: the tree repaints its highlight from them."""
        if not index.isValid():
            return
        self._quiet = not emit
        try:
            self.setCurrentIndex(index)
            self.scrollTo(index)
        finally:
            self._quiet = False

    def select_target(self, target: NavTarget, *, emit: bool = True) -> bool:
        index = self.find_target(target)
        self.select_index(index, emit=emit)
        return index.isValid()

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        del previous
        target = current.data(TARGET_ROLE)
        if isinstance(target, NavTarget) and not self._quiet:
            self.target_selected.emit(target)

    def _on_activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if isinstance(target, NavTarget):
            self.target_activated.emit(target)
