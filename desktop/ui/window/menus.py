"""The main window's commands: one ``QAction`` each (menus, toolbar and shortcuts share it),
so every command is reachable from the keyboard and carries its mnemonic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar

from ...i18n import N_, _
from .. import style
from ..sync import commands as sync_commands
from ..views import registry

if TYPE_CHECKING:
    from .main_window import MainWindow

VIEW_TITLES = {
    "dashboard": N_("&Dashboard"),
    "timeline": N_("&Timeline"),
    "actions": N_("&Actions"),
    "indicators": N_("&Indicators"),
    "contracts": N_("&COTRI contracts"),
    "meetings": N_("Co&mmittees"),
    "organisations": N_("&Organisations"),
    "reference": N_("SNBC &reference"),
}


def _action(
    window: MainWindow, text: str, slot: Any, shortcut: Any = None, icon: str = ""
) -> QAction:
    action = QAction(text, window)
    if icon:
        action.setIcon(style.icon(icon))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action


def build_actions(window: MainWindow, available: set[str]) -> None:
    key = QKeySequence.StandardKey
    files = window.files
    w = window
    w.new_store_action = _action(w, _("&New store…"), files.new_store, "Ctrl+Shift+N")
    w.open_store_action = _action(w, _("&Open store…"), files.open_store, key.Open, "open")
    w.save_copy_action = _action(
        w, _("Save a &copy as…"), files.save_copy, "Ctrl+Shift+S", "save-copy"
    )
    w.backup_action = _action(w, _("&Backup now"), files.backup_now, None, "backup")
    w.restore_action = _action(
        w, _("&Restore from a backup…"), files.restore_backup, None, "restore"
    )
    w.settings_action = _action(
        w, _("&Settings…"), w.dialogs.open_settings, key.Preferences, "settings"
    )
    w.quit_action = _action(w, _("&Quit"), w.close, key.Quit, "quit")
    w.sync_actions = sync_commands.build_actions(w)
    w.undo_action = w.undo_group.createUndoAction(w, _("&Undo"))
    w.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    w.undo_action.setIcon(style.icon("undo"))
    w.redo_action = w.undo_group.createRedoAction(w, _("&Redo"))
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    w.redo_action.setIcon(style.icon("redo"))
    w.find_action = _action(w, _("&Find…"), w.find_in_view, key.Find, "search")
    w.search_everywhere_action = _action(
        w, _("Search &everywhere…"), lambda: w.search_everywhere(), "Ctrl+Shift+F"
    )
    w.import_action = _action(
        w, _("&Import a spreadsheet…"), lambda: w.dialogs.open_import(None), "Ctrl+I", "import"
    )
    w.report_action = _action(w, _("Prepare a &report…"), w.dialogs.open_report, "Ctrl+R", "report")
    w.export_action = _action(w, _("E&xport to Excel…"), w.dialogs.open_export, "Ctrl+E", "export")
    w.new_action_action = _action(w, _("&New action"), w.new_action, key.New, "new")
    w.about_action = _action(w, _("&About PCAET Desktop"), w.dialogs.open_about, None, "about")
    w.focus_navigation_action = _action(w, _("Go to the &navigation"), w.navigation.setFocus, "F6")
    w.view_actions = {}
    group = QActionGroup(w)
    for number, spec in enumerate(registry.VIEWS, start=1):
        if spec.key not in available:
            continue
        action = _action(
            w,
            _(VIEW_TITLES[spec.key]),
            lambda _checked=False, k=spec.key: w.navigate(k),
            f"Ctrl+{number}",
            spec.icon,
        )
        action.setCheckable(True)
        group.addAction(action)
        w.view_actions[spec.key] = action
    w.view_group = group


def build_menus(window: MainWindow) -> None:
    w = window
    bar = w.menuBar()
    file_menu = bar.addMenu(_("&File"))
    file_menu.addActions([w.new_store_action, w.open_store_action, w.save_copy_action])
    w.recent_menu = file_menu.addMenu(_("Recent s&tores"))
    w.recent_menu.aboutToShow.connect(lambda: fill_recent(w))
    file_menu.addSeparator()
    file_menu.addAction(w.export_action)
    file_menu.addSeparator()
    file_menu.addActions([w.backup_action, w.restore_action])
    file_menu.addSeparator()
    file_menu.addActions(w.sync_actions)
    file_menu.addSeparator()
    file_menu.addAction(w.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)

    edit_menu = bar.addMenu(_("&Edit"))
    edit_menu.addActions([w.undo_action, w.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([w.find_action, w.search_everywhere_action])

    view_menu = bar.addMenu(_("&View"))
    view_menu.addActions(list(w.view_actions.values()))
    view_menu.addSeparator()
    view_menu.addAction(w.focus_navigation_action)

    # Not Alt+D: that is Description's, in the action sheet.
    data_menu = bar.addMenu(_("D&ata"))
    data_menu.addActions([w.new_action_action, w.import_action, w.report_action])

    help_menu = bar.addMenu(_("&Help"))
    help_menu.addAction(w.about_action)

    toolbar = QToolBar(_("Main toolbar"), w)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    toolbar.addActions([w.new_action_action, w.import_action, w.report_action])
    toolbar.addSeparator()
    toolbar.addActions([w.undo_action, w.redo_action, w.find_action])
    w.addToolBar(toolbar)
    w.toolbar = toolbar


def command_actions(window: MainWindow) -> list[QAction]:
    """Every command ``build_actions`` made, views included."""
    w = window
    return [
        w.new_store_action,
        w.open_store_action,
        w.save_copy_action,
        w.backup_action,
        w.restore_action,
        w.settings_action,
        w.quit_action,
        w.undo_action,
        w.redo_action,
        w.find_action,
        w.search_everywhere_action,
        w.import_action,
        w.report_action,
        w.export_action,
        w.new_action_action,
        w.about_action,
        w.focus_navigation_action,
        *w.view_actions.values(),
        *w.sync_actions,
    ]


def rebuild(window: MainWindow, available: set[str]) -> None:
    """Menus, toolbar and commands again, in the language now set: their texts were
    translated when they were made. The old commands are deleted so their shortcuts go too."""
    w = window
    bar = w.menuBar()
    menus = [action.menu() for action in bar.actions()]
    bar.clear()
    for menu in menus:
        if menu is not None:
            menu.deleteLater()
    w.removeToolBar(w.toolbar)
    w.toolbar.deleteLater()
    for action in command_actions(w):
        w.removeAction(action)
        action.deleteLater()
    w.view_group.deleteLater()
    build_actions(w, available)
    build_menus(w)


def fill_recent(window: MainWindow) -> None:
    menu = window.recent_menu
    menu.clear()
    current = window.store.location
    for location in window.settings.recent_stores:
        action = menu.addAction(location)
        action.setEnabled(location != current)
        action.triggered.connect(lambda _c=False, loc=location: window.files.open_location(loc))
    if not window.settings.recent_stores:
        menu.addAction(_("No recent stores")).setEnabled(False)
