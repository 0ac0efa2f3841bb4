"""Commands of the main window that create or find records: a territory (from the welcome
screen), a new action (Ctrl+N) in the selected section, opened with the cursor in its title,
and the search everywhere (Ctrl+Shift+F) that opens what it finds where it lives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...i18n import _
from ...models import Action
from ...services import actions as action_service
from ...services import plans as plan_service
from ...services.queries import records
from ...services.search import Hit
from ..change_notice import ChangeNotice
from ..commands import CreateCommand, push
from ..dialogs.errors import show_error
from .navigation import NavTarget
from .welcome import TerritoryDialog

if TYPE_CHECKING:
    from .main_window import MainWindow


def create_territory(window: MainWindow) -> TerritoryDialog:
    """Open the territory dialog (non-blocking); on OK create it and show the plan."""
    dialog = TerritoryDialog(parent=window)

    def done() -> None:
        assert window.context is not None
        try:
            window.context.territory_id = dialog.create_in(window.store, window.context.actor)
        except Exception as error:
            show_error(window, error)
            return
        window.context.plan_id = None  # picked again from the new territory
        with window.store.session() as session:
            window.context.plan_id = plan_service.main_plan(session, window.context.territory_id)
        window.context.notify(ChangeNotice.of("territory"))

    dialog.accepted.connect(done)
    dialog.open()
    return dialog


def _new_action_place(window: MainWindow) -> tuple[int | None, int | None]:
    """The plan and section a new action goes to: the selected section (or the selected
    action's), else the first section of the current plan."""
    assert window.context is not None
    target = window.selected
    with window.store.session() as session:
        if target is not None and target.kind == "section":
            return target.plan_id, target.record_id
        if target is not None and target.kind == "action" and target.record_id is not None:
            action = records.record(session, Action, target.record_id)
            if action is not None:
                return action.plan_id, action.section_id
        plan_id = window.context.plan_id
        if plan_id is None:
            plan_id = plan_service.main_plan(session, window.context.territory_id)
        if plan_id is None:
            return None, None
        sections = plan_service.flat_sections(session, plan_id)
        return plan_id, sections[0][1].id if sections else None


def new_action(window: MainWindow) -> int | None:
    """Ctrl+N: create an action and open it with the cursor in its title."""
    if window.context is None or window.is_welcome_shown():
        return None
    plan_id, section_id = _new_action_place(window)
    if plan_id is None:
        window.statusBar().showMessage(_("Create a plan first."), 5000)
        return None
    context = window.context
    command = CreateCommand(
        context,
        lambda session: action_service.create_action(
            session,
            context.actor,
            plan_id=plan_id,
            section_id=section_id,
            title=_("New action"),
        ),
        text=_("New action"),
    )
    try:
        push(context, command)  # undoable: Ctrl+Z removes the new action again
    except Exception as error:
        show_error(window, error)
        return None
    action_id = command.created_id
    if action_id is None:
        return None
    window.navigate("actions", action_id)
    view = window.views.get("actions")
    focus_title = getattr(view, "focus_title", None)
    if callable(focus_title):
        focus_title()
    return action_id


def open_search(window: MainWindow, text: str = "") -> QWidget | None:
    """The search everywhere dialog, on ``text`` if given."""
    if window.context is None or window.is_welcome_shown():
        return None
    from ..dialogs.search_dialog import SearchDialog

    dialog = SearchDialog(window.context, parent=window)
    dialog.chosen.connect(lambda hit: open_hit(window, hit))
    if text:
        dialog.set_query(text)
    window.dialogs.keep_open(dialog)
    return dialog


def open_hit(window: MainWindow, hit: Hit) -> bool:
    """Show a record found by the search: an action in its plan (the plan becomes the one
    worked on), a territory's dashboard, the others in their view."""
    context = window.context
    if context is None:
        return False
    if hit.kind == "territory":
        target = NavTarget("territory", hit.record_id, None, hit.record_id)
        window.navigation.select_target(target)  # as a click on its row
        if window.selected != target:
            window.open_target(target)
        return True
    if hit.kind == "action" and hit.plan_id is not None and hit.plan_id != context.plan_id:
        window.open_target(NavTarget("plan", hit.plan_id, hit.plan_id, hit.territory_id))
    view = {
        "action": "actions",
        "indicator": "indicators",
        "organisation": "organisations",
        "meeting": "meetings",
        "contract": "contracts",
    }[hit.kind]
    return window.navigate(view, hit.record_id)
