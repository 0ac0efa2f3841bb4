"""Units written in headers and indicator names, and conversions between them.

A unit is read as a product of known atoms with exponents ("MWh/hab.an", "m3∙ha-1∙an-1",
"kteq CO2"); two units convert when their dimensions match. A unit made of anything else is
unknown: the import reports that column rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .text import fold

# atom (folded, spaces removed) -> (canonical symbol, dimension, factor to the base unit)
_ATOMS: dict[str, tuple[str, str, Decimal]] = {}


def _atoms(dimension: str, entries: dict[str, tuple[str, str]]) -> None:
    for canonical, (factor, aliases) in entries.items():
        for alias in [canonical, *aliases.split("|")]:
            if alias:
                _ATOMS[fold(alias).replace(" ", "")] = (canonical, dimension, Decimal(factor))


_atoms(
    "energy",
    {
        "Wh": ("0.001", ""),
        "kWh": ("1", "kwhef|kwhep|kwhcumac"),
        "MWh": ("1000", "mwhef|mwhep"),
        "GWh": ("1000000", "gwhef|gwhep"),
        "TWh": ("1000000000", ""),
        "tep": ("11630", "toe"),
        "ktep": ("11630000", "ktoe"),
    },
)
_atoms(
    "co2e",
    {
        "kgCO2e": ("0.001", "kgco2|kgeqco2|kgco2eq|kgéqco2"),
        "tCO2e": (
            "1",
            "tco2|teqco2|tco2eq|téqco2|teq.co2|tonnesco2|tonneseqco2|teco2|tco2équivalent",
        ),
        "ktCO2e": ("1000", "ktco2|kteqco2|ktco2eq|ktéqco2|kteco2"),
        "MtCO2e": ("1000000", "mtco2|mteqco2|mtco2eq|mtéqco2"),
    },
)
_atoms("carbon", {"tC": ("1", "tc|tonnesc"), "ktC": ("1000", "ktc"), "MtC": ("1000000", "")})
_atoms(
    "mass",
    {
        "g": ("0.000001", "grammes"),
        "kg": ("0.001", "kilogrammes|kilos"),
        "t": ("1", "tonnes|tonne|tons"),
        "kt": ("1000", "kilotonnes"),
        "Mt": ("1000000", "megatonnes"),
    },
)
_atoms(
    "area",
    {
        "m2": ("0.0001", "m²"),
        "ha": ("1", "hectares|hectare"),
        "km2": ("100", "km²"),
    },
)
_atoms("volume", {"l": ("0.001", "litres|litre"), "m3": ("1", "m³")})
_atoms("length", {"m": ("0.001", "metres|mètres"), "km": ("1", "kilometres|kilomètres")})
_atoms("time", {"an": ("1", "yr|year|années|annee|année|ans|a")})
_atoms(
    "power",
    {
        "W": ("0.001", ""),
        "kW": ("1", ""),
        "MW": ("1000", ""),
        "GW": ("1000000", ""),
        "Wc": ("0.001", "wp"),
        "kWc": ("1", "kwp"),
        "MWc": ("1000", "mwp"),
    },
)
_atoms(
    "money",
    {"EUR": ("1", "€|euros|euro|eur"), "kEUR": ("1000", "k€|keur"), "MEUR": ("1000000", "m€|meur")},
)
_atoms("inhabitant", {"hab": ("1", "habitant|habitants|hab.")})
_atoms("household", {"logement": ("1", "logements|ménage|ménages|menage|menages")})
_atoms("percent", {"%": ("1", "pourcent|percent|pct")})
_atoms("count", {"nb": ("1", "nombre|number|unités|unites")})

_SEPARATORS = re.compile(r"[∙·.*×\s]+")
_EXPONENT = re.compile(r"^(.*?)(-?\d|[²³])$")
_BRACKETS = re.compile(r"\(([^()]*)\)\s*$|\[([^\[\]]*)\]\s*$")
_CO2 = re.compile(r"(k|m)?t\s*(?:e|é)?\s*(?:eq|éq)?\.?\s*co2\s*(?:e|eq|éq)?", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    text: str  # as written
    canonical: str  # "MWh/hab/an", "" for a number without unit
    dimension: tuple[tuple[str, int], ...]
    factor: Decimal  # to the base unit of its dimension


class UnitError(ValueError):
    pass


def parse_unit(text: str) -> Unit | None:
    """The unit written, or None when it is not made only of known atoms."""
    raw = text.strip()
    if not raw:
        return Unit("", "", (), Decimal(1))
    folded = fold(raw)
    # "teq CO2", "kt éq. CO2" -> one atom before splitting on spaces and dots.
    folded = _CO2.sub(lambda m: (m.group(1) or "") + "tco2e", folded)
    parts = folded.split("/")
    dims: dict[str, int] = {}
    factor = Decimal(1)
    names: list[str] = []
    for index, part in enumerate(parts):
        sign = 1 if index == 0 else -1
        tokens = [t for t in _SEPARATORS.split(part.strip()) if t]
        if not tokens and index == 0 and len(parts) > 1:
            continue
        if not tokens:
            return None
        for token in tokens:
            atom, power = _split_power(token)
            known = _ATOMS.get(atom)
            if known is None:
                return None
            canonical, dimension, atom_factor = known
            exponent = sign * power
            dims[dimension] = dims.get(dimension, 0) + exponent
            factor *= atom_factor**exponent if exponent > 0 else 1 / atom_factor ** (-exponent)
            names.append(canonical if exponent == 1 else f"{canonical}^{exponent}")
    dimensions = tuple(sorted((k, v) for k, v in dims.items() if v != 0))
    canonical = "/".join([n for n in names if "^-" not in n] or [""])
    denominators = [n.split("^")[0] for n in names if "^-1" in n]
    if denominators:
        canonical = (
            "/".join([canonical, *denominators]) if canonical else "1/" + "/".join(denominators)
        )
    return Unit(raw, canonical, dimensions, factor)


def _split_power(token: str) -> tuple[str, int]:
    if token in _ATOMS:
        return token, 1
    match = _EXPONENT.match(token)
    if match and match.group(1):
        power_text = match.group(2)
        power = {"²": 2, "³": 3}.get(power_text)
        if power is None:
            power = int(power_text)
        base = match.group(1)
        if base in _ATOMS and base + power_text not in _ATOMS:
            return base, power
    return token, 1


def conversion_factor(source: Unit, target: Unit) -> Decimal | None:
    """The factor that turns a value in ``source`` into ``target``; None when incompatible."""
    if source.dimension != target.dimension:
        return None
    return source.factor / target.factor


def unit_in_text(text: str) -> tuple[str, str]:
    """Split "Consommation d'énergie (GWh)" into ("Consommation d'énergie", "GWh"). The last
    bracketed group, or a trailing known unit ("Séquestration kteq CO2"); ("name", "") when
    there is none. The unit is returned as written."""
    stripped = " ".join(text.split())
    match = _BRACKETS.search(stripped)
    if match:
        inner = (match.group(1) or match.group(2) or "").strip()
        if inner:
            return stripped[: match.start()].strip(), inner
    words = stripped.split(" ")
    for count in (3, 2, 1):
        if len(words) > count:
            tail = " ".join(words[-count:])
            unit = parse_unit(tail)
            if unit is not None and unit.canonical and unit.dimension != (("time", 1),):
                return " ".join(words[:-count]).strip(), tail
    return stripped, ""


def convert(value: Decimal, factor: Decimal) -> Decimal:
    if factor == 1:
        return value
    return (value * factor).normalize()
