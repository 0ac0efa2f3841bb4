"""What the SNBC reference is, in words: the same sentences in the window, the command line and
the reports, so the simplified reference is never mistaken for ADEME's tool."""

from __future__ import annotations

from ..i18n import _, format_date, ngettext
from ..models import ReferenceKind
from .reference_comparison import identifier_label
from .reference_trajectory import ENERGY, Reference
from .snbc_reference import (
    CONSUMPTION_ROWS,
    CONSUMPTION_TOTAL,
    EMISSION_ROWS,
    MIN_CONSUMPTION_ROWS,
    MIN_EMISSION_ROWS,
)


def method_text(reference: Reference, domain: str) -> str:
    """How the reference of ``domain`` was made and where it comes from."""
    if reference.kind == ReferenceKind.OFFICIAL:
        return _(
            "Official SNBC reference of the authority (ADEME's territorialised tool), imported "
            "from {source} on {date}."
        ).format(source=reference.source, date=format_date(reference.source_date))
    if domain == ENERGY:
        return _(
            "Final energy consumption after the Code de l'énergie, article L100-4: -20 % in "
            "2030 and -50 % in 2050 against the territory's 2012 total, in straight lines. "
            "No SNBC-2 sector figures for consumption are sourced here, so no sector "
            "consumption reference is computed."
        )
    return _(
        "Simplified SNBC sector reference, not ADEME's territorialised tool: the territory's "
        "2015 inventory with the SNBC-2 sector reductions from 2015 (decree 2020-457), in "
        "straight lines 2015-2030-2050."
    )


REDUCTIONS_TEXT_LINES = (
    # The SNBC-2 sector reductions, as the window and the report list them.
    ("transport", "-28 %", "-100 %"),
    ("buildings", "-49 %", "-100 %"),
    ("agriculture", "-19 %", "-46 %"),
    ("industry", "-35 %", "-81 %"),
    ("energy", "-33 %", "-100 %"),
    ("waste", "-35 %", "-66 %"),
)


def sector_group_label(key: str) -> str:
    return {
        "transport": _("Transport (road and other)"),
        "buildings": _("Buildings (residential and tertiary)"),
        "agriculture": _("Agriculture"),
        "industry": _("Industry excluding energy"),
        "energy": _("Energy production (energy branch)"),
        "waste": _("Waste"),
    }[key]


def missing_label(identifier: str) -> str:
    if identifier == CONSUMPTION_TOTAL:
        return _("total final consumption in 2012")
    return f"{identifier_label(identifier)} ({identifier})"


def missing_text(reference: Reference) -> str:
    """Why the reference is incomplete or absent, in one or two sentences; "" when complete."""
    if not reference.missing:
        return ""
    names = ", ".join(missing_label(i) for i in reference.missing)
    inventory = reference.inventory
    if reference.kind is None and inventory is not None:
        return _(
            "No reference: the 2015 inventory has {emissions} of the {emission_rows} emission "
            "sectors and {consumption} of the {consumption_rows} consumption sectors; at least "
            "{min_emissions} and {min_consumption} are needed. Missing: {names}."
        ).format(
            emissions=inventory.emission_rows,
            emission_rows=len(EMISSION_ROWS),
            consumption=inventory.consumption_rows,
            consumption_rows=len(CONSUMPTION_ROWS),
            min_emissions=MIN_EMISSION_ROWS,
            min_consumption=MIN_CONSUMPTION_ROWS,
            names=names,
        )
    return ngettext(
        "Without a value in the inventory: {names}.",
        "Without values in the inventory: {names}.",
        len(reference.missing),
    ).format(names=names)
