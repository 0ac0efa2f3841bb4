"""Words the charts print for stored codes (statuses, sectors, filières), translated at use.
The same English source strings as the reports, so the catalogs hold them once."""

from __future__ import annotations

from ..i18n import N_, _
from ..models import ActionStatus
from ..services.progress_history import Stage
from ..services.trajectory import TrackStatus

_WORDS: dict[str, str] = {
    ActionStatus.TO_COME: N_("To come"),
    ActionStatus.TO_DISCUSS: N_("To discuss"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.LATE: N_("Late"),
    ActionStatus.PAUSED: N_("Paused"),
    ActionStatus.BLOCKED: N_("Blocked"),
    ActionStatus.ABANDONED: N_("Abandoned"),
    TrackStatus.ON_TRACK: N_("On track"),
    TrackStatus.SLIGHTLY_BEHIND: N_("Slightly behind"),
    TrackStatus.OFF_TRACK: N_("Off track"),
    TrackStatus.UNKNOWN: N_("Not assessed"),
    # sectors of the arrêté of 4 August 2016
    "residential": N_("Residential"),
    "tertiary": N_("Tertiary"),
    "road_transport": N_("Road transport"),
    "other_transport": N_("Other transport"),
    "agriculture": N_("Agriculture"),
    "waste": N_("Waste"),
    "industry_excl_energy": N_("Industry (excluding energy)"),
    "energy_industry": N_("Energy industry"),
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


def word(code: str) -> str:
    text = _WORDS.get(code)
    return _(text) if text is not None else code.replace("_", " ")


def stage(value: Stage) -> str:
    return _(_STAGES[value])


def no_section() -> str:
    return _("No section")


def shorten(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
