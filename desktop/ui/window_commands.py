"""Commands of the main window that create records: a territory (from the welcome screen) and
a new action (Ctrl+N) in the selected section, opened with the cursor in its title."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _
from ..models import Action
from ..services import actions as action_service
from ..services import plans as plan_service
from .commands import CreateCommand, push
from .dialogs.errors import show_error
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
        window.context.notify("territory")

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
            action = session.get(Action, target.record_id)
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
