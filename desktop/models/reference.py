"""Regulatory reference lists of the PCAET (arrêté of 4 August 2016, article R229-51).

Codes only: the words users read are in ``desktop.labels`` through the catalogs.
"""

from __future__ import annotations

from typing import Final

from .enums import IndicatorCategory

# The 8 sectors of the arrêté of 4 August 2016 relating to the PCAET.
SECTORS: Final = (
    "residential",
    "tertiary",
    "road_transport",
    "other_transport",
    "agriculture",
    "waste",
    "industry_excl_energy",
    "energy_industry",
)

# Air pollutants the PCAET diagnostic covers.
POLLUTANTS: Final = ("nox", "pm10", "pm2_5", "cov", "so2", "nh3")

# Renewable filières of article R229-51: electricity, heat, gas and fuels.
RENEWABLE_ELECTRICITY: Final = (
    "elec_onshore_wind",
    "elec_solar_pv",
    "elec_solar_thermodynamic",
    "elec_hydro",
    "elec_solid_biomass",
    "elec_biogas",
    "elec_geothermal",
)
RENEWABLE_HEAT: Final = (
    "heat_solid_biomass",
    "heat_pumps",
    "heat_geothermal",
    "heat_solar_thermal",
    "heat_biogas",
)
RENEWABLE_OTHER: Final = ("biomethane", "biofuels")
RENEWABLE_FILIERES: Final = RENEWABLE_ELECTRICITY + RENEWABLE_HEAT + RENEWABLE_OTHER

# Carbon sequestration reservoirs and flows.
SEQUESTRATION: Final = ("agricultural_soils", "forest", "land_use_change")

DEFAULT_TARGET_HORIZONS: Final = (2021, 2026, 2030, 2050)

DIMENSIONS_BY_CATEGORY: Final[dict[IndicatorCategory, tuple[str, ...]]] = {
    IndicatorCategory.GHG_EMISSIONS: SECTORS,
    IndicatorCategory.ENERGY_CONSUMPTION: SECTORS,
    IndicatorCategory.AIR_POLLUTANTS: POLLUTANTS + SECTORS,
    IndicatorCategory.RENEWABLE_PRODUCTION: RENEWABLE_FILIERES,
    IndicatorCategory.CARBON_SEQUESTRATION: SEQUESTRATION,
    IndicatorCategory.OTHER: (),
}

ALL_DIMENSIONS: Final = frozenset(SECTORS + POLLUTANTS + RENEWABLE_FILIERES + SEQUESTRATION)
