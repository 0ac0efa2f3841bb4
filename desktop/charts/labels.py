"""Words the charts print for stored codes (statuses, sectors, filières), translated at use.
The same English source strings as the reports, so the catalogs hold them once."""

from __future__ import annotations

from .. import labels
from ..i18n import N_, _
from ..models import ActionStatus
from ..models.reference import SECTORS
from ..services.progress_history import Stage
from ..services.trajectory import TrackStatus

# Statuses and sectors print as everywhere else (desktop.labels); the filières get shorter
# names here because they stand in legends beside small swatches.
_WORDS: dict[str, str] = {
    TrackStatus.ON_TRACK: N_("On track"),
    TrackStatus.SLIGHTLY_BEHIND: N_("Slightly behind"),
    TrackStatus.OFF_TRACK: N_("Off track"),
    TrackStatus.UNKNOWN: N_("Not assessed"),
    # renewable filières
    "elec_onshore_wind": N_("Onshore wind"),
    "elec_solar_pv": N_("Solar photovoltaic"),
    "elec_solar_thermodynamic": N_("Thermodynamic solar"),
    "elec_hydro": N_("Hydropower"),
    "elec_solid_biomass": N_("Biomass electricity"),
    "elec_biogas": N_("Biogas electricity"),
    "elec_geothermal": N_("Geothermal electricity"),
    "heat_solid_biomass": N_("Biomass heat"),
    "heat_pumps": N_("Heat pumps"),
    "heat_geothermal": N_("Geothermal heat"),
    "heat_solar_thermal": N_("Solar thermal"),
    "heat_biogas": N_("Biogas heat"),
    "biomethane": N_("Biomethane"),
    "biofuels": N_("Biofuels"),
    "": N_("Total"),
}

_STAGES: dict[Stage, str] = {
    Stage.DONE: N_("Done"),
    Stage.IN_PROGRESS: N_("In progress"),
    Stage.TO_COME: N_("To come"),
}


SECTOR_CODES = frozenset(SECTORS)
_STATUSES = {status.value: status for status in ActionStatus}


def word(code: str) -> str:
    text = _WORDS.get(code)
    if text is not None:
        return _(text)
    if code in _STATUSES:
        return labels.label(_STATUSES[code])
    if code in SECTOR_CODES:
        return labels.dimension_label(code)
    return code.replace("_", " ")


def stage(value: Stage) -> str:
    return _(_STAGES[value])


def no_section() -> str:
    return _("No section")


def shorten(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
