"""English and Dutch titles of the referential's indicators, translated by hand.

The French titles are Territoires en Transitions' own (read from its definitions by
``desktop.tools.referential``); the indicators TeT lacks and the R229-51 domains need are
defined here in the three languages. Keep the English close to the French: officers compare
the two in cross-border committees.
"""

from __future__ import annotations

from typing import Any, Final

# identifier -> (English, Dutch)
TITLES: Final[dict[str, tuple[str, str]]] = {
    "cae_1.a": ("Greenhouse gas emissions", "Uitstoot van broeikasgassen"),
    "cae_1.c": ("Greenhouse gas emissions - residential", "Uitstoot van broeikasgassen - wonen"),
    "cae_1.ca": (
        "Greenhouse gas emissions - residential - heating / single-family houses",
        "Uitstoot van broeikasgassen - wonen - verwarming / eengezinswoningen",
    ),
    "cae_1.cb": (
        "Greenhouse gas emissions - residential - heating / multi-family housing",
        "Uitstoot van broeikasgassen - wonen - verwarming / meergezinswoningen",
    ),
    "cae_1.cc": (
        "Greenhouse gas emissions - residential - other uses",
        "Uitstoot van broeikasgassen - wonen - overig gebruik",
    ),
    "cae_1.d": (
        "Greenhouse gas emissions - tertiary",
        "Uitstoot van broeikasgassen - tertiaire sector",
    ),
    "cae_1.da": (
        "Greenhouse gas emissions - tertiary - heating",
        "Uitstoot van broeikasgassen - tertiaire sector - verwarming",
    ),
    "cae_1.db": (
        "Greenhouse gas emissions - tertiary - other uses",
        "Uitstoot van broeikasgassen - tertiaire sector - overig gebruik",
    ),
    "cae_1.e": (
        "Greenhouse gas emissions - road transport",
        "Uitstoot van broeikasgassen - wegvervoer",
    ),
    "cae_1.ea": (
        "Greenhouse gas emissions - road transport - local mobility",
        "Uitstoot van broeikasgassen - wegvervoer - lokale mobiliteit",
    ),
    "cae_1.eb": (
        "Greenhouse gas emissions - road transport - other",
        "Uitstoot van broeikasgassen - wegvervoer - overig",
    ),
    "cae_1.f": (
        'Greenhouse gas emissions - "other transport"',
        'Uitstoot van broeikasgassen - "overig vervoer"',
    ),
    "cae_1.g": ("Greenhouse gas emissions - agriculture", "Uitstoot van broeikasgassen - landbouw"),
    "cae_1.ga": (
        "Greenhouse gas emissions - agriculture - energy",
        "Uitstoot van broeikasgassen - landbouw - energie",
    ),
    "cae_1.gb": (
        "Greenhouse gas emissions - agriculture - livestock",
        "Uitstoot van broeikasgassen - landbouw - veeteelt",
    ),
    "cae_1.gc": (
        "Greenhouse gas emissions - agriculture - crop practices",
        "Uitstoot van broeikasgassen - landbouw - teeltpraktijken",
    ),
    "cae_1.h": ("Greenhouse gas emissions - waste", "Uitstoot van broeikasgassen - afval"),
    "cae_1.i": (
        "Greenhouse gas emissions - industry excluding energy branch",
        "Uitstoot van broeikasgassen - industrie exclusief energiesector",
    ),
    "cae_1.ia": (
        "Greenhouse gas emissions - industry - primary metals",
        "Uitstoot van broeikasgassen - industrie - primaire metalen",
    ),
    "cae_1.ib": (
        "Greenhouse gas emissions - industry - chemicals",
        "Uitstoot van broeikasgassen - industrie - chemie",
    ),
    "cae_1.ic": (
        "Greenhouse gas emissions - industry - non-metallic minerals",
        "Uitstoot van broeikasgassen - industrie - niet-metaalhoudende mineralen",
    ),
    "cae_1.id": (
        "Greenhouse gas emissions - industry - agri-food industries",
        "Uitstoot van broeikasgassen - industrie - voedingsindustrie",
    ),
    "cae_1.ie": (
        "Greenhouse gas emissions - industry - equipment",
        "Uitstoot van broeikasgassen - industrie - uitrusting",
    ),
    "cae_1.if": (
        "Greenhouse gas emissions - industry - paper and board",
        "Uitstoot van broeikasgassen - industrie - papier en karton",
    ),
    "cae_1.ig": (
        "Greenhouse gas emissions - industry - other industries",
        "Uitstoot van broeikasgassen - industrie - overige industrie",
    ),
    "cae_1.j": (
        "Greenhouse gas emissions - energy branch",
        "Uitstoot van broeikasgassen - energiesector",
    ),
    "cae_1.k": ("Greenhouse gas emissions - transport", "Uitstoot van broeikasgassen - vervoer"),
    "cae_1.l": (
        "Greenhouse gas emissions - total industry",
        "Uitstoot van broeikasgassen - totale industrie",
    ),
    "cae_2.a": ("Final energy consumption", "Finaal energieverbruik"),
    "cae_2.c": (
        "Energy consumption - heating/cooling networks",
        "Energieverbruik - warmte-/koudenetten",
    ),
    "cae_2.d": ("Energy consumption - electricity", "Energieverbruik - elektriciteit"),
    "cae_2.e": ("Energy consumption - residential", "Energieverbruik - wonen"),
    "cae_2.ea": (
        "Energy consumption - residential - heating / single-family houses",
        "Energieverbruik - wonen - verwarming / eengezinswoningen",
    ),
    "cae_2.eb": (
        "Energy consumption - residential - heating / multi-family housing",
        "Energieverbruik - wonen - verwarming / meergezinswoningen",
    ),
    "cae_2.ec": (
        "Energy consumption - residential - other uses",
        "Energieverbruik - wonen - overig gebruik",
    ),
    "cae_2.f": ("Energy consumption - tertiary", "Energieverbruik - tertiaire sector"),
    "cae_2.fa": (
        "Energy consumption - tertiary - heating",
        "Energieverbruik - tertiaire sector - verwarming",
    ),
    "cae_2.fb": (
        "Energy consumption - tertiary - other uses",
        "Energieverbruik - tertiaire sector - overig gebruik",
    ),
    "cae_2.g": ("Energy consumption - road transport", "Energieverbruik - wegvervoer"),
    "cae_2.h": ('Energy consumption - "other transport"', 'Energieverbruik - "overig vervoer"'),
    "cae_2.i": ("Energy consumption - agriculture", "Energieverbruik - landbouw"),
    "cae_2.j": ("Energy consumption - waste", "Energieverbruik - afval"),
    "cae_2.k": (
        "Energy consumption - industry excluding energy branch",
        "Energieverbruik - industrie exclusief energiesector",
    ),
    "cae_2.ka": (
        "Energy consumption - industry - primary metals",
        "Energieverbruik - industrie - primaire metalen",
    ),
    "cae_2.kb": (
        "Energy consumption - industry - chemicals",
        "Energieverbruik - industrie - chemie",
    ),
    "cae_2.kc": (
        "Energy consumption - industry - non-metallic minerals",
        "Energieverbruik - industrie - niet-metaalhoudende mineralen",
    ),
    "cae_2.kd": (
        "Energy consumption - industry - agri-food industries",
        "Energieverbruik - industrie - voedingsindustrie",
    ),
    "cae_2.ke": (
        "Energy consumption - industry - equipment",
        "Energieverbruik - industrie - uitrusting",
    ),
    "cae_2.kf": (
        "Energy consumption - industry - paper and board",
        "Energieverbruik - industrie - papier en karton",
    ),
    "cae_2.kg": (
        "Energy consumption - industry - other industries",
        "Energieverbruik - industrie - overige industrie",
    ),
    "cae_2.l_pcaet": ("Energy consumption - energy branch", "Energieverbruik - energiesector"),
    "cae_2.m": ("Energy consumption - transport", "Energieverbruik - vervoer"),
    "cae_2.n": ("Energy consumption - gas", "Energieverbruik - gas"),
    "cae_2.p": ("Energy consumption - solid fuels", "Energieverbruik - vaste brandstoffen"),
    "cae_2.r": ("Energy consumption - other carriers", "Energieverbruik - overige energiedragers"),
    "cae_22": (
        "Share of renewable and recovered energy in heat networks",
        "Aandeel hernieuwbare en teruggewonnen energie in warmtenetten",
    ),
    "cae_24.a": ("Renewable heat/cold production", "Productie van hernieuwbare warmte/koude"),
    "cae_25.a": (
        "Renewable electricity production - territory",
        "Productie van hernieuwbare elektriciteit - grondgebied",
    ),
    "cae_3.a": (
        "Renewable energy production of the territory",
        "Productie van hernieuwbare energie op het grondgebied",
    ),
    "cae_3.aa": (
        "Renewable energy production - electricity - anaerobic digestion",
        "Productie van hernieuwbare energie - elektriciteit - vergisting",
    ),
    "cae_3.ab": (
        "Renewable energy production - electricity - solid biomass",
        "Productie van hernieuwbare energie - elektriciteit - vaste biomassa",
    ),
    "cae_3.ac": (
        "Renewable energy production - electricity - solar photovoltaic",
        "Productie van hernieuwbare energie - elektriciteit - fotovoltaïsche zonne-energie",
    ),
    "cae_3.ad": (
        "Renewable energy production - electricity - onshore wind",
        "Productie van hernieuwbare energie - elektriciteit - windenergie op land",
    ),
    "cae_3.ae": (
        "Renewable energy production - electricity - waste incineration",
        "Productie van hernieuwbare energie - elektriciteit - afvalverbranding",
    ),
    "cae_3.af": (
        "Renewable energy production - heat - anaerobic digestion",
        "Productie van hernieuwbare energie - warmte - vergisting",
    ),
    "cae_3.ag": (
        "Renewable energy production - heat - solid biomass",
        "Productie van hernieuwbare energie - warmte - vaste biomassa",
    ),
    "cae_3.ah": (
        "Renewable energy production - heat - collective and industrial wood boilers",
        "Productie van hernieuwbare energie - warmte - collectieve en industriële houtketels",
    ),
    "cae_3.ai": (
        "Renewable energy production - heat - domestic wood",
        "Productie van hernieuwbare energie - warmte - huishoudelijk hout",
    ),
    "cae_3.aj": (
        "Renewable energy production - heat - solar thermal",
        "Productie van hernieuwbare energie - warmte - thermische zonne-energie",
    ),
    "cae_3.ak": (
        "Renewable energy production - heat - deep geothermal",
        "Productie van hernieuwbare energie - warmte - diepe geothermie",
    ),
    "cae_3.al": (
        "Renewable energy production - heat - shallow geothermal and aerothermal (heat pumps)",
        "Productie van hernieuwbare energie - warmte - ondiepe geothermie en aerothermie "
        "(warmtepompen)",
    ),
    "cae_3.am": (
        "Renewable energy production - heat - shallow geothermal (heat pumps)",
        "Productie van hernieuwbare energie - warmte - ondiepe geothermie (warmtepompen)",
    ),
    "cae_3.an": (
        "Renewable energy production - heat - aerothermal (heat pumps)",
        "Productie van hernieuwbare energie - warmte - aerothermie (warmtepompen)",
    ),
    "cae_3.ao": (
        "Renewable energy production - heat - waste incineration",
        "Productie van hernieuwbare energie - warmte - afvalverbranding",
    ),
    "cae_3.ap": (
        "Renewable energy production - heat - other sources",
        "Productie van hernieuwbare energie - warmte - overige bronnen",
    ),
    "cae_3.aq": (
        "Renewable energy production - electricity - tidal stream",
        "Productie van hernieuwbare energie - elektriciteit - getijdenstroming",
    ),
    "cae_3.c": (
        "Renewable energy production - gas - anaerobic digestion",
        "Productie van hernieuwbare energie - gas - vergisting",
    ),
    "cae_63.a": (
        "Net CO2 sequestration in soils and forest",
        "Netto CO2-vastlegging in bodems en bossen",
    ),
    "cae_63.b": ("CO2 sequestration in forest", "CO2-vastlegging in bossen"),
    "cae_63.c": (
        "CO2 sequestration in farmland and grassland",
        "CO2-vastlegging in landbouwgrond en grasland",
    ),
    "cae_63.ca": ("CO2 sequestration in crops", "CO2-vastlegging in akkerbouw"),
    "cae_63.cb": ("CO2 sequestration in grassland", "CO2-vastlegging in grasland"),
    "cae_63.cc": ("CO2 sequestration in vineyards", "CO2-vastlegging in wijngaarden"),
    "cae_63.cd": ("CO2 sequestration in orchards", "CO2-vastlegging in boomgaarden"),
    "cae_63.d": ("CO2 sequestration in other soils", "CO2-vastlegging in overige bodems"),
    "cae_63.da": ("CO2 sequestration in wetlands", "CO2-vastlegging in wetlands"),
    "cae_63.db": ("CO2 sequestration in artificial soils", "CO2-vastlegging in kunstmatige bodems"),
    "cae_63.e": ("CO2 sequestration in wood products", "CO2-vastlegging in houtproducten"),
    "crte_3.2": (
        "Annual hydroelectric (or hydraulic) energy production of the territory",
        "Jaarlijkse productie van waterkracht op het grondgebied",
    ),
    "emission_polluants_atmo": (
        "Air pollutant emissions",
        "Uitstoot van luchtverontreinigende stoffen",
    ),
    "chaleur": (
        "Heat delivered by heat networks",
        "Door warmtenetten geleverde warmte",
    ),
    "froid": ("Cold delivered by cooling networks", "Door koudenetten geleverde koude"),
    "cae_4.a": ("NOx emissions", "Uitstoot van NOx"),
    "cae_4.a1": (
        "NOx emissions - Residential and tertiary",
        "Uitstoot van NOx - Wonen en tertiaire sector",
    ),
    "cae_4.a2": (
        "NOx emissions - Industry, energy branch and waste",
        "Uitstoot van NOx - Industrie, energiesector en afval",
    ),
    "cae_4.aa": ("NOx emissions - Residential", "Uitstoot van NOx - Wonen"),
    "cae_4.ab": ("NOx emissions - Tertiary", "Uitstoot van NOx - Tertiaire sector"),
    "cae_4.ac": ("NOx emissions - Agriculture", "Uitstoot van NOx - Landbouw"),
    "cae_4.ad": ("NOx emissions - Waste", "Uitstoot van NOx - Afval"),
    "cae_4.ae": (
        "NOx emissions - Industry excluding energy branch",
        "Uitstoot van NOx - Industrie exclusief energiesector",
    ),
    "cae_4.af": ("NOx emissions - Energy branch", "Uitstoot van NOx - Energiesector"),
    "cae_4.ag": ("NOx emissions - Road transport", "Uitstoot van NOx - Wegvervoer"),
    "cae_4.ah": ("NOx emissions - Other transport", "Uitstoot van NOx - Overig vervoer"),
    "cae_4.ai": ("NOx emissions - Construction sites", "Uitstoot van NOx - Bouwplaatsen"),
    "cae_4.b": ("PM10 emissions", "Uitstoot van PM10"),
    "cae_4.b1": (
        "PM10 emissions - Residential and tertiary",
        "Uitstoot van PM10 - Wonen en tertiaire sector",
    ),
    "cae_4.b2": (
        "PM10 emissions - Industry, energy branch and waste",
        "Uitstoot van PM10 - Industrie, energiesector en afval",
    ),
    "cae_4.ba": ("PM10 emissions - Residential", "Uitstoot van PM10 - Wonen"),
    "cae_4.bb": ("PM10 emissions - Tertiary", "Uitstoot van PM10 - Tertiaire sector"),
    "cae_4.bc": ("PM10 emissions - Agriculture", "Uitstoot van PM10 - Landbouw"),
    "cae_4.bd": ("PM10 emissions - Waste", "Uitstoot van PM10 - Afval"),
    "cae_4.be": (
        "PM10 emissions - Industry excluding energy branch",
        "Uitstoot van PM10 - Industrie exclusief energiesector",
    ),
    "cae_4.bf": ("PM10 emissions - Energy branch", "Uitstoot van PM10 - Energiesector"),
    "cae_4.bg": ("PM10 emissions - Road transport", "Uitstoot van PM10 - Wegvervoer"),
    "cae_4.bh": ("PM10 emissions - Other transport", "Uitstoot van PM10 - Overig vervoer"),
    "cae_4.bi": ("PM10 emissions - Construction sites", "Uitstoot van PM10 - Bouwplaatsen"),
    "cae_4.c": ("PM2.5 emissions", "Uitstoot van PM2,5"),
    "cae_4.c1": (
        "PM2.5 emissions - Residential and tertiary",
        "Uitstoot van PM2,5 - Wonen en tertiaire sector",
    ),
    "cae_4.c2": (
        "PM2.5 emissions - Industry, energy branch and waste",
        "Uitstoot van PM2,5 - Industrie, energiesector en afval",
    ),
    "cae_4.ca": ("PM2.5 emissions - Residential", "Uitstoot van PM2,5 - Wonen"),
    "cae_4.cb": ("PM2.5 emissions - Tertiary", "Uitstoot van PM2,5 - Tertiaire sector"),
    "cae_4.cc": ("PM2.5 emissions - Agriculture", "Uitstoot van PM2,5 - Landbouw"),
    "cae_4.cd": ("PM2.5 emissions - Waste", "Uitstoot van PM2,5 - Afval"),
    "cae_4.ce": (
        "PM2.5 emissions - Industry excluding energy branch",
        "Uitstoot van PM2,5 - Industrie exclusief energiesector",
    ),
    "cae_4.cf": ("PM2.5 emissions - Energy branch", "Uitstoot van PM2,5 - Energiesector"),
    "cae_4.cg": ("PM2.5 emissions - Road transport", "Uitstoot van PM2,5 - Wegvervoer"),
    "cae_4.ch": ("PM2.5 emissions - Other transport", "Uitstoot van PM2,5 - Overig vervoer"),
    "cae_4.ci": ("PM2.5 emissions - Construction sites", "Uitstoot van PM2,5 - Bouwplaatsen"),
    "cae_4.d": ("VOC emissions", "Uitstoot van VOS"),
    "cae_4.d1": (
        "VOC emissions - Residential and tertiary",
        "Uitstoot van VOS - Wonen en tertiaire sector",
    ),
    "cae_4.d2": (
        "VOC emissions - Industry, energy branch and waste",
        "Uitstoot van VOS - Industrie, energiesector en afval",
    ),
    "cae_4.da": ("VOC emissions - Residential", "Uitstoot van VOS - Wonen"),
    "cae_4.db": ("VOC emissions - Tertiary", "Uitstoot van VOS - Tertiaire sector"),
    "cae_4.dc": ("VOC emissions - Agriculture", "Uitstoot van VOS - Landbouw"),
    "cae_4.dd": ("VOC emissions - Waste", "Uitstoot van VOS - Afval"),
    "cae_4.de": (
        "VOC emissions - Industry excluding energy branch",
        "Uitstoot van VOS - Industrie exclusief energiesector",
    ),
    "cae_4.df": ("VOC emissions - Energy branch", "Uitstoot van VOS - Energiesector"),
    "cae_4.dg": ("VOC emissions - Road transport", "Uitstoot van VOS - Wegvervoer"),
    "cae_4.dh": ("VOC emissions - Other transport", "Uitstoot van VOS - Overig vervoer"),
    "cae_4.di": ("VOC emissions - Construction sites", "Uitstoot van VOS - Bouwplaatsen"),
    "cae_4.e": ("SO2 emissions", "Uitstoot van SO2"),
    "cae_4.e1": (
        "SO2 emissions - Residential and tertiary",
        "Uitstoot van SO2 - Wonen en tertiaire sector",
    ),
    "cae_4.e2": (
        "SO2 emissions - Industry, energy branch and waste",
        "Uitstoot van SO2 - Industrie, energiesector en afval",
    ),
    "cae_4.ea": ("SO2 emissions - Residential", "Uitstoot van SO2 - Wonen"),
    "cae_4.eb": ("SO2 emissions - Tertiary", "Uitstoot van SO2 - Tertiaire sector"),
    "cae_4.ec": ("SO2 emissions - Agriculture", "Uitstoot van SO2 - Landbouw"),
    "cae_4.ed": ("SO2 emissions - Waste", "Uitstoot van SO2 - Afval"),
    "cae_4.ee": (
        "SO2 emissions - Industry excluding energy branch",
        "Uitstoot van SO2 - Industrie exclusief energiesector",
    ),
    "cae_4.ef": ("SO2 emissions - Energy branch", "Uitstoot van SO2 - Energiesector"),
    "cae_4.eg": ("SO2 emissions - Road transport", "Uitstoot van SO2 - Wegvervoer"),
    "cae_4.eh": ("SO2 emissions - Other transport", "Uitstoot van SO2 - Overig vervoer"),
    "cae_4.ei": ("SO2 emissions - Construction sites", "Uitstoot van SO2 - Bouwplaatsen"),
    "cae_4.f": ("NH3 emissions", "Uitstoot van NH3"),
    "cae_4.f1": (
        "NH3 emissions - Residential and tertiary",
        "Uitstoot van NH3 - Wonen en tertiaire sector",
    ),
    "cae_4.f2": (
        "NH3 emissions - Industry, energy branch and waste",
        "Uitstoot van NH3 - Industrie, energiesector en afval",
    ),
    "cae_4.fa": ("NH3 emissions - Residential", "Uitstoot van NH3 - Wonen"),
    "cae_4.fb": ("NH3 emissions - Tertiary", "Uitstoot van NH3 - Tertiaire sector"),
    "cae_4.fc": ("NH3 emissions - Agriculture", "Uitstoot van NH3 - Landbouw"),
    "cae_4.fd": ("NH3 emissions - Waste", "Uitstoot van NH3 - Afval"),
    "cae_4.fe": (
        "NH3 emissions - Industry excluding energy branch",
        "Uitstoot van NH3 - Industrie exclusief energiesector",
    ),
    "cae_4.ff": ("NH3 emissions - Energy branch", "Uitstoot van NH3 - Energiesector"),
    "cae_4.fg": ("NH3 emissions - Road transport", "Uitstoot van NH3 - Wegvervoer"),
    "cae_4.fh": ("NH3 emissions - Other transport", "Uitstoot van NH3 - Overig vervoer"),
    "cae_4.fi": ("NH3 emissions - Construction sites", "Uitstoot van NH3 - Bouwplaatsen"),
}

