"""What the navigation tree shows, read from the store: territories, plans, sections, the
actions of an expanded section, indicators by category, contracts and committees.

Kept apart from the tree widget (``navigation``) because it needs the data layer, which loads
after the window has shown itself.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from ...i18n import _, format_date
from ...labels import label
from ...models import Indicator, IndicatorCategory
from ...services import referential
from ...services.queries import navigation as navigation_queries
from ...services.queries.navigation import NavigationOutline, PlanOutline, navigation_outline
from ...store import Store
from .navigation import (
    NavTarget,
    contracts_item,
    indicators_item,
    meetings_item,
    nav_item,
    organisations_item,
    other_territories_item,
    placeholder_item,
    reference_item,
    territory_groups,
    territory_item,
    timeline_item,
)


def build_model(
    store: Store, available: set[str], current: int | None, *, parent: QTreeView
) -> QStandardItemModel:
    """The tree of what the store holds; only kinds whose view is ``available`` appear."""
    return model_of(read_outline(store, available), available, current, parent=parent)


def read_outline(store: Store, available: set[str]) -> NavigationOutline:
    """What the tree shows, read from the store; touches no Qt, so it may run on a worker."""
    with store.session() as session:
        return navigation_outline(
            session,
            plans="actions" in available,
            indicators="indicators" in available,
            contracts="contracts" in available,
            meetings="meetings" in available,
        )


def model_of(
    outline: NavigationOutline, available: set[str], current: int | None, *, parent: QTreeView
) -> QStandardItemModel:
    """Territories with a plan come first (``current``, the one being worked on, at the top);
    those without one (peers kept for comparison) are grouped in a folder below."""
    model = QStandardItemModel(parent)
    root = model.invisibleRootItem()
    with_plan = outline.with_plan
    territories = sorted(
        outline.territories, key=lambda t: (t.id != current, t.id not in with_plan)
    )
    plan_rows = _plan_items(outline.plans) if outline.plans is not None else {}
    for territory in territories:
        if territory.id in with_plan:
            t_item = territory_item(territory.pk, territory.name)
            t_item.appendRows(plan_rows.get(territory.pk, []))
            root.appendRow(t_item)
    # The others (peers, region, department) under "Other territories", by kind.
    without = [(t.pk, t.name, str(t.kind)) for t in territories if t.id not in with_plan]
    if without:
        others = other_territories_item()
        others.appendRows(territory_groups(without))
        root.appendRow(others)
    if "timeline" in available:
        root.appendRow(timeline_item(current))
    if "indicators" in available:
        indicators_row = _indicators(outline.indicators)
        if "reference" in available:
            indicators_row.insertRow(0, [reference_item()])
        root.appendRow(indicators_row)
    if "contracts" in available:
        contracts = contracts_item()
        for contract in outline.contracts:
            text = f"{contract.title} ({contract.period_start}–{contract.period_end})"
            contracts.appendRow(nav_item(text, NavTarget("contract", contract.id), "contract"))
        root.appendRow(contracts)
    if "meetings" in available:
        meetings = meetings_item()
        for meeting in outline.meetings:
            text = _("{date} — {title}").format(
                date=format_date(meeting.held_on), title=meeting.title
            )
            meetings.appendRow(nav_item(text, NavTarget("meeting", meeting.id), "meeting"))
        root.appendRow(meetings)
    if "organisations" in available:
        root.appendRow(organisations_item())
    return model


def _plan_items(outline: PlanOutline) -> dict[int, list[QStandardItem]]:
    """Each territory's plan rows with their section trees."""
    territory_of = {plan.pk: plan.territory_id for plan in outline.plans}
    plan_rows: dict[int, QStandardItem] = {}
    by_territory: dict[int, list[QStandardItem]] = {}
    for plan in outline.plans:
        row = nav_item(plan.title, NavTarget("plan", plan.id, plan.id, plan.territory_id), "plan")
        plan_rows[plan.pk] = row
        by_territory.setdefault(plan.territory_id, []).append(row)
    section_rows: dict[int, QStandardItem] = {}
    for section in outline.sections:
        text = f"{section.code} {section.title}".strip()
        target = NavTarget("section", section.id, section.plan_id, territory_of[section.plan_id])
        section_rows[section.pk] = nav_item(text, target, "section")
    # Attached in (position, id) order; a parent's row exists whatever its own position.
    # A section (or a plan, for actions outside any section) holding actions gets a
    # placeholder row that stands for them until the row is expanded.
    for section in outline.sections:
        row = section_rows[section.pk]
        parent = section_rows.get(section.parent_id) if section.parent_id else None
        (parent or plan_rows[section.plan_id]).appendRow(row)
        if outline.actions_by_section.get(section.id):
            row.appendRow(placeholder_item())
    for plan_id, row in plan_rows.items():
        if outline.loose_actions_by_plan.get(plan_id):
            row.appendRow(placeholder_item())
    return by_territory


def _indicators(indicators: list[Indicator]) -> QStandardItem:
    root = indicators_item()
    by_category: dict[IndicatorCategory, list[QStandardItem]] = {}
    for indicator in indicators:
        name = referential.display_name(indicator)
        by_category.setdefault(indicator.category, []).append(
            nav_item(
                f"{indicator.code} {name}", NavTarget("indicator", indicator.id), "indicator", name
            )
        )
    for category in IndicatorCategory:
        rows = by_category.get(category)
        if rows:
            c_item = nav_item(label(category), NavTarget("category"), "indicator")
            c_item.appendRows(rows)
            root.appendRow(c_item)
    return root


def top_actions(store: Store, target: NavTarget) -> list[QStandardItem]:
    """The rows of the actions directly in a section, or in a plan outside any section."""
    with store.session() as session:
        if target.kind == "section":
            rows = navigation_queries.top_actions(session, section_id=target.record_id)
        else:
            rows = navigation_queries.top_actions(session, plan_id=target.record_id)
    return [
        nav_item(
            f"{code} {title}".strip(),
            NavTarget("action", action_id, target.plan_id, target.territory_id),
            "action",
        )
        for action_id, code, title in rows
    ]
