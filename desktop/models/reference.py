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
    # Beyond R229-51's list, as TeT counts them.
    "elec_marine",
    "elec_waste_incineration",
)
RENEWABLE_HEAT: Final = (
    "heat_solid_biomass",
    "heat_pumps",
    "heat_geothermal",
    "heat_solar_thermal",
    "heat_biogas",
    "heat_waste_incineration",
    "heat_other",
)
RENEWABLE_OTHER: Final = ("biomethane", "biofuels")
RENEWABLE_FILIERES: Final = RENEWABLE_ELECTRICITY + RENEWABLE_HEAT + RENEWABLE_OTHER

# Carbon sequestration reservoirs and flows.
SEQUESTRATION: Final = (
    "agricultural_soils",
    "forest",
    "other_soils",
    "wood_products",
    "land_use_change",
)

# Energy carriers of the consumption (R229-51): another split of the same total as the sectors.
CARRIERS: Final = (
    "carrier_electricity",
    "carrier_gas",
    "carrier_oil",
    "carrier_wood",
    "carrier_heat_networks",
    "carrier_solid_fuels",
    "carrier_other",
)
# Heat networks, recovered heat and storage (R229-51 domains without a part of a total).
NETWORKS_AND_STORAGE: Final = ("heat_networks", "recovered_heat", "storage")

DEFAULT_TARGET_HORIZONS: Final = (2021, 2026, 2030, 2050)

DIMENSIONS_BY_CATEGORY: Final[dict[IndicatorCategory, tuple[str, ...]]] = {
    IndicatorCategory.GHG_EMISSIONS: SECTORS,
    IndicatorCategory.ENERGY_CONSUMPTION: SECTORS,
    IndicatorCategory.AIR_POLLUTANTS: POLLUTANTS + SECTORS,
    IndicatorCategory.RENEWABLE_PRODUCTION: RENEWABLE_FILIERES,
    IndicatorCategory.CARBON_SEQUESTRATION: SEQUESTRATION,
    IndicatorCategory.OTHER: (),
}

ALL_DIMENSIONS: Final = frozenset(
    SECTORS + POLLUTANTS + RENEWABLE_FILIERES + SEQUESTRATION + CARRIERS + NETWORKS_AND_STORAGE
)