# The R229-51 items TeT has no indicator for: energy carriers it lacks (oil products, wood),
# renewable and recovered heat delivered by heat networks, recovered heat, storage. Identifiers
# start with "pcaet_" so they never collide with TeT's.
ADDITIONS: Final[tuple[dict[str, Any], ...]] = (
    {
        "identifier": "pcaet_2.oil",
        "title": {
            "fr": "Consommation énergétique - produits pétroliers",
            "en": "Energy consumption - oil products",
            "nl": "Energieverbruik - aardolieproducten",
        },
        "unit": "GWh",
        "parents": ["cae_2.a"],
        "formula": "",
        "category": "energy_consumption",
        "dimension": "carrier_oil",
        "direction": "lower_is_better",
    },
    {
        "identifier": "pcaet_2.wood",
        "title": {
            "fr": "Consommation énergétique - bois-énergie",
            "en": "Energy consumption - wood energy",
            "nl": "Energieverbruik - houtenergie",
        },
        "unit": "GWh",
        "parents": ["cae_2.a"],
        "formula": "",
        "category": "energy_consumption",
        "dimension": "carrier_wood",
        "direction": "lower_is_better",
    },
    {
        "identifier": "pcaet_hn.renewable",
        "title": {
            "fr": "Chaleur renouvelable et de récupération livrée par les réseaux de chaleur",
            "en": "Renewable and recovered heat delivered by heat networks",
            "nl": "Door warmtenetten geleverde hernieuwbare en teruggewonnen warmte",
        },
        "unit": "MWh",
        "parents": ["chaleur"],
        "formula": "",
        "category": "renewable_production",
        "dimension": "heat_networks",
        "direction": "higher_is_better",
    },
    {
        "identifier": "pcaet_3.recovered_heat",
        "title": {
            "fr": "Chaleur de récupération valorisée",
            "en": "Recovered heat put to use",
            "nl": "Benutte restwarmte",
        },
        "unit": "MWh",
        "parents": [],
        "formula": "",
        "category": "renewable_production",
        "dimension": "recovered_heat",
        "direction": "higher_is_better",
    },
    {
        "identifier": "pcaet_3.storage",
        "title": {
            "fr": "Capacité de stockage d'énergie",
            "en": "Energy storage capacity",
            "nl": "Energieopslagcapaciteit",
        },
        "unit": "MWh",
        "parents": [],
        "formula": "",
        "category": "other",
        "dimension": "storage",
        "direction": "higher_is_better",
    },
)
