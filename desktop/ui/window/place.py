"""Reopening a store where the user left it: the territory and plan worked on, the view shown
and the record open in it (an action, an indicator), kept by UUID in the window's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlmodel import select

from .state import Place, remember_place, remembered_place

if TYPE_CHECKING:
    from .main_window import MainWindow


def _item_models() -> dict[str, Any]:
    from ...models import Action, Contract, Indicator, Meeting

    return {"actions": Action, "indicators": Indicator, "contracts": Contract, "meetings": Meeting}


def current_place(window: MainWindow) -> Place | None:
    """Where the window is now, or None when it shows no store's data."""
    from ...models import Plan, Territory

    context = window.context
    if context is None or window.is_welcome_shown():
        return None
    view = window.current_view()
    item_id = view.current_item() if view is not None else None
    model = _item_models().get(window.current_key)
    with window.store.session() as session:
        territory = session.get(Territory, context.territory_id) if context.territory_id else None
        plan = session.get(Plan, context.plan_id) if context.plan_id else None
        item = session.get(model, item_id) if model is not None and item_id else None
        return Place(
            territory.uuid if territory is not None else "",
            plan.uuid if plan is not None else "",
            window.current_key,
            item.uuid if item is not None else "",
        )


def save_place(window: MainWindow) -> None:
    place = current_place(window)
    if place is not None:
        remember_place(window.store.location, place)


def restore_place(window: MainWindow) -> tuple[str, int | None] | None:
    """Put the context back on the remembered territory and plan; returns the view and the
    record to show, or None when nothing is remembered (or it is gone)."""
    from ...models import Plan, Territory

    context = window.context
    place = remembered_place(window.store.location)
    if context is None or place is None:
        return None
    with window.store.session() as session:
        territory = session.exec(select(Territory).where(Territory.uuid == place.territory)).first()
        plan = session.exec(select(Plan).where(Plan.uuid == place.plan)).first()
        if territory is not None:
            context.territory_id = territory.id
            same = plan is not None and plan.territory_id == territory.id
            context.plan_id = plan.id if plan is not None and same else None
        model = _item_models().get(place.view)
        item = (
            session.exec(select(model).where(model.uuid == place.item)).first()
            if model is not None and place.item
            else None
        )
    if territory is None:
        return None
    return place.view, (item.id if item is not None else None)
