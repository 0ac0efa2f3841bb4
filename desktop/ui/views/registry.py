"""The central views the main window can show, by key, imported on first use.

A view whose module is not there (a build without it) is left out of the navigation instead of
breaking the window; any other import error is a bug and propagates.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # views need the data layer: the window's frame is built before it loads
    from .base import View


@dataclass(frozen=True)
class ViewSpec:
    key: str
    module: str
    class_name: str
    icon: str
    # The Qt-free modules the view reads its data with: loaded ahead of time on the start's
    # worker thread (the view's own module touches Qt, so it loads on the GUI thread).
    services: tuple[str, ...] = ()


VIEWS: tuple[ViewSpec, ...] = (
    ViewSpec(
        "dashboard",
        "desktop.ui.views.dashboard",
        "DashboardView",
        "dashboard",
        ("desktop.services.dashboard_data", "numpy"),
    ),  # numpy: under pyqtgraph
    ViewSpec(
        "timeline",
        "desktop.ui.views.timeline",
        "TimelineView",
        "timeline",
        ("desktop.services.dashboard_data", "numpy"),
    ),
    ViewSpec(
        "actions",
        "desktop.ui.views.actions",
        "ActionListView",
        "action",
        ("desktop.services.actions", "desktop.services.action_rows"),
    ),
    ViewSpec(
        "indicators",
        "desktop.ui.views.indicators",
        "IndicatorView",
        "indicator",
        ("desktop.services.indicators", "desktop.services.analysis", "numpy"),
    ),
    ViewSpec(
        "contracts",
        "desktop.ui.views.contracts",
        "ContractView",
        "contract",
        ("desktop.services.contracts",),
    ),
    ViewSpec(
        "meetings",
        "desktop.ui.views.meetings",
        "MeetingsView",
        "meeting",
        ("desktop.services.meetings",),
    ),
    ViewSpec(
        "organisations",
        "desktop.ui.views.organisations",
        "OrganisationsView",
        "organisation",
        ("desktop.services.organisations_usage", "desktop.services.territories"),
    ),
    ViewSpec(
        "reference",
        "desktop.ui.views.reference",
        "ReferenceView",
        "indicator",
        ("desktop.services.reference_comparison", "desktop.services.reference_texts", "numpy"),
    ),
)
BY_KEY: dict[str, ViewSpec] = {spec.key: spec for spec in VIEWS}


def is_available(key: str) -> bool:
    """Whether the view's module exists, without importing it (keeps start-up fast)."""
    spec = BY_KEY.get(key)
    return spec is not None and importlib.util.find_spec(spec.module) is not None


def available_keys() -> list[str]:
    return [spec.key for spec in VIEWS if is_available(spec.key)]


def load_view_class(key: str) -> type[View] | None:
    """The view's class, or None when its module does not exist."""
    spec = BY_KEY.get(key)
    if spec is None:
        return None
    try:
        module = importlib.import_module(spec.module)
    except ModuleNotFoundError as error:
        if error.name == spec.module:
            return None
        raise  # the view exists but one of its own imports is missing: a real bug
    from .base import View

    cls = getattr(module, spec.class_name)
    if not (isinstance(cls, type) and issubclass(cls, View)):
        raise TypeError(f"{spec.module}.{spec.class_name} is not a View")
    return cls
