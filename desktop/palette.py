"""One palette for the application, the charts and the reports (hex colours, no Qt).

Colour-blind-safe: Paul Tol's "bright" and "muted" schemes, and Okabe-Ito for statuses; every
status is also shown with its word, never by colour alone.
"""

from __future__ import annotations

from typing import Final

from .models import ActionStatus

INK: Final = "#1f2933"
MUTED_INK: Final = "#52606d"
GRID: Final = "#d9e2ec"
BACKGROUND: Final = "#ffffff"
PANEL: Final = "#f5f7fa"
ACCENT: Final = "#1f6f8b"

# Status chips: a fill and a text colour with enough contrast.
STATUS_COLOURS: Final[dict[ActionStatus, tuple[str, str]]] = {
    ActionStatus.TO_COME: ("#e4e7eb", "#1f2933"),
    ActionStatus.TO_DISCUSS: ("#f0e442", "#1f2933"),
    ActionStatus.IN_PROGRESS: ("#56b4e9", "#0b2e45"),
    ActionStatus.DONE: ("#009e73", "#ffffff"),
    ActionStatus.LATE: ("#d55e00", "#ffffff"),
    ActionStatus.PAUSED: ("#cc79a7", "#1f2933"),
    ActionStatus.BLOCKED: ("#7a1f1f", "#ffffff"),
    ActionStatus.ABANDONED: ("#7b8794", "#ffffff"),
}

# Series colours (Tol "muted"), in order, for sectors and filières.
SERIES: Final = (
    "#332288",
    "#88ccee",
    "#44aa99",
    "#117733",
    "#999933",
    "#ddcc77",
    "#cc6677",
    "#882255",
    "#aa4499",
    "#dddddd",
)

SECTOR_COLOURS: Final[dict[str, str]] = {
    "residential": "#332288",
    "tertiary": "#88ccee",
    "road_transport": "#cc6677",
    "other_transport": "#882255",
    "agriculture": "#117733",
    "waste": "#999933",
    "industry_excl_energy": "#44aa99",
    "energy_industry": "#ddcc77",
}

# On-track bands and markers.
ON_TRACK: Final = "#009e73"
SLIGHTLY_BEHIND: Final = "#e69f00"
OFF_TRACK: Final = "#d55e00"
MEASURED: Final = "#1f2933"
ESTIMATED: Final = "#7b8794"
TRAJECTORY: Final = "#1f6f8b"
TARGET: Final = "#d55e00"


def series_colour(index: int) -> str:
    return SERIES[index % len(SERIES)]


def dimension_colour(dimension: str, index: int) -> str:
    return SECTOR_COLOURS.get(dimension, series_colour(index))
