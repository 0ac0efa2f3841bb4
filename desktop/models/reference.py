"""Regulatory reference lists of the PCAET (arrêté of 4 August 2016, article R229-51).

Codes only: the words users read are in ``desktop.labels`` through the catalogs.
"""

from __future__ import annotations

from datetime import date
from typing import Final, NamedTuple

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


# The national low-carbon strategies (SNBC) adopted by decree, with their carbon budgets
# (periods of years). A plan's regulatory horizons follow the one in force when it was adopted
# (R229-51): the median years of its two furthest budgets, plus 2030 and 2050. A later SNBC is
# one more entry here.
class CarbonStrategy(NamedTuple):
    name: str
    decree: str
    in_force: date  # the day after its publication in the Journal officiel
    budgets: tuple[tuple[int, int], ...]


CARBON_STRATEGIES: Final = (
    CarbonStrategy(
        "SNBC-1", "2015-1491", date(2015, 11, 20), ((2015, 2018), (2019, 2023), (2024, 2028))
    ),
    CarbonStrategy(
        "SNBC-2", "2020-457", date(2020, 4, 24), ((2019, 2023), (2024, 2028), (2029, 2033))
    ),
)
# Horizons of R229-51 beside the carbon budgets' median years.
FIXED_HORIZONS: Final = (2030, 2050)

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
