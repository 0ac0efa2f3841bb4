"""Moving around the window as in a week of work: switching plans clears the sheet of the
previous plan, the navigation follows the keyboard, the store reopens where it was left, new
actions and budget lines continue their numbering, and one shortcut searches everything."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from sqlmodel import select
from support.demo_screens import show_demo_window
from support.shell import application_look
from support.week import LAPTOP, action_id, activate, choose_plan, plan_id, shot, territory_id

from desktop.models import Action, BudgetLine
from desktop.settings import UserSettings
from desktop.store import Store
from desktop.ui import style
from desktop.ui.dialogs.search_dialog import SearchDialog
from desktop.ui.views.actions import ActionListView
from desktop.ui.window.main_window import MainWindow
from desktop.ui.window.navigation import NavTarget

pytestmark = pytest.mark.gui
BOULONNAIS_PLAN = "PCAET du Pays Boulonnais"
BOULONNAIS = "Pays Boulonnais"  # the territory of its PCAET and COTRI


def actions_view(window: MainWindow) -> ActionListView:
    view = window.views["actions"]
    assert isinstance(view, ActionListView)
    return view


def highlighted(window: MainWindow, target: NavTarget) -> bool:
    """Whether the navigation paints ``target``'s row in the selection colour."""
    tree = window.navigation
    index = tree.find_target(target)
    rect = tree.visualRect(index)
    image = tree.viewport().grab().toImage()
    colour = QColor(image.pixel(QPoint(rect.right() - 3, rect.center().y())))
    return colour.name() == QColor(style.SELECTION).name()


