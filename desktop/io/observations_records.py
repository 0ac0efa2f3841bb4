"""What reading observations produces: the indicators a file describes (``IndicatorSpec``), the
values it holds (``ValueRecord``), and the small readers of cells both are made of."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from ..models import IndicatorCategory
from ..services.text import fold, normalise_name
from .parsing import clean_text
from .units import Unit, parse_unit, unit_in_text

_CATEGORY_WORDS: list[tuple[str, IndicatorCategory]] = [
    (
        r"gaz a effet de serre|\bges\b|greenhouse|co2|emissions? de carbone",
        IndicatorCategory.GHG_EMISSIONS,
    ),
    (
        r"sequestration|stock(age)? de carbone|stock carbone|puits",
        IndicatorCategory.CARBON_SEQUESTRATION,
    ),
    (
        r"production d.?energie renouvelable|production d.?electricite renouvelable|"
        r"\benr\b|renewable|production de chaleur",
        IndicatorCategory.RENEWABLE_PRODUCTION,
    ),
    (
        r"consommation (d.?energie|energetique)|energy consumption",
        IndicatorCategory.ENERGY_CONSUMPTION,
    ),
    (
        r"\bnox\b|\bpm10\b|\bpm2|\bcov\b|\bso2\b|\bnh3\b|polluant|pollutant",
        IndicatorCategory.AIR_POLLUTANTS,
    ),
]


def guess_category(text: str) -> IndicatorCategory:
    folded = fold(text)
    for pattern, category in _CATEGORY_WORDS:
        if re.search(pattern, folded):
            return category
    return IndicatorCategory.OTHER


CACHE_LIMIT = 100_000  # texts remembered per column while reading (names repeat)


def text_of(value: Any) -> str:
    """``clean_text`` with the common case, a string, inlined: this runs for several cells of
    every one of 100,000 rows."""
    return value.strip() if type(value) is str else clean_text(value)


@dataclass
class IndicatorSpec:
    """An indicator as the file describes it."""

    code: str
    name: str
    unit_text: str
    unit: Unit | None
    category: IndicatorCategory
    description: str = ""
    row: int = 0
    column: str = ""
    # What the file's values are multiplied by besides the unit's conversion (-1: ALDO counts
    # a carbon sink negative, the referential counts sequestration positive).
    scale: Decimal = Decimal(1)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, normalise_name(self.name), self.unit_text)


class ValueRecord(NamedTuple):
    """One value read from the file. A tuple, and built with ``tuple.__new__`` in the row
    reader's fast path: 100,000 of them are made for a large file."""

    row: int
    column: str
    spec: int  # index in ParsedObservations.specs; -1 for a column without an indicator
    territory: str  # siren or normalised name; "" for the default territory
    territory_label: str
    year: int
    value: str  # canonical decimal text ("1234.5"): see ``parsing.decimal_text``
    comment: str = ""
    source: str = ""
    unit: Unit | None = None  # the unit of this value when its column says one


@dataclass
class ParsedObservations:
    specs: list[IndicatorSpec] = field(default_factory=list)
    records: list[ValueRecord] = field(default_factory=list)
    # Indicators (indexes in ``specs``) with a value cell that was rejected: one whose every
    # value was rejected is not created.
    refused_specs: set[int] = field(default_factory=set)


def insee_code(value: Any) -> str:
    """A commune's INSEE code as five characters: 1053 (a number lost its zero) -> "01053",
    "2A004" stays."""
    text = clean_text(value).upper()
    if text.endswith(".0"):
        text = text[:-2]
    return text.zfill(5) if text.isdigit() else text


def spec_from_name(
    code: str,
    name_cell: str,
    unit_cell: str,
    category_cell: str,
    description: str,
    row: int,
    column: str,
) -> IndicatorSpec:
    name, unit_text = name_cell, unit_cell
    if not unit_text:
        stripped, in_name = unit_in_text(name_cell)
        if in_name and parse_unit(in_name) is not None:
            name, unit_text = stripped, in_name
    name = " ".join(name.split())
    unit = parse_unit(unit_text) if unit_text else Unit("", "", (), Decimal(1))
    category = _category_from_cell(category_cell) or guess_category(name)
    return IndicatorSpec(code, name, unit_text, unit, category, description, row, column)


def _category_from_cell(text: str) -> IndicatorCategory | None:
    if not text:
        return None
    for category in IndicatorCategory:
        if fold(text) in (category.value, category.value.replace("_", " ")):
            return category
    guessed = guess_category(text)
    return None if guessed is IndicatorCategory.OTHER else guessed
