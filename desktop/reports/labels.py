"""The words reports and workbooks print for stored codes (translated at use).

Enums and reference codes print as everywhere else (``desktop.labels``); only the words that
belong to reports (on-track states, report kinds) are defined here.
"""

from __future__ import annotations

from enum import Enum

from .. import labels as shared
from ..i18n import N_, _
from ..models import ActionStatus, BudgetState, ObservationKind, Priority
from ..models.reference import SECTORS

_REPORT_WORDS: dict[str, str] = {
    "on_track": N_("On track"),
    "slightly_behind": N_("Slightly behind"),
    "off_track": N_("Off track"),
    "no_data": N_("Not assessed"),
    "committee": N_("Steering committee report"),
    "midterm": N_("PCAET mid-term report"),
    "cotri": N_("COTRI yearly report"),
}
_SECTOR_CODES = frozenset(SECTORS)
# The change log keeps old and new values as plain text: these are the codes it can hold.
_LOGGED_CODES: dict[str, Enum] = {
    member.value: member
    for enum_cls in (ObservationKind, Priority, BudgetState, ActionStatus)
    for member in enum_cls
}


def label(value: Enum | str | None) -> str:
    """The translated word for an enum member or a known code; the code itself otherwise."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return shared.label(value)
    if value in _REPORT_WORDS:
        return _(_REPORT_WORDS[value])
    if value in _SECTOR_CODES:
        return shared.dimension_label(value)
    if value in _LOGGED_CODES:
        return shared.label(_LOGGED_CODES[value])
    return value


def choices(enum_cls: type[Enum]) -> list[str]:
    """The translated words of every member, in order (for drop-down lists)."""
    return [label(member) for member in enum_cls]