def test_another_plan_leaves_no_sheet_of_the_previous_one(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
        _switch_plans(qtbot, window, demo_copy)
        shot(window, artifacts, "another_plan_no_stale_sheet")


def _switch_plans(qtbot: Any, window: MainWindow, store: Store) -> None:
    choose_plan(qtbot, window, store, BOULONNAIS_PLAN, BOULONNAIS)
    view = actions_view(window)
    view.open_action(action_id(store, "PB-5"))
    assert view.editor.action_id == action_id(store, "PB-5")
    # WHEN the officer switches to the PASSAGE plan
    choose_plan(qtbot, window, store, "PASSAGE", "Détroit")
    # THEN its 29 actions are listed and no action of the other plan is shown beside them
    assert view.model.total_count() == 29
    assert view.editor.action_id is None
    assert view.editor.heading.text() == "Sélectionnez une action pour la modifier."
    fields = view.editor.fields  # emptied, not only greyed
    assert fields["code"].text() == fields["title"].text() == ""  # type: ignore[attr-defined]
    assert fields["description"].toPlainText() == ""  # type: ignore[attr-defined]
    assert view.editor.history.rowCount() == 0


def test_the_navigation_highlights_the_view_reached_by_the_keyboard(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
        activate(qtbot, window)
        indicators = NavTarget("indicators")
        assert window.navigation.select_target(indicators)
        qtbot.waitUntil(
            lambda: window.current_key == "indicators" and highlighted(window, indicators)
        )
        # WHEN Ctrl+3 shows the actions
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
        # THEN the plan's row is highlighted, and the Indicators row no longer is
        plan = plan_id(demo_copy, "PASSAGE")
        plan_row = NavTarget("plan", plan, plan, territory_id(demo_copy, "Détroit"))
        qtbot.waitUntil(
            lambda: (
                window.current_key == "actions" and window.navigation.current_target() == plan_row
            )
        )
        assert window.navigation.current_target() == plan_row
        assert highlighted(window, plan_row) and not highlighted(window, indicators)
        assert window.view_actions["actions"].isChecked()
        shot(window.navigation, artifacts, "navigation_after_ctrl3")


def test_the_store_reopens_on_the_plan_view_and_action_left(
    qtbot: Any,
    demo_copy: Store,
) -> None:
    window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
    choose_plan(qtbot, window, demo_copy, BOULONNAIS_PLAN, BOULONNAIS)
    window.navigate("actions", action_id(demo_copy, "PB-4"))
    window.close()
    # WHEN the store is opened again the next morning
    again = MainWindow(demo_copy, UserSettings(user_name="Camille", language="fr"))
    qtbot.addWidget(again)
    with qtbot.waitSignal(again.ready, timeout=10_000):
        again.show()
    # THEN it shows the same plan, view and action
    assert again.context is not None
    assert again.context.plan_id == plan_id(demo_copy, BOULONNAIS_PLAN)
    assert again.current_key == "actions"
    view = actions_view(again)
    assert view.editor.action_id == action_id(demo_copy, "PB-4")
    assert view.current_action_id() == action_id(demo_copy, "PB-4")
    assert "PCAET du Pays Boulonnais" in again.navigation.currentIndex().data()


def test_new_actions_and_budget_lines_continue_their_numbering(
    qtbot: Any,
    demo_copy: Store,
) -> None:
    window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
    choose_plan(qtbot, window, demo_copy, BOULONNAIS_PLAN, BOULONNAIS)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    first = window.new_action()
    with demo_copy.session() as session:
        codes = [session.get(Action, i).code for i in (first,)]  # type: ignore[union-attr]
    assert codes == ["PB-8"]  # Ctrl+N made PB-7 just before
    # Budget lines: each new one is the year after the last
    view = actions_view(window)
    budget = view.editor.tables["budget"]
    for _line in range(3):
        budget.add_row()
    with demo_copy.session() as session:
        years = [
            line.year
            for line in session.exec(select(BudgetLine).where(BudgetLine.action_id == first))
        ]
    this_year = date.today().year
    assert years == [this_year, this_year + 1, this_year + 2]
    # In PASSAGE (plain numbers), the next number
    choose_plan(qtbot, window, demo_copy, "PASSAGE", "Détroit")
    made = window.new_action()
    with demo_copy.session() as session:
        assert session.get(Action, made).code == "30"  # type: ignore[union-attr]


def test_ctrl_f_on_cotri_and_one_shortcut_search_the_whole_store(
    qtbot: Any,
    qapp: QApplication,
    demo_copy: Store,
    artifacts: Path,
) -> None:
    with application_look(qapp):
        window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
        window.navigate("contracts")
        activate(qtbot, window)  # shortcuts reach the active window
        # WHEN Ctrl+F is pressed on the COTRI view, which has no search field of its own
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        dialog = next(d for d in window.dialogs.open_dialogs if isinstance(d, SearchDialog))
        # THEN the search everywhere opens; an action of another plan is found by its code
        qtbot.keyClicks(dialog.field, "PB-3")
        hits = dialog.run()
        assert [(h.kind, h.code) for h in hits] == [("action", "PB-3")]
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        assert window.current_key == "actions"
        assert window.context is not None
        assert window.context.plan_id == plan_id(demo_copy, BOULONNAIS_PLAN)
        assert actions_view(window).editor.action_id == action_id(demo_copy, "PB-3")
        # AND Ctrl+Shift+F finds by words across kinds, committees included
        qtbot.keyClick(
            window,
            Qt.Key.Key_F,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        dialog = next(d for d in window.dialogs.open_dialogs if isinstance(d, SearchDialog))
        qtbot.keyClicks(dialog.field, "comite")
        hits = dialog.run()
        assert {h.kind for h in hits} == {"action", "meeting"}
        dialog.resize(640, 460)
        shot(dialog, artifacts, "search_everywhere")
        meeting = next(h for h in hits if h.kind == "meeting")
        while dialog.results.currentItem().data(Qt.ItemDataRole.UserRole + 1) != meeting:
            qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        assert window.current_key == "meetings"
        # AND an organisation by its acronym
        dialog = window.search_everywhere("ADEME")
        assert isinstance(dialog, SearchDialog)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
        assert window.current_key == "organisations"
        view = window.views["organisations"]
        assert "Agence de l" in view.table.item(view.table.currentRow(), 0).text()


@pytest.mark.parametrize(
    ("key", "own_field"),
    [
        ("dashboard", False),
        ("timeline", False),
        ("actions", True),
        ("indicators", True),
        ("contracts", False),
        ("meetings", False),
        ("organisations", True),
    ],
)
def test_ctrl_f_finds_on_every_view(
    qtbot: Any,
    demo_copy: Store,
    key: str,
    own_field: bool,
) -> None:
    window = show_demo_window(qtbot, demo_copy, "fr", LAPTOP)
    activate(qtbot, window)
    window.navigate(key)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.dialogs.open_dialogs if isinstance(d, SearchDialog)]
    if own_field:  # the view's own search field takes the keys
        assert not dialogs
        assert getattr(window.views[key], "search", None) is QApplication.focusWidget()
    else:  # the search everywhere opens, never "nothing to search in this view"
        assert len(dialogs) == 1
        qtbot.waitUntil(dialogs[0].field.hasFocus)
    assert "rien à rechercher" not in window.statusBar().currentMessage()
