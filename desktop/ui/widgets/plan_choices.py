"""The plans of the store as a list to choose from (the export dialog, the import wizard):
each plan's title, followed by its territory's short name when the store holds plans of
several territories; the whole title in the tooltip (long titles end in "…" in the box)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from ...i18n import _
from ...services.queries import plans as plan_queries
from ...services.text import short_name
from ...store import Store


def fill_plan_combo(combo: QComboBox, store: Store) -> list[int]:
    """Put every plan in ``combo`` (data: the plan's id); returns the ids, in order."""
    with store.session() as session:
        rows = plan_queries.plan_choices(session)
    several = len({name for _i, _t, name in rows}) > 1
    for plan_id, title, territory in rows:
        text = (
            _("{plan} — {territory}").format(plan=title, territory=short_name(territory))
            if several
            else title
        )
        combo.addItem(text, plan_id)
        combo.setItemData(combo.count() - 1, title, Qt.ItemDataRole.ToolTipRole)
    return [plan_id for plan_id, _t, _n in rows]
