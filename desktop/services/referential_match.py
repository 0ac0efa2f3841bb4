"""Which referential indicator a file means: by identifier, by title, by the usual words.

Partner and observatory files name indicators their own way: "cae_1.c", "1c" (TeT's short
numbers, as in its EMT import file), "Emissions de gaz à effet de serre du résidentiel",
"GES - Résidentiel (kteqCO2)", "Conso. énergie finale tertiaire", "NOx agriculture",
"Production EnR - éolien". An import asks ``ReferentialIndex.match`` before it creates
anything; a new indicator is the last resort.

The words are read as a measure (GHG, consumption, renewable production, a pollutant,
sequestration) and a facet (a sector, an energy carrier, a filière, a reservoir); the pair
names one identifier. Nothing is guessed beyond that table: a name that reads as two facets,
or as none where one is needed, is not matched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ..text import fold, normalise_name
from ..units import Unit, conversion_factor, parse_unit

_STOP = frozenset(
    "a au aux d de des du en et l la le les par pour sur dans the of and for annuel annuelle "
    "annuelles annuels globale global globales territoire territorial secteur secteurs "
    "sector sectors total totale totales all".split()
)

# measure -> patterns (on folded text, stop words kept) that say it; first match wins, so the
# more specific come first (sequestration before "CO2" emissions).
_MEASURES: Final[tuple[tuple[str, str], ...]] = (
    (
        "sequestration",
        r"sequestration|stockage de carbone|stock de carbone|puits de carbone|"
        r"absorption",
    ),
    ("nox", r"\bnox\b|oxydes? d.?azote|nitrogen oxides?"),
    ("pm10", r"\bpm ?10\b"),
    ("pm25", r"\bpm ?2[ .,]?5\b"),
    ("cov", r"\bcovnm\b|\bcov\b|\bnmvoc\b|\bvoc\b|composes organiques volatils"),
    ("so2", r"\bso2\b|dioxyde de soufre|sulphur dioxide|sulfur dioxide"),
    ("nh3", r"\bnh3\b|ammoniac|ammonia"),
    ("production", r"production|renouvelable|\benr\b|renewable|productie"),
    ("consumption", r"consommation|\bconso\b|consumption|energieverbruik|verbruik"),
    ("ghg", r"gaz a effet de serre|\bges\b|greenhouse|broeikas|\bco2\b|\bco2e\b|\bteqco2\b"),
)

# facet -> patterns; several facets may read in one name, the table below decides.
_FACETS: Final[tuple[tuple[str, str], ...]] = (
    (
        "energy_branch",
        r"branche energie|industrie de l.?energie|industrie energie|"
        r"energy (branch|industry)|production (et distribution )?d.?energie|"
        r"transformation d.?energie|l_pcaet",
    ),
    ("industry", r"industrie|industry|industriel"),
    ("residential", r"residentiel|logements?|residential|wonen|huishoudens"),
    ("tertiary", r"tertiaire|tertiary|services"),
    ("road", r"routier|road|wegvervoer"),
    (
        "other_transport",
        r"autres? transports?|transports? non routiers?|other transport|"
        r"ferroviaire|fluvial|maritime|aerien",
    ),
    ("transport", r"transports?|mobilite"),
    ("agriculture", r"agricult|agricole|landbouw"),
    ("waste", r"dechets|waste|afval"),
    # carriers of the consumption
    ("electricity", r"electricite|electrique|electricity|elektriciteit"),
    ("gas", r"\bgaz\b|\bgas\b|gaz naturel"),
    ("oil", r"petrol|fioul|fuel|\bgpl\b|carburant|oil"),
    ("wood", r"\bbois\b|biomasse|wood"),
    (
        "heat_network",
        r"reseaux? de chaleur|reseaux? de froid|chaleur et froid issus|"
        r"chaleur/rafraichissement|rafraichissement|heat networks?",
    ),
    ("solid_fuel", r"charbon|combustibles? (mineraux )?solides?|\bcms\b|coal"),
    # filières of the production
    ("wind", r"eolien|wind"),
    ("pv", r"photovolta|\bpv\b"),
    ("solar_thermal", r"solaire thermique|solar thermal"),
    ("hydro", r"hydraulique|hydroelectri|hydro"),
    ("tidal", r"hydrolien|tidal"),
    ("biogas", r"methanisation|biogaz|biogas|biomethane"),
    ("heat_pump", r"pompes? a chaleur|\bpac\b|aerothermie|heat pumps?"),
    ("deep_geothermal", r"geothermie profonde|deep geothermal"),
    ("geothermal", r"geothermi"),
    ("incineration", r"incineration|\buiom\b|\buve\b"),
    ("heat", r"chaleur|thermique|heat"),
    # reservoirs of the sequestration
    ("forest", r"foret|forest"),
    ("crops", r"cultures|crops"),
    ("grassland", r"prairies|grassland"),
    ("vineyards", r"vignes|vineyards"),
    ("orchards", r"vergers|orchards"),
    ("farmland", r"terres agricoles|sols agricoles|farmland"),
    ("wetlands", r"zones humides|wetlands"),
    ("artificial_soils", r"sols artificiels|sols artificialises|artificial"),
    ("other_soils", r"autres sols|other soils"),
    ("wood_products", r"produits bois|wood products"),
)
_MEASURE_PATTERNS = [(m, re.compile(p)) for m, p in _MEASURES]
# Pieces of every measure's words: a name holding none of them is settled without a regular
# expression (an observatory's file may bring thousands of names outside the referential).
_MEASURE_PIECES: Final = (
    "sequestr",
    "stock",
    "puits",
    "absorption",
    "nox",
    "azote",
    "nitrogen",
    "pm",
    "cov",
    "voc",
    "so2",
    "soufre",
    "sulph",
    "sulfur",
    "nh3",
    "ammon",
    "produc",
    "renouvel",
    "enr",
    "renewable",
    "consom",
    "conso",
    "consumption",
    "verbruik",
    "ges",
    "gaz",
    "greenhouse",
    "broeikas",
    "co2",
)
_FACET_PATTERNS = [(f, re.compile(p)) for f, p in _FACETS]

_SECTORS: Final = {
    "residential": ("c", "e"),
    "tertiary": ("d", "f"),
    "road": ("e", "g"),
    "other_transport": ("f", "h"),
    "agriculture": ("g", "i"),
    "waste": ("h", "j"),
    "industry": ("i", "k"),
    "energy_branch": ("j", "l_pcaet"),
    "transport": ("k", "m"),
}
_POLLUTANT_LETTERS: Final = {
    "nox": "a",
    "pm10": "b",
    "pm25": "c",
    "cov": "d",
    "so2": "e",
    "nh3": "f",
}
# TeT's pollutant sectors: letter after the pollutant's.
_POLLUTANT_SECTORS: Final = {
    "residential": "a",
    "tertiary": "b",
    "agriculture": "c",
    "waste": "d",
    "industry": "e",
    "energy_branch": "f",
    "road": "g",
    "other_transport": "h",
}


def _table() -> dict[tuple[str, frozenset[str]], str]:
    """(measure, facets) -> identifier."""
    table: dict[tuple[str, frozenset[str]], str] = {
        ("ghg", frozenset()): "cae_1.a",
        ("consumption", frozenset()): "cae_2.a",
        ("production", frozenset()): "cae_3.a",
        ("sequestration", frozenset()): "cae_63.a",
    }
    for facet, (ghg, energy) in _SECTORS.items():
        table[("ghg", frozenset({facet}))] = f"cae_1.{ghg}"
        table[("consumption", frozenset({facet}))] = f"cae_2.{energy}"
    # "industrie branche énergie" reads as both: the branch wins
    table[("ghg", frozenset({"industry", "energy_branch"}))] = "cae_1.j"
    table[("consumption", frozenset({"industry", "energy_branch"}))] = "cae_2.l_pcaet"
    table[("ghg", frozenset({"road", "transport"}))] = "cae_1.e"
    table[("ghg", frozenset({"other_transport", "transport"}))] = "cae_1.f"
    table[("consumption", frozenset({"road", "transport"}))] = "cae_2.g"
    table[("consumption", frozenset({"other_transport", "transport"}))] = "cae_2.h"
    carriers = {
        "electricity": "cae_2.d",
        "gas": "cae_2.n",
        "oil": "pcaet_2.oil",
        "wood": "pcaet_2.wood",
        "heat_network": "cae_2.c",
        "solid_fuel": "cae_2.p",
    }
    for facet, identifier in carriers.items():
        table[("consumption", frozenset({facet}))] = identifier
    table[("consumption", frozenset({"heat_network", "heat"}))] = "cae_2.c"
    for pollutant, letter in _POLLUTANT_LETTERS.items():
        table[(pollutant, frozenset())] = f"cae_4.{letter}"
        for facet, sector in _POLLUTANT_SECTORS.items():
            table[(pollutant, frozenset({facet}))] = f"cae_4.{letter}{sector}"
        table[(pollutant, frozenset({"industry", "energy_branch"}))] = f"cae_4.{letter}f"
        table[(pollutant, frozenset({"residential", "tertiary"}))] = f"cae_4.{letter}1"
        table[(pollutant, frozenset({"industry", "energy_branch", "waste"}))] = f"cae_4.{letter}2"
        table[(pollutant, frozenset({"road", "transport"}))] = f"cae_4.{letter}g"
        table[(pollutant, frozenset({"other_transport", "transport"}))] = f"cae_4.{letter}h"
    production = {
        frozenset({"electricity"}): "cae_25.a",
        frozenset({"heat"}): "cae_24.a",
        frozenset({"wind"}): "cae_3.ad",
        frozenset({"pv"}): "cae_3.ac",
        frozenset({"electricity", "pv"}): "cae_3.ac",
        frozenset({"electricity", "wind"}): "cae_3.ad",
        frozenset({"solar_thermal", "heat"}): "cae_3.aj",
        frozenset({"solar_thermal"}): "cae_3.aj",
        frozenset({"hydro"}): "crte_3.2",
        frozenset({"electricity", "hydro"}): "crte_3.2",
        frozenset({"tidal"}): "cae_3.aq",
        frozenset({"tidal", "hydro"}): "cae_3.aq",
        frozenset({"biogas", "electricity"}): "cae_3.aa",
        frozenset({"biogas", "heat"}): "cae_3.af",
        frozenset({"biogas", "gas"}): "cae_3.c",
        frozenset({"biogas"}): "cae_3.c",
        frozenset({"wood", "electricity"}): "cae_3.ab",
        frozenset({"wood", "heat"}): "cae_3.ag",
        frozenset({"wood"}): "cae_3.ag",
        frozenset({"heat_pump"}): "cae_3.al",
        frozenset({"heat_pump", "heat"}): "cae_3.al",
        frozenset({"heat_pump", "geothermal"}): "cae_3.al",
        frozenset({"heat_pump", "geothermal", "heat"}): "cae_3.al",
        frozenset({"deep_geothermal", "geothermal"}): "cae_3.ak",
        frozenset({"deep_geothermal", "geothermal", "heat"}): "cae_3.ak",
        frozenset({"incineration", "electricity"}): "cae_3.ae",
        frozenset({"incineration", "heat"}): "cae_3.ao",
    }
    for facets, identifier in production.items():
        table[("production", facets)] = identifier
    sequestration = {
        "forest": "cae_63.b",
        "farmland": "cae_63.c",
        "crops": "cae_63.ca",
        "grassland": "cae_63.cb",
        "vineyards": "cae_63.cc",
        "orchards": "cae_63.cd",
        "other_soils": "cae_63.d",
        "wetlands": "cae_63.da",
        "artificial_soils": "cae_63.db",
        "wood_products": "cae_63.e",
    }
    for facet, identifier in sequestration.items():
        table[("sequestration", frozenset({facet}))] = identifier
    table[("sequestration", frozenset({"farmland", "grassland"}))] = "cae_63.c"
    table[("sequestration", frozenset({"wood_products", "wood"}))] = "cae_63.e"
    table[("sequestration", frozenset({"forest", "wood"}))] = "cae_63.b"
    return table


_TABLE: Final = _table()
# Words of a ratio, a part of the total or another scope: never a referential quantity.
_NOT_A_QUANTITY = re.compile(
    r"\bpart\b|\btaux\b|%|par habitant|/ ?hab|per capita|\bratio\b|rendement|\bshare\b|"
    r"batiments? publics?|patrimoine|collectivite|eclairage|vehicules?|potentiel|objectif|"
    r"\bcible|evitee?s?\b|economies?|gisement|\bcouts?\b|factures?|depenses?|intensite"
)
_SHORT_CODE = re.compile(r"^(\d{1,2})(?:\.0)?([a-z]{0,2}\d?)$")


@lru_cache(maxsize=20_000)
def read_words(name: str) -> tuple[str, frozenset[str]] | None:
    """(measure, facets) the name reads as; None when it says no measure."""
    text = " ".join(fold(name).replace("'", " ").replace("’", " ").split())
    if not any(piece in text for piece in _MEASURE_PIECES) or _NOT_A_QUANTITY.search(text):
        return None
    found = [(m, pattern.search(text)) for m, pattern in _MEASURE_PATTERNS]
    said = [(m, hit.start()) for m, hit in found if hit is not None]
    if not said:
        return None
    # Sequestration and a pollutant say what they are wherever they stand; otherwise the first
    # word wins: "consommation d'énergie renouvelable", "émissions de GES - production".
    specific = [m for m, _start in said if m not in ("production", "consumption", "ghg")]
    measure = specific[0] if specific else min(said, key=lambda pair: pair[1])[0]
    if measure == "consumption" and re.search(r"renouvelable|\benr\b|renewable", text):
        return None  # renewable consumption: not a referential quantity
    # the words of the measure say nothing of the facet ("gaz à effet de serre" is no gas)
    rest = dict(_MEASURE_PATTERNS)[measure].sub(" ", text)
    facets = frozenset(f for f, pattern in _FACET_PATTERNS if pattern.search(rest))
    if measure == "consumption" and not facets and not re.search(r"energ|final", text):
        return None  # "Conso (GWh)" alone could be anything: say which energy, or a sector
    if measure == "sequestration":
        if re.search(r"\bnette?\b|\bnet\b", text):
            return measure, frozenset()  # the net total, whatever reservoirs it names
        facets -= set(_SECTORS)  # "terres agricoles" is a reservoir, not the farming sector
    if measure != "production":
        # "industrie hors branche énergie" is industry, not the energy branch
        if "hors branche energie" in text or "excluding energy" in text:
            facets -= {"energy_branch"}
        facets -= {"heat", "geothermal"} if measure != "consumption" else set()
    return measure, facets


@dataclass(frozen=True)
class Candidate:
    identifier: str
    indicator_id: int
    unit: str


class ReferentialIndex:
    """The referential indicators of a store, looked up by what a file writes."""

    def __init__(self, rows: Iterable[tuple[str, int, str, Iterable[str]]]) -> None:
        """``rows``: (identifier, indicator id, unit, titles in every language)."""
        self.by_identifier: dict[str, Candidate] = {}
        self.by_title: dict[str, Candidate] = {}
        for identifier, indicator_id, unit, titles in rows:
            candidate = Candidate(identifier, indicator_id, unit)
            self.by_identifier[identifier.casefold()] = candidate
            for title in titles:
                self.by_title.setdefault(_key(title), candidate)
        self._cache: dict[tuple[str, str, str], Candidate | None] = {}

    def match(
        self, code: str, name: str, unit: Unit | None, normalised: str | None = None
    ) -> Candidate | None:
        """The referential indicator a file's code or name means, its unit compatible with the
        file's (a name in GWh is never an emission); None: not in the referential.
        ``normalised`` is ``normalise_name(name)`` when the caller has it already."""
        key = (code, name, unit.canonical if unit is not None else "?")
        if key in self._cache:
            return self._cache[key]
        found = self._match(code, name, unit, normalised)
        self._cache[key] = found
        return found

    def match_code(self, code: str, name: str, unit: Unit | None) -> Candidate | None:
        """By identifier only ("cae_1.c", TeT's "1c"), in the code or standing as the name."""
        for candidate in (self._by_code(code), self._by_code(name)):
            if candidate is not None and _compatible(candidate, unit):
                return candidate
        return None

    def _match(
        self, code: str, name: str, unit: Unit | None, normalised: str | None
    ) -> Candidate | None:
        by_code = self.match_code(code, name, unit)
        if by_code is not None:
            return by_code
        titled = self.by_title.get(_key(name, normalised)) if name else None
        if titled is not None and _compatible(titled, unit):
            return titled
        words = read_words(name) if name else None
        if words is None:
            return None
        identifier = _TABLE.get(words)
        candidate = self.by_identifier.get(identifier) if identifier else None
        if candidate is not None and _compatible(candidate, unit):
            return candidate
        return None

    def _by_code(self, code: str) -> Candidate | None:
        text = code.strip().casefold()
        if not text:
            return None
        found = self.by_identifier.get(text)
        if found is not None:
            return found
        short = _SHORT_CODE.match(text)
        if short is not None:  # TeT's short numbers: "1c" is cae_1.c, "22" is cae_22
            number, letters = short.groups()
            return self.by_identifier.get(f"cae_{number}.{letters}" if letters else f"cae_{number}")
        return None


def _key(title: str, normalised: str | None = None) -> str:
    words = [w for w in (normalised or normalise_name(title)).split() if w not in _STOP]
    return " ".join(words)


def _compatible(candidate: Candidate, unit: Unit | None) -> bool:
    if unit is None or not unit.canonical:
        return True  # the file does not say: the referential's unit is assumed
    stored = parse_unit(candidate.unit)
    return stored is None or conversion_factor(unit, stored) is not None
