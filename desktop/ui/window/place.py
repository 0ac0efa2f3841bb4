"""Reopening a store where the user left it: the territory and plan worked on, the view shown
and the record open in it (an action, an indicator), kept by UUID in the window's settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .state import Place, remember_place, remembered_place

if TYPE_CHECKING:
    from .main_window import MainWindow


def _item_models() -> dict[str, Any]:
    from ...models import Action, Contract, Indicator, Meeting

    return {"actions": Action, "indicators": Indicator, "contracts": Contract, "meetings": Meeting}


def current_place(window: MainWindow) -> Place | None:
    """Where the window is now, or None when it shows no store's data."""
    from ...models import Plan, Territory
    from ...services.queries import records

    context = window.context
    if context is None or window.is_welcome_shown():
        return None
    view = window.current_view()
    item_id = view.current_item() if view is not None else None
    model = _item_models().get(window.current_key)
    with window.store.session() as session:
        return Place(
            records.record_uuid(session, Territory, context.territory_id or None),
            records.record_uuid(session, Plan, context.plan_id or None),
            window.current_key,
            records.record_uuid(session, model, item_id or None) if model is not None else "",
        )


def save_place(window: MainWindow) -> None:
    place = current_place(window)
    if place is not None:
        remember_place(window.store.location, place)


def restore_place(window: MainWindow) -> tuple[str, int | None] | None:
    """Put the context back on the remembered territory and plan; returns the view and the
    record to show, or None when nothing is remembered (or it is gone)."""
    from ...models import Plan, Territory
    from ...services.queries import records

    context = window.context
    place = remembered_place(window.store.location)
    if context is None or place is None:
        return None
    with window.store.session() as session:
        territory = records.record_by_uuid(session, Territory, place.territory)
        plan = records.record_by_uuid(session, Plan, place.plan)
        if territory is not None:
            context.territory_id = territory.id
            same = plan is not None and plan.territory_id == territory.id
            context.plan_id = plan.id if plan is not None and same else None
        model = _item_models().get(place.view)
        item = records.record_by_uuid(session, model, place.item) if model is not None else None
    if territory is None:
        return None
    return place.view, (item.id if item is not None else None)
