"""Write the PCAET referential the product ships (``resources/referential/pcaet.json``).

Reads Territoires en Transitions' indicator definitions (``import-indicateur-definitions.csv``
of incubateur-ademe/territoires-en-transitions, MIT licence) and keeps what a PCAET needs:
the indicators of category ``pcaet``, their ancestors, the indicators their sum formulas name,
and the energy carriers and heat-network indicators of article R229-51; then the product's own
indicators for the R229-51 items TeT lacks (``referential_titles.ADDITIONS``). Only the fields
the product uses are written, with the English and Dutch titles of ``referential_titles``.

The resource is committed: stores are created on machines without TeT's file. Run it again
when TeT publishes a new referential, raise ``VERSION``, and add a migration that installs the
new version (``desktop.store.referential.install_referential`` upserts by identifier)::

    python -m desktop.tools.referential --source ../shared/data/tet-indicateur-definitions.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from ..models.enums import Direction, IndicatorCategory
from ..paths import bundle_root
from .referential_titles import ADDITIONS, TITLES

# An ISO date: versions compare as text.
VERSION: Final = "2026-12-01"
FORMAT_VERSION: Final = 1
OUTPUT: Final = bundle_root() / "resources" / "referential" / "pcaet.json"
DEFAULT_SOURCE: Final = bundle_root().parent / "shared" / "data" / "tet-indicateur-definitions.csv"
ATTRIBUTION: Final = {
    "name": "Territoires en Transitions - définitions des indicateurs",
    "repository": "https://github.com/incubateur-ademe/territoires-en-transitions",
    "path": "apps/backend/src/indicateurs/import-indicateurs/samples/"
    "import-indicateur-definitions.csv",
    "commit": "dbb36dc375c099ca71f1b6f85de76a3d6f80d51c",
    "licence": "MIT",
}

# The energy carriers and heat networks of article R229-51 TeT defines outside category pcaet,
# and the whole industry (its energy branch included) that studies by activity report.
EXTRA_IDENTIFIERS: Final = (
    "cae_1.l",
    "cae_2.c",
    "cae_2.d",
    "cae_2.n",
    "cae_2.p",
    "cae_2.r",
    "cae_22",
    "chaleur",
    "froid",
)

# TeT writes "Emissions de PM10 - Résidentiel" for the residential + tertiary subtotal too.
FRENCH_CORRECTIONS: Final = {"cae_4.b1": "Emissions de PM10 - Résidentiel & Tertiaire"}

_CATEGORY_PREFIXES: Final = (
    ("cae_1.", IndicatorCategory.GHG_EMISSIONS),
    ("cae_2.", IndicatorCategory.ENERGY_CONSUMPTION),
    ("cae_3.", IndicatorCategory.RENEWABLE_PRODUCTION),
    ("cae_24.", IndicatorCategory.RENEWABLE_PRODUCTION),
    ("cae_25.", IndicatorCategory.RENEWABLE_PRODUCTION),
    ("crte_3.", IndicatorCategory.RENEWABLE_PRODUCTION),
    ("cae_4.", IndicatorCategory.AIR_POLLUTANTS),
    ("emission_polluants_atmo", IndicatorCategory.AIR_POLLUTANTS),
    ("cae_63.", IndicatorCategory.CARBON_SEQUESTRATION),
)

# identifier -> code of ``desktop.models.reference``: the part of its category it stands for
# (sector, carrier, pollutant, filière, reservoir). Sub-sectors and totals have none.
DIMENSIONS: Final[dict[str, str]] = {
    "cae_1.c": "residential",
    "cae_1.d": "tertiary",
    "cae_1.e": "road_transport",
    "cae_1.f": "other_transport",
    "cae_1.g": "agriculture",
    "cae_1.h": "waste",
    "cae_1.i": "industry_excl_energy",
    "cae_1.j": "energy_industry",
    "cae_2.e": "residential",
    "cae_2.f": "tertiary",
    "cae_2.g": "road_transport",
    "cae_2.h": "other_transport",
    "cae_2.i": "agriculture",
    "cae_2.j": "waste",
    "cae_2.k": "industry_excl_energy",
    "cae_2.l_pcaet": "energy_industry",
    "cae_2.c": "carrier_heat_networks",
    "cae_2.d": "carrier_electricity",
    "cae_2.n": "carrier_gas",
    "cae_2.p": "carrier_solid_fuels",
    "cae_2.r": "carrier_other",
    "cae_4.a": "nox",
    "cae_4.b": "pm10",
    "cae_4.c": "pm2_5",
    "cae_4.d": "cov",
    "cae_4.e": "so2",
    "cae_4.f": "nh3",
    "cae_3.aa": "elec_biogas",
    "cae_3.ab": "elec_solid_biomass",
    "cae_3.ac": "elec_solar_pv",
    "cae_3.ad": "elec_onshore_wind",
    "cae_3.ae": "elec_waste_incineration",
    "cae_3.aq": "elec_marine",
    "crte_3.2": "elec_hydro",
    "cae_3.af": "heat_biogas",
    "cae_3.ag": "heat_solid_biomass",
    "cae_3.ah": "heat_solid_biomass",
    "cae_3.ai": "heat_solid_biomass",
    "cae_3.aj": "heat_solar_thermal",
    "cae_3.ak": "heat_geothermal",
    "cae_3.al": "heat_pumps",
    "cae_3.am": "heat_pumps",
    "cae_3.an": "heat_pumps",
    "cae_3.ao": "heat_waste_incineration",
    "cae_3.ap": "heat_other",
    "cae_3.c": "biomethane",
    "cae_63.b": "forest",
    "cae_63.c": "agricultural_soils",
    "cae_63.d": "other_soils",
    "cae_63.e": "wood_products",
    "cae_22": "heat_networks",
    "chaleur": "heat_networks",
    "froid": "heat_networks",
}

_HIGHER_IS_BETTER: Final = frozenset(
    {IndicatorCategory.RENEWABLE_PRODUCTION, IndicatorCategory.CARBON_SEQUESTRATION}
)
_REFERENCE = re.compile(r"val\(([^()]+)\)")


def read_definitions(path: Path) -> dict[str, dict[str, str]]:
    """TeT's rows by identifier, in the file's order."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["identifiantReferentiel"].strip(): row for row in csv.DictReader(handle)}


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def formula_references(formula: str) -> list[str]:
    """The identifiers a sum formula names: ``val(cae_1.c)+opt_val(cae_1.h)``."""
    return _REFERENCE.findall(formula)


