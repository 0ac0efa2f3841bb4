"""The main window: navigation tree on the left, the selected view in the centre, menus for the
store (new, open, copy, backups), editing (undo, redo, find) and data (import, report, new
action). It owns the ``AppContext`` of the open store and rebuilds it when another is opened.

The window shows itself before the data layer (SQLAlchemy, the tables, the services) has
loaded: ``show_opening`` fills it with an outline of the store read by ``store.peek``, then
``set_store`` brings it to life. So this module imports only light modules at its top; what
needs the data layer is imported where it is used, once a store is open.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from ...i18n import _
from ...settings import UserSettings
from .. import style
from ..views import registry
from . import menus
from .dialogs import WindowDialogs
from .navigation import NavigationTree, NavTarget
from .opening_page import OpeningPage
from .state import first_view_key, restore_window_state, save_window_state, window_settings
from .store_files import StoreFiles

if TYPE_CHECKING:
    from ...services.queries.navigation import NavigationOutline
    from ...store import Store
    from ...store.peek import StoreOutline
    from ..change_notice import ChangeNotice
    from ..context import AppContext
    from ..operations import LatestRead
    from ..sync.commands import SyncCommands
    from ..views.base import View
    from .welcome import TerritoryDialog, WelcomeScreen

log = logging.getLogger(__name__)

# Tables whose rows appear in the navigation tree: a change to one rebuilds it.
TREE_ENTITIES = frozenset(
    {"territory", "plan", "section", "action", "indicator", "contract", "meeting", "organisation"}
)


class MainWindow(QMainWindow):
    # The store's first view is built and shown (after the window's first paint).
    ready = Signal()

    # Commands, created by ``menus.build_actions``.
    new_store_action: QAction
    open_store_action: QAction
    save_copy_action: QAction
    backup_action: QAction
    restore_action: QAction
    settings_action: QAction
    quit_action: QAction
    undo_action: QAction
    redo_action: QAction
    find_action: QAction
    search_everywhere_action: QAction
    import_action: QAction
    report_action: QAction
    export_action: QAction
    new_action_action: QAction
    about_action: QAction
    focus_navigation_action: QAction
    view_group: QActionGroup
    recent_menu: QMenu
    toolbar: QToolBar
    sync_actions: list[QAction]  # created by ``sync.commands.build_actions``
    sync_commands: SyncCommands

    store: Store  # set by ``set_store``; until then the window shows the opening page

    def __init__(
        self, store: Store | None, settings: UserSettings, *, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.context: AppContext | None = None
        self.views: dict[str, View] = {}
        # Each view sits in a scroll area of the stack: a view wider than the window scrolls
        # instead of pushing the navigation off screen or the window past the screen's edge.
        self._pages: dict[str, QScrollArea] = {}
        self.welcome: WelcomeScreen | None = None
        self.opening: OpeningPage | None = None
        self.current_key = ""
        self._stale: set[str] = set()
        self.selected: NavTarget | None = None
        self._available = set(registry.available_keys())
        # The view and record to show first, where the user left this store last time.
        self._reopen_at: tuple[str, int | None] | None = None

        self.setWindowTitle(_("PCAET Desktop"))
        self.setWindowIcon(style.icon("app"))
        self.setAcceptDrops(True)
        self.undo_group = QUndoGroup(self)

        self.navigation = NavigationTree(parent=self)
        self.navigation.target_selected.connect(self._on_target)
        self.stack = QStackedWidget(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)  # a hidden tree would look like a lost feature
        self.navigation.setMinimumWidth(160)
        self.splitter.setSizes([280, 920])
        self.setCentralWidget(self.splitter)
        self.store_label = QLabel(self)
        self.store_label.setProperty("role", "muted")
        self.statusBar().addPermanentWidget(self.store_label)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._after_data_changed)
        # The tree's outline read after a change (made on first use).
        self._tree_reads: LatestRead | None = None

        self._first_view_timer = QTimer(self)
        self._first_view_timer.setSingleShot(True)
        self._first_view_timer.setInterval(0)
        self._first_view_timer.timeout.connect(self._open_first_view)

        self.files = StoreFiles(self)
        self.dialogs = WindowDialogs(self)
        # Commands, menus and toolbar (``menus.py``) set the ``*_action`` attributes.
        self.view_actions: dict[str, QAction] = {}
        menus.build_actions(self, self._available)
        menus.build_menus(self)
        restore_window_state(self, self.splitter)
        if store is not None:
            self.set_store(store)
        else:
            self.show_opening("", None)

    # -- the open store -------------------------------------------------------------------------

    def show_opening(self, location: str, outline: StoreOutline | None) -> None:
        """While the store opens: its territories and plans greyed in the tree, its name in the
        title, a busy page in the centre, and only Quit available."""
        if self.opening is None:
            self.opening = OpeningPage(location, parent=self.stack)
            self.stack.addWidget(self.opening)
        self.opening.set_location(location)
        self.stack.setCurrentWidget(self.opening)
        self.navigation.show_outline(outline, self._available)
        for action in self._commands():
            action.setEnabled(action is self.quit_action)
        self.store_label.setText(_("Store: {location}").format(location=location))
        name = outline.current_name if outline is not None else ""
        self.setWindowTitle(" — ".join(p for p in (name, _("PCAET Desktop")) if p))

    def has_store(self) -> bool:
        return self.context is not None

    def _commands(self) -> list[QAction]:
        """The window's own commands (menus, toolbar, shortcuts); undo and redo follow their
        stack by themselves."""
        own = self.findChildren(QAction, options=Qt.FindChildOption.FindDirectChildrenOnly)
        return [a for a in own if a not in (self.undo_action, self.redo_action)]

    def set_store(self, store: Store) -> None:
        """Show ``store``: a fresh context, views and navigation; the previous one is closed.
        It opens where the user left it last time (territory, plan, view, record)."""
        from ..context import AppContext
        from .place import restore_place, save_place

        if self.opening is not None:
            self.stack.removeWidget(self.opening)
            self.opening.deleteLater()
            self.opening = None
            for action in self._commands():
                action.setEnabled(True)  # ``_show_content`` then disables what needs data
        previous = self.context
        if previous is not None:
            save_place(self)  # the store left is reopened where it was left
            self._drop_views()
            self.undo_group.removeStack(previous.undo_stack)
            previous.deleteLater()
            if previous.store is not store:
                previous.store.close()
        self.store = store
        self.selected = None
        if self._tree_reads is not None:
            self._tree_reads.drop()  # an outline read from the previous store is not shown
        context = AppContext(store, self.settings, parent=self)
        context.data_changed.connect(self._on_data_changed)
        context.navigate_requested.connect(
            lambda key, item: self.navigate(key, None if item < 0 else item)
        )
        context.store_replaced.connect(
            self._reload_replaced_store, Qt.ConnectionType.QueuedConnection
        )
        self.context = context
        self._reopen_at = restore_place(self)
        self.undo_group.addStack(context.undo_stack)
        self.undo_group.setActiveStack(context.undo_stack)
        self.settings.remember_store(store.location)
        self.settings.save()
        window_settings().setValue("store/last", store.location)
        self._show_store_label()
        self._show_content(first=True)

    def _reload_replaced_store(self) -> None:
        """Open again the store a restore replaced: fresh views over what it holds now, an
        empty undo stack (its steps named records by id)."""
        from ...store.errors import StoreError

        try:
            replaced = self.context is not None and self.store.was_replaced()
        except StoreError:
            replaced = True  # unreadable now: opening it again says why
        if replaced:
            self.files.open_location(self.store.url)

    def _show_store_label(self) -> None:
        self.store_label.setText(_("Store: {location}").format(location=self.store.location))
        # Copies, backups and restores are file operations: a PostgreSQL store has its own.
        for action in (self.save_copy_action, self.backup_action, self.restore_action):
            action.setEnabled(self.store.path is not None)

    def _drop_views(self) -> None:
        for widget in [*self._pages.values(), self.welcome]:
            if widget is not None:
                self.stack.removeWidget(widget)
                widget.deleteLater()
        self.views.clear()
        self._pages.clear()
        self.welcome = None
        self.current_key = ""
        self._stale.clear()

    def is_welcome_shown(self) -> bool:
        return self.welcome is not None and self.stack.currentWidget() is self.welcome

    def _show_content(self, *, first: bool = False, tree_in_background: bool = False) -> None:
        from ...models import Territory
        from ...services import plans as plan_service
        from ...services import store_info
        from ...services.queries import records

        assert self.context is not None
        with self.store.session() as session:
            empty = store_info.is_empty(session)
            if not empty:
                territory_id = self.context.territory_id
                if records.record(session, Territory, territory_id) is None:
                    territory_id = plan_service.first_territory(session)
                    self.context.territory_id = territory_id
                    self.context.plan_id = plan_service.main_plan(session, territory_id)
        has_data = not empty
        for action in (
            self.new_action_action,
            self.report_action,
            self.export_action,
            self.find_action,
            self.search_everywhere_action,
        ):
            action.setEnabled(has_data)
        for action in self.view_actions.values():
            action.setEnabled(has_data)
        if empty:
            self._show_welcome()
            if first:  # the welcome screen is this store's first view
                self._first_view_timer.start()
            return
        if self.welcome is not None:
            self.stack.removeWidget(self.welcome)
            self.welcome.deleteLater()
            self.welcome = None
            first = True
        self.navigation.show()
        if tree_in_background and not first:
            self._reload_tree()
        else:
            self.navigation.load(self.store, self._available, self.context.territory_id)
        if first:
            # The first view (charts, tables) is built once the window has painted its frame
            # and navigation: the window appears sooner and the view fills in just after.
            self._first_view_timer.start()
        self._update_title()

    def _open_first_view(self) -> None:
        if self.is_welcome_shown() or self.context is None or self.current_key:
            self.ready.emit()  # nothing to open, or the user already chose a view
            return
        key, item_id = first_view_key(self._available), None
        if self._reopen_at is not None and self._reopen_at[0] in self._available:
            key, item_id = self._reopen_at
        self._reopen_at = None
        if key:
            self.navigate(key, item_id)
        self.ready.emit()

    def _show_welcome(self) -> None:
        from .welcome import WelcomeScreen

        self.navigation.hide()
        if self.welcome is None:
            welcome = WelcomeScreen(self.store.location, parent=self.stack)
            welcome.create_territory_requested.connect(self.create_territory)
            welcome.open_demo_requested.connect(self.files.open_demo)
            welcome.open_store_requested.connect(self.files.open_store)
            welcome.import_requested.connect(lambda: self.dialogs.open_import(None))
            self.stack.addWidget(welcome)
            self.welcome = welcome
        self.stack.setCurrentWidget(self.welcome)
        self.current_key = ""
        self._update_title()

    def create_territory(self) -> TerritoryDialog:
        """Open the territory dialog (non-blocking); on OK create it and show the plan."""
        from .commands import create_territory

        return create_territory(self)

    # -- views ----------------------------------------------------------------------------------

    def view(self, key: str) -> View | None:
        """The view of ``key``, created on first use (start-up only builds the first one)."""
        existing = self.views.get(key)
        if existing is not None or self.context is None:
            return existing
        cls = registry.load_view_class(key)
        if cls is None:
            return None
        page = QScrollArea(self.stack)
        page.setObjectName("view_page")
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        created = cls(self.context, parent=page)
        page.setWidget(created)
        self.stack.addWidget(page)
        self.views[key] = created
        self._pages[key] = page
        return created

    def current_view(self) -> View | None:
        from ..views.base import View

        widget = self.stack.currentWidget()
        if isinstance(widget, QScrollArea):
            widget = widget.widget()
        return widget if isinstance(widget, View) else None

    def navigate(self, key: str, item_id: int | None = None, *, from_tree: bool = False) -> bool:
        if self.is_welcome_shown():
            return False
        view = self.view(key)
        if view is None:
            self.statusBar().showMessage(_("This view is not available."), 5000)
            return False
        self.stack.setCurrentWidget(self._pages[key])
        if key in self._stale:
            self._stale.discard(key)
            view.refresh()
        if item_id is not None:
            view.show_item(item_id)
        self.current_key = key
        if key in self.view_actions:
            self.view_actions[key].setChecked(True)
        if not from_tree:
            assert self.context is not None
            index = self.navigation.find_view(
                key,
                item_id,
                territory_id=self.context.territory_id,
                plan_id=self.context.plan_id,
            )
            self.navigation.select_index(index, emit=False)
        self._update_title()
        return True

    def _on_target(self, target: NavTarget) -> None:
        from ...services import plans as plan_service

        assert self.context is not None
        self.selected = target
        changed = False
        if target.territory_id is not None and target.territory_id != self.context.territory_id:
            self.context.territory_id, changed = target.territory_id, True
        if target.plan_id is not None and target.plan_id != self.context.plan_id:
            self.context.plan_id, changed = target.plan_id, True
        if target.kind == "territory" and changed:
            with self.store.session() as session:
                self.context.plan_id = plan_service.main_plan(session, target.territory_id)
        if changed:  # every view shows the chosen territory and plan from now on
            self._stale.update(self.views)
        self.navigate(target.view_key, target.item_id, from_tree=True)
        if target.kind in ("plan", "section"):
            self._filter_actions(target.record_id if target.kind == "section" else None)

    def _filter_actions(self, section_id: int | None) -> None:
        """A section chosen in the tree narrows the action list to it; a plan shows all."""
        combo = getattr(self.views.get("actions"), "section_filter", None)
        if isinstance(combo, QComboBox) and combo.count():
            index = 0 if section_id is None else combo.findData(section_id)
            if index >= 0:
                combo.setCurrentIndex(index)

    def _on_data_changed(self, notice: ChangeNotice) -> None:
        self._stale.update(
            key
            for key, view in self.views.items()
            if key != self.current_key and view.concerned_by(notice)
        )
        if notice.touches(TREE_ENTITIES):  # a budget line or a value leaves it as is
            self._reload_timer.start()

    def _after_data_changed(self) -> None:
        if self.context is not None:
            self._show_content(tree_in_background=True)

    def _reload_tree(self) -> None:
        """Rebuild the tree after a change from an outline read on a worker thread: on a store
        of 10,000 actions the read takes about a tenth of a second, the rebuild a few ms."""
        from ..operations import LatestRead
        from .navigation_model import read_outline

        if self._tree_reads is None:
            self._tree_reads = LatestRead(self)
        store, context, available = self.store, self.context, set(self._available)
        assert context is not None

        def show(outline: NavigationOutline) -> None:
            self.navigation.load(store, available, context.territory_id, outline=outline)

        self._tree_reads.run(lambda: read_outline(store, available), show)

    def _update_title(self) -> None:
        from ...models import Territory
        from ...services.queries import records

        name = ""
        if self.context is not None and self.context.territory_id is not None:
            with self.store.session() as session:
                territory = records.record(session, Territory, self.context.territory_id)
                name = territory.name if territory is not None else ""
        view = self.current_view()
        parts = [view.title() if view is not None else "", name, _("PCAET Desktop")]
        self.setWindowTitle(" — ".join(p for p in parts if p))

    # -- commands -------------------------------------------------------------------------------

    def find_in_view(self) -> bool:
        """Ctrl+F: the current view's search box (its ``focus_search``); in a view without
        one (dashboard, timeline, COTRI, committees), the search everywhere."""
        focus_search = getattr(self.current_view(), "focus_search", None)
        if callable(focus_search):
            focus_search()
            return True
        return self.search_everywhere() is not None

    def search_everywhere(self, text: str = "") -> QWidget | None:
        """Ctrl+Shift+F: actions, indicators, organisations, committees... from one field."""
        from .commands import open_search

        return open_search(self, text)

    def open_target(self, target: NavTarget) -> None:
        """Work on what ``target`` names (a plan, a territory), as choosing its row does."""
        if not self.navigation.select_target(target):
            self._on_target(target)

    def new_action(self) -> int | None:
        """Ctrl+N: create an action and open it with the cursor in its title."""
        from .commands import new_action

        return new_action(self)

    def apply_language(self, language: str) -> None:
        """Speak ``language`` from now on: our catalogs, Qt's own strings, and every menu,
        view and tree row made again (their texts were translated when they were built)."""
        from ...i18n import set_language
        from ..qt_translations import install_qt_translations

        set_language(language)
        app = QApplication.instance()
        if app is not None:
            install_qt_translations(app, language)
        key = self.current_key
        menus.rebuild(self, self._available)
        self._show_store_label()
        self.navigation.setAccessibleName(_("Navigation"))
        self._drop_views()
        if self.context is not None:
            self._show_content()
            if key:
                self.navigate(key)

    # -- drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths_ = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if self.dialogs.handle_dropped(paths_):
            event.acceptProposedAction()
        else:
            event.ignore()

    def save_window_state(self) -> None:
        save_window_state(self, self.splitter, self.current_key)
        if self.context is not None:  # the data layer is loaded once a store is open
            from .place import save_place

            save_place(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        super().closeEvent(event)
