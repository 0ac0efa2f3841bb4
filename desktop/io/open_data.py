"""Open-data files recognised without a hand mapping, and the provenance of what they bring.

Each entry of ``FORMATS`` says how to recognise a publisher's file from its header and what to
read from it: ALDO's forest biomass by EPCI (ADEME, ``aldo-biomasse-forets-epci.csv``), whose
yearly CO2 balance is the forest's sequestration (``cae_63.b``, sign turned: ALDO counts a
sink negative, the PCAET referential counts sequestration positive). A regional observatory's
export needs no entry of its own (long or wide, by SIREN or INSEE code, the generic reader
and the referential's matching read it); it is recognised by its publisher's name in the file
name, titles, headers or source column, so its values are stored as the observatory's
modelled inventory rather than the authority's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

from ..i18n import _
from ..models import IndicatorCategory, ObservationKind, ValueOrigin
from ..text import normalise_name
from ..units import parse_unit
from .layout import Layout
from .mapping import INDICATOR_COLUMN, header_key
from .observations_parse import IndicatorSpec


@dataclass
class Recognised:
    """What a known format sets: a mapping, the indicator of some columns, the provenance."""

    name: str
    origin: ValueOrigin
    kind: ObservationKind
    mapping: dict[int, str] = field(default_factory=dict)
    columns: dict[int, IndicatorSpec] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def _aldo(names: Sequence[str]) -> Recognised | None:
    keys = [header_key(n) for n in names]
    raw = [n.strip().upper() for n in names]
    if "siren" not in keys or not any(r.startswith("BILAN_CO2 ") for r in raw):
        return None
    balance = next(i for i, r in enumerate(raw) if r.startswith("BILAN_CO2 "))
    spec = IndicatorSpec(
        code="cae_63.b",
        name="Séquestration de CO2 dans la forêt",
        unit_text="tCO2e",
        unit=parse_unit("tCO2e"),
        category=IndicatorCategory.CARBON_SEQUESTRATION,
        row=1,
        column=names[balance],
        scale=Decimal(-1),
    )
    skipped = [
        n for i, n in enumerate(names) if n.strip() and i not in (keys.index("siren"), balance)
    ]
    return Recognised(
        "aldo",
        ValueOrigin.ALDO,
        ObservationKind.MODELLED,
        {keys.index("siren"): "territory_siren", balance: INDICATOR_COLUMN},
        {balance: spec},
        [
            _(
                "ALDO file: the forest's yearly CO2 balance goes to the sequestration in the "
                "forest (cae_63.b, a sink counted positive); not imported: {columns}."
            ).format(columns=", ".join(skipped))
        ],
    )


# Publishers of regional energy-climate inventories (observatories and air-quality agencies).
_OBSERVATORIES = re.compile(
    r"observatoire|\boreca\b|\borec\b|\borcae\b|\boreges\b|\bopteer\b|terristory|\barec\b|"
    r"\batmo\b|airparif|\bair ?pays|lig.?air|\bpicto\b|\boremip\b|"
    r"\bobservatory\b|\bprosper\b|\bsinoe\b"
)

_CITEPA = re.compile(r"\bcitepa\b|\bsecten\b")


def is_observatory(texts: Sequence[str]) -> bool:
    return _says(_OBSERVATORIES, texts)


def _says(pattern: re.Pattern[str], texts: Sequence[str]) -> bool:
    # "oreca_inventaire_epci.csv": underscores and dashes separate words too
    return any(pattern.search(normalise_name(t)) for t in texts if t)


Recogniser = Callable[[Sequence[str]], Recognised | None]
FORMATS: Final[tuple[tuple[str, Recogniser], ...]] = (("aldo", _aldo),)


def recognise(
    path: Path, sheet_name: str, rows: list[list[Any]], layout: Layout, mapping: dict[int, str]
) -> Recognised | None:
    """The known format of a sheet, or the provenance of an observatory's export; None for
    anything else (the authority's own values)."""
    for _name, recogniser in FORMATS:
        found = recogniser(layout.names)
        if found is not None:
            return found
    texts = [path.stem, sheet_name, *layout.names]
    for row in rows[: layout.header_row]:  # titles above the header
        texts += [str(c) for c in row if isinstance(c, str)]
    source_cols = [c for c, f in mapping.items() if f == "source"]
    for row in rows[layout.first_data_row : layout.first_data_row + 50]:
        texts += [str(row[c]) for c in source_cols if c < len(row) and isinstance(row[c], str)]
    if is_observatory(texts):
        return Recognised("observatory", ValueOrigin.OBSERVATORY, ObservationKind.MODELLED)
    if _says(_CITEPA, texts):  # the national inventory, by territory (Secten, inventories)
        return Recognised("citepa", ValueOrigin.CITEPA, ObservationKind.MODELLED)
    return None
