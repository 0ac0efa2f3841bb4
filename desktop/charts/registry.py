"""The kinds of chart, one registry entry each: its name, the widget that draws it, what it is
a chart of, the dashboard tile it fills and where the reports draw it.

``pcaet chart --kind`` offers these names, ``charts.images.render_chart`` draws them, and the
dashboard has one tile per entry with a ``tile``. Adding a kind = one module under
``desktop/charts/`` holding a ``ChartWidget`` subclass with a ``from_store(session, id)``
class method (the id of its scope: territory, plan or contract) + one line in ``KINDS``.

Light on purpose (no Qt, no data layer): the command line lists the names without loading
them; a kind's widget module is imported when it is drawn.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from sqlmodel import Session

    from .base import ChartWidget

Scope = Literal["territory", "plan", "contract"]


@dataclass(frozen=True)
class ChartKind:
    key: str  # its name for ``pcaet chart --kind`` and ``images.render_chart``
    widget: str  # "module:Class" under desktop.charts
    scope: Scope  # what it is a chart of: the id ``from_store`` is given
    tile: str | None = None  # the dashboard tile it fills, if any
    report_use: str = ""  # where the reports draw it (for the reader of this list)

    def widget_class(self) -> type[ChartWidget]:
        module_name, class_name = self.widget.split(":")
        module = importlib.import_module(f"{__package__}.{module_name}")
        return cast("type[ChartWidget]", getattr(module, class_name))

    def build(
        self,
        session: Session,
        *,
        territory_id: int | None,
        plan_id: int | None,
        contract_id: int | None,
    ) -> ChartWidget:
        """The widget filled from the store (an empty chart says what is missing)."""
        scope_id = {"territory": territory_id, "plan": plan_id, "contract": contract_id}
        return self.widget_class().from_store(session, scope_id[self.scope])


KINDS: dict[str, ChartKind] = {
    kind.key: kind
    for kind in (
        ChartKind(
            "emissions-by-sector", "sector_chart:SectorChart", "territory", tile="emissions",
            report_use="committee and mid-term reports: emissions by sector",
        ),
        ChartKind("energy", "energy_chart:EnergyChart", "territory", tile="energy"),
        ChartKind("renewables", "energy_chart:RenewablesChart", "territory"),
        ChartKind(
            "actions-by-status", "status_chart:StatusChart", "plan", tile="status",
            report_use="summary of every report, from the report's own counts",
        ),
        ChartKind("budget-by-section", "budget_chart:BudgetChart", "plan", tile="budget"),
        ChartKind(
            "cotri", "cotri_chart:CotriChart", "contract", tile="cotri",
            report_use="COTRI scorecard of the committee and COTRI reports",
        ),
        ChartKind("timeline", "timeline_chart:TimelineChart", "plan"),
        ChartKind("progress", "progress_chart:ProgressChart", "plan", tile="progress"),
        ChartKind("peers", "peers_chart:PeersChart", "territory", tile="peers"),
    )
}  # fmt: skip


def names() -> list[str]:
    """The kinds' names, in the order the command line lists them."""
    return list(KINDS)


def dashboard_tiles() -> dict[str, ChartKind]:
    """The dashboard's chart tiles by tile key, each with the kind it shows."""
    return {kind.tile: kind for kind in KINDS.values() if kind.tile is not None}
