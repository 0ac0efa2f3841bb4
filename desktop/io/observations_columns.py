"""The first steps of reading observations, once per sheet: which column holds what
(``classify_columns``), and what the headers say of units and indicators (``column_units``),
with the warnings for the columns that cannot be read."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from ..i18n import _
from .layout import Layout
from .mapping import INDICATOR_COLUMN
from .observations_records import IndicatorSpec, ParsedObservations, guess_category
from .summary import ImportSummary
from .units import Unit, parse_unit, unit_in_text


def is_value_field(field: str) -> bool:
    return field == "value" or field.startswith(("value#", "year:"))


@dataclass(frozen=True)
class Columns:
    """The columns of a mapping by role (None: the sheet has no such column)."""

    by_field: dict[str, int]  # a field -> its first column
    blocks: list[int]  # numbers of the repeated "value#N" blocks
    year_columns: list[tuple[int, int]]  # (column, year) of a wide layout
    indicator_columns: list[int]  # columns that are an indicator each
    value_columns: list[int]  # every column holding values
    name_column: int  # where a row without indicator is reported
    siren: int | None
    territory_name: int | None
    insee: int | None  # only without a SIREN column
    comment: int | None
    source: int | None
    year: int | None
    code: int | None
    indicator_name: int | None
    unit: int | None
    category: int | None
    sector: int | None
    value: int | None

    @property
    def spec_columns(self) -> list[int]:
        """The cells that define a row's indicator."""
        candidates = (self.code, self.indicator_name, self.unit, self.category, self.sector)
        return [c for c in candidates if c is not None]


def classify_columns(mapping: dict[int, str]) -> Columns:
    by_field = {f: c for c, f in sorted(mapping.items(), reverse=True)}
    siren = by_field.get("territory_siren")
    return Columns(
        by_field=by_field,
        blocks=sorted({int(f.split("#")[1]) for f in mapping.values() if f.startswith("value#")}),
        year_columns=[(c, int(f[5:])) for c, f in mapping.items() if f.startswith("year:")],
        indicator_columns=sorted(c for c, f in mapping.items() if f == INDICATOR_COLUMN),
        value_columns=[c for c, f in mapping.items() if is_value_field(f)],
        name_column=by_field.get("indicator_name", by_field.get("indicator_code", 0)),
        siren=siren,
        territory_name=by_field.get("territory_name"),
        insee=by_field.get("territory_insee") if siren is None else None,
        comment=by_field.get("comment"),
        source=by_field.get("source"),
        year=by_field.get("year"),
        code=by_field.get("indicator_code"),
        indicator_name=by_field.get("indicator_name"),
        unit=by_field.get("unit"),
        category=by_field.get("category"),
        sector=by_field.get("sector"),
        value=by_field.get("value"),
    )


class ColumnUnits(NamedTuple):
    units: dict[int, Unit | None]  # a value column -> the unit its header states
    bad: set[int]  # columns whose unit is unknown: not read
    specs: dict[int, int]  # an indicator column -> its indicator's index in ``parsed.specs``


def column_units(
    parsed: ParsedObservations,
    layout: Layout,
    mapping: dict[int, str],
    indicator_columns: list[int],
    summary: ImportSummary,
    known: dict[int, IndicatorSpec],
) -> ColumnUnits:
    """Units stated by the value columns' headers, the columns whose unit is unknown (with a
    warning each), and the indicator each indicator column stands for (added to
    ``parsed.specs``); ``known`` gives the indicator of a column a recognised format defines."""
    names = layout.names
    units: dict[int, Unit | None] = {}
    bad: set[int] = set()
    for col, fld in mapping.items():
        if is_value_field(fld):
            _name, text = unit_in_text(names[col])
            unit = parse_unit(text) if text else None
            if text and unit is None:
                bad.add(col)
            units[col] = unit
    specs: dict[int, int] = {}
    for col in indicator_columns:
        if col in known:
            specs[col] = len(parsed.specs)
            parsed.specs.append(known[col])
            continue
        name_part, unit_text = unit_in_text(names[col])
        unit = parse_unit(unit_text) if unit_text else Unit("", "", (), Decimal(1))
        if unit is None:
            summary.warnings.append(
                _('Column {column}: unknown unit "{unit}"; the column is not imported.').format(
                    column=names[col], unit=unit_text
                )
            )
            bad.add(col)
            continue
        spec = IndicatorSpec(
            "",
            name_part,
            unit_text,
            unit,
            guess_category(name_part),
            row=layout.header_row + 1,
            column=names[col],
        )
        specs[col] = len(parsed.specs)
        parsed.specs.append(spec)
    for col in sorted(bad):
        if col not in indicator_columns:
            summary.warnings.append(
                _("Column {column}: unknown unit; its values are not imported.").format(
                    column=names[col]
                )
            )
    return ColumnUnits(units, bad, specs)