def select(rows: Mapping[str, Mapping[str, str]]) -> list[str]:
    """Identifiers the product ships, in TeT's order: category pcaet, the extras, and everything
    they point at (parents, formula terms), so every hierarchy and formula is complete."""
    chosen = {i for i, row in rows.items() if "pcaet" in _split(row["categories"])}
    chosen |= {i for i in EXTRA_IDENTIFIERS if i in rows}
    pending = list(chosen)
    while pending:
        row = rows[pending.pop()]
        for other in [*_split(row["parents"]), *formula_references(row["valeurCalcule"])]:
            if other in rows and other not in chosen:
                chosen.add(other)
                pending.append(other)
    return [identifier for identifier in rows if identifier in chosen]


def category_of(identifier: str) -> IndicatorCategory:
    for prefix, category in _CATEGORY_PREFIXES:
        if identifier.startswith(prefix):
            return category
    return IndicatorCategory.OTHER


def direction_of(category: IndicatorCategory) -> Direction:
    if category in _HIGHER_IS_BETTER or category == IndicatorCategory.OTHER:
        return Direction.HIGHER_IS_BETTER
    return Direction.LOWER_IS_BETTER


def build(rows: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """The resource: TeT's selection, then the product's additions."""
    identifiers = select(rows)
    missing = [i for i in identifiers if i not in TITLES]
    if missing:
        raise SystemExit(f"translate these titles in referential_titles.TITLES: {missing}")
    entries: list[dict[str, Any]] = []
    for identifier in identifiers:
        row = rows[identifier]
        category = category_of(identifier)
        english, dutch = TITLES[identifier]
        entries.append(
            {
                "identifier": identifier,
                "referential": "tet",
                "title": {
                    "fr": FRENCH_CORRECTIONS.get(identifier, " ".join(row["titre"].split())),
                    "en": english,
                    "nl": dutch,
                },
                "unit": row["unite"].strip(),
                "parents": [p for p in _split(row["parents"]) if p in identifiers],
                "formula": row["valeurCalcule"].strip(),
                "category": category.value,
                "dimension": DIMENSIONS.get(identifier, ""),
                "direction": direction_of(category).value,
            }
        )
    for addition in ADDITIONS:
        if addition["identifier"] in rows:
            raise SystemExit(f"TeT now defines {addition['identifier']}: use its definition")
        entries.append({"referential": "pcaet", **addition})
    return {
        "format_version": FORMAT_VERSION,
        "version": VERSION,
        "source": ATTRIBUTION,
        "indicators": entries,
    }


def render(resource: Mapping[str, Any]) -> str:
    """One indicator a line: compact, and a new TeT version reads as a short diff."""
    head = {k: v for k, v in resource.items() if k != "indicators"}
    lines = [json.dumps(entry, ensure_ascii=False) for entry in resource["indicators"]]
    text = json.dumps(head, ensure_ascii=False, indent=1)[:-2]
    return text + ',\n "indicators": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="fail if the resource differs from what it would be"
    )
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"TeT's definitions not found: {args.source}", file=sys.stderr)
        return 1
    text = render(build(read_definitions(args.source)))
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
        if current != text:
            print(f"{args.out} is not up to date: run without --check", file=sys.stderr)
            return 1
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {text.count(chr(10) + '  {')} indicators, version {VERSION}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
