"""Indicator observations: long (one row per indicator, year, value), wide (years as columns,
or repeated value/year/comment blocks) and by indicator column (one value per territory, unit in
the header). Indicators unknown to the store are created, matched first by code, then by
normalised name and unit; values are converted to the indicator's unit."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session, select

from ..i18n import _
from ..models import Indicator, IndicatorCategory, ObservationKind, Territory
from ..progress import Progress
from ..services import indicators as indicator_service
from ..services.changes import Actor
from ..services.territories import create_territory
from ..services.text import fold, normalise_name
from .bulk import ChangeWriter, ObservationRow, insert_entities, upsert_observations
from .layout import Layout, column_letter
from .mapping import INDICATOR_COLUMN
from .parsing import CellError, clean_text, is_missing, parse_number, parse_year
from .safety import FileRefused
from .summary import ImportSummary
from .units import Unit, conversion_factor, convert, parse_unit, unit_in_text

_CATEGORY_WORDS: list[tuple[str, IndicatorCategory]] = [
    (r"gaz a effet de serre|\bges\b|greenhouse|co2|emissions? de carbone",
     IndicatorCategory.GHG_EMISSIONS),
    (r"sequestration|stock(age)? de carbone|stock carbone|puits",
     IndicatorCategory.CARBON_SEQUESTRATION),
    (r"production d.?energie renouvelable|production d.?electricite renouvelable|"
     r"\benr\b|renewable|production de chaleur", IndicatorCategory.RENEWABLE_PRODUCTION),
    (r"consommation (d.?energie|energetique)|energy consumption",
     IndicatorCategory.ENERGY_CONSUMPTION),
    (r"\bnox\b|\bpm10\b|\bpm2|\bcov\b|\bso2\b|\bnh3\b|polluant|pollutant",
     IndicatorCategory.AIR_POLLUTANTS),
]


def guess_category(text: str) -> IndicatorCategory:
    folded = fold(text)
    for pattern, category in _CATEGORY_WORDS:
        if re.search(pattern, folded):
            return category
    return IndicatorCategory.OTHER


_CACHE_LIMIT = 100_000  # texts remembered per column while reading (names repeat)


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

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.code, normalise_name(self.name), self.unit_text)


@dataclass(slots=True)
class ValueRecord:
    row: int
    column: str
    spec: int  # index in ParsedObservations.specs
    territory: str  # siren or normalised name; "" for the default territory
    territory_label: str
    year: int
    value: Decimal
    comment: str = ""
    source: str = ""
    unit: Unit | None = None  # the unit of this value when its column says one


@dataclass
class ParsedObservations:
    specs: list[IndicatorSpec] = field(default_factory=list)
    records: list[ValueRecord] = field(default_factory=list)


def _spec_from_name(code: str, name_cell: str, unit_cell: str, category_cell: str,
                    description: str, row: int, column: str) -> IndicatorSpec:
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


def parse_observations(
    rows: list[list[Any]], layout: Layout, mapping: dict[int, str], sheet: str,
    summary: ImportSummary, *, year: int | None = None, progress: Progress | None = None,
) -> ParsedObservations:
    """Read every data row into indicator specs and values; bad cells become rejections."""
    parsed = ParsedObservations()
    by_field = {f: c for c, f in sorted(mapping.items(), reverse=True)}
    blocks = sorted({int(f.split("#")[1]) for f in mapping.values() if f.startswith("value#")})
    year_columns = [(c, int(f[5:])) for c, f in mapping.items() if f.startswith("year:")]
    indicator_columns = sorted(c for c, f in mapping.items() if f == INDICATOR_COLUMN)
    names = layout.names

    def header_unit(col: int) -> tuple[Unit | None, bool]:
        """The unit a column's header states; (None, True) when it states an unknown one."""
        _name, text = unit_in_text(names[col])
        if not text:
            return None, False
        unit = parse_unit(text)
        return unit, unit is None

    column_units: dict[int, Unit | None] = {}
    bad_unit_columns: set[int] = set()
    value_cols = [c for c, f in mapping.items()
                  if f == "value" or f.startswith(("value#", "year:"))]
    for col in value_cols:
        unit, bad = header_unit(col)
        if bad:
            bad_unit_columns.add(col)
        column_units[col] = unit

    column_specs: dict[int, int] = {}
    for col in indicator_columns:
        name_part, unit_text = unit_in_text(names[col])
        unit = parse_unit(unit_text) if unit_text else Unit("", "", (), Decimal(1))
        if unit is None:
            summary.warnings.append(
                _("Column {column}: unknown unit \"{unit}\"; the column is not imported.").format(
                    column=names[col], unit=unit_text
                )
            )
            bad_unit_columns.add(col)
            continue
        spec = IndicatorSpec("", name_part, unit_text, unit, guess_category(name_part),
                             row=layout.header_row + 1, column=names[col])
        column_specs[col] = len(parsed.specs)
        parsed.specs.append(spec)
    for col in sorted(bad_unit_columns):
        if col not in indicator_columns:
            summary.warnings.append(
                _("Column {column}: unknown unit; its values are not imported.").format(
                    column=names[col]
                )
            )

    def cell(row: list[Any], fld: str) -> Any:
        col = by_field.get(fld)
        return row[col] if col is not None and col < len(row) else None

    def text(row: list[Any], fld: str) -> str:
        return clean_text(cell(row, fld))

    def reject(row_number: int, col: int | None, reason: str, value: Any = "") -> None:
        label = names[col] if col is not None and col < len(names) else ""
        summary.reject(sheet, row_number, label, reason, clean_text(value))

    first = layout.first_data_row
    total = len(rows) - first
    spec_cache: dict[tuple[str, str, str, str], int] = {}
    name_col = by_field.get("indicator_name", by_field.get("indicator_code", 0))
    name_column = names[name_col] if name_col < len(names) else ""
    siren_col = by_field.get("territory_siren")
    territory_col = by_field.get("territory_name")
    comment_col = by_field.get("comment")
    source_col = by_field.get("source")
    year_col = by_field.get("year")
    code_col = by_field.get("indicator_code")
    name_field = by_field.get("indicator_name")
    unit_col = by_field.get("unit")
    category_col = by_field.get("category")
    sirens: dict[str, str] = {}
    names_normalised: dict[str, str] = {}

    def normalised(text: str) -> str:
        found = names_normalised.get(text)
        if found is None:
            found = normalise_name(text)
            if len(names_normalised) < _CACHE_LIMIT:
                names_normalised[text] = found
        return found

    for offset, row in enumerate(rows[first:]):
        if progress is not None and offset % 5000 == 0:
            progress.check()
            progress.message(_("Reading row {row} of {total}").format(row=offset, total=total))
        number = first + offset + 1
        width = len(row)
        if row.count("") + row.count(None) == width:  # a blank row (counted in C)
            continue
        summary.rows_read += 1
        siren = ""
        if siren_col is not None and siren_col < width:
            raw_siren = row[siren_col]
            siren = sirens.get(raw_siren, "") if type(raw_siren) is str else ""
            if not siren:
                siren = "".join(clean_text(raw_siren).split())
                if type(raw_siren) is str and len(sirens) < _CACHE_LIMIT:
                    sirens[raw_siren] = siren
        territory_name = text_of(row[territory_col]) if (
            territory_col is not None and territory_col < width) else ""
        territory = siren or normalised(territory_name)
        territory_label = siren or territory_name
        comment = text_of(row[comment_col]) if (
            comment_col is not None and comment_col < width) else ""
        source = text_of(row[source_col]) if (
            source_col is not None and source_col < width) else ""
        row_year: int | None = year
        if year_col is not None:
            try:
                row_year = parse_year(row[year_col] if year_col < width else None) or year
            except CellError as error:
                if not indicator_columns and "value" not in by_field:
                    row_year = None
                else:
                    reject(number, year_col, str(error), row[year_col])
                    continue

        # One indicator per row (long and wide layouts).
        spec_index: int | None = None
        code = text_of(row[code_col]) if code_col is not None and code_col < width else ""
        name = text_of(row[name_field]) if name_field is not None and name_field < width else ""
        if code or name:
            spec_key = (code, name,
                        text_of(row[unit_col]) if unit_col is not None and unit_col < width
                        else "",
                        text_of(row[category_col]) if category_col is not None and
                        category_col < width else "")
            spec_index = spec_cache.get(spec_key)
            if spec_index is None:
                spec = _spec_from_name(code, name or code, spec_key[2], spec_key[3],
                                       text(row, "description"), number, name_column)
                spec_index = spec_cache[spec_key] = len(parsed.specs)
                parsed.specs.append(spec)

        # Defined per row and called only for this row: the row's values are bound here.
        def add(col: int, spec_at: int, year_value: int | None, raw: Any,
                note: str = comment, number: int = number, territory: str = territory,
                territory_label: str = territory_label, source: str = source) -> None:
            if col in bad_unit_columns:
                if not is_missing(raw):
                    reject(number, col, _("unknown unit in the column header"), raw)
                return
            try:
                value = parse_number(raw)
            except CellError as error:
                reject(number, col, str(error), raw)
                return
            if value is None:
                return
            if year_value is None:
                reject(number, col, _("no year for this value"), raw)
                return
            column_unit = column_units.get(col)
            spec = parsed.specs[spec_at] if spec_at >= 0 else None
            if column_unit is not None and spec is not None and not spec.unit_text:
                # "Valeur (GWh)" with no unit column: the header gives the indicator its unit.
                spec.unit_text, spec.unit = column_unit.text, column_unit
            parsed.records.append(ValueRecord(
                number, names[col], spec_at, territory, territory_label, year_value, value,
                note, source, column_unit))

        if spec_index is None and not indicator_columns:
            # Values without an indicator are reported, never dropped silently.
            if any(col < width and not is_missing(row[col]) for col in value_cols):
                reject(number, name_col, _("no indicator (code or name) on this row"))
            continue
        if spec_index is not None:
            if "value" in by_field:
                add(by_field["value"], spec_index, row_year, cell(row, "value"))
            for block in blocks:
                value_cell = cell(row, f"value#{block}")
                if is_missing(value_cell):
                    continue
                try:
                    block_year = parse_year(cell(row, f"year#{block}")) if (
                        f"year#{block}" in by_field) else row_year
                except CellError as error:
                    reject(number, by_field[f"year#{block}"], str(error),
                           cell(row, f"year#{block}"))
                    continue
                add(by_field[f"value#{block}"], spec_index, block_year, value_cell,
                    text(row, f"comment#{block}") or comment)
            for col, column_year in year_columns:
                add(col, spec_index, column_year, row[col] if col < len(row) else None)
        for col in indicator_columns:
            if col in column_specs or col in bad_unit_columns:
                add(col, column_specs.get(col, -1), row_year, row[col] if col < len(row) else None)
    return parsed


@dataclass
class ObservationContext:
    session: Session
    actor: Actor
    summary: ImportSummary
    sheet: str
    default_territory: str | None = None  # SIREN from --territory
    create_territories: bool = False
    progress: Progress | None = None


def _generated_code(spec: IndicatorSpec) -> str:
    digest = hashlib.sha1(f"{normalise_name(spec.name)}|{spec.unit_text}".encode()).hexdigest()
    return f"IMP-{digest[:10]}"


def _units_match(spec: IndicatorSpec, indicator: Indicator) -> bool:
    if spec.unit is None:
        return spec.unit_text == indicator.unit
    if not spec.unit.canonical or not indicator.unit:
        return True
    stored = parse_unit(indicator.unit)
    return stored is not None and conversion_factor(spec.unit, stored) is not None


def resolve_indicators(
    context: ObservationContext, parsed: ParsedObservations
) -> list[Indicator | None]:
    """The store's indicator for each spec, created when new. Conflicting definitions inside
    the file (one code, two names) are rejected."""
    session, summary = context.session, context.summary
    indicators = list(session.exec(select(Indicator)))
    by_code = {i.code.casefold(): i for i in indicators}
    by_name: dict[str, list[Indicator]] = {}
    for indicator in indicators:
        by_name.setdefault(indicator.normalised_name, []).append(indicator)
    resolved: list[Indicator | None] = []
    new_indicators: list[Indicator] = []
    seen: dict[tuple[str, str, str], Indicator | None] = {}
    code_names: dict[str, tuple[str, int]] = {}
    for spec in parsed.specs:
        if spec.key in seen:
            resolved.append(seen[spec.key])
            continue
        if spec.code:
            earlier = code_names.get(spec.code.casefold())
            if earlier is not None and earlier[0] != normalise_name(spec.name):
                summary.reject(context.sheet, spec.row, spec.column,
                               _("code {code} is already used in row {row} for another "
                                 "indicator").format(code=spec.code, row=earlier[1]), spec.name)
                seen[spec.key] = None
                resolved.append(None)
                continue
            code_names.setdefault(spec.code.casefold(), (normalise_name(spec.name), spec.row))
        found = by_code.get(spec.code.casefold()) if spec.code else None
        if found is None:
            for candidate in by_name.get(normalise_name(spec.name), []):
                if _units_match(spec, candidate):
                    found = candidate
                    break
        if found is None:
            code = spec.code if spec.code and spec.code.casefold() not in by_code else (
                _generated_code(spec))
            unit = (spec.unit.canonical if spec.unit is not None and spec.unit.canonical
                    else spec.unit_text)[:40]
            category = spec.category
            found = Indicator(code=code[:60], name=spec.name[:500] or code,
                              normalised_name=normalise_name(spec.name[:500] or code),
                              unit=unit, category=category,
                              direction=indicator_service.default_direction(category),
                              description=spec.description)
            new_indicators.append(found)
            by_code[found.code.casefold()] = found
            by_name.setdefault(found.normalised_name, []).append(found)
            summary.created_indicators.append(f"{found.code} {found.name}")  # id set below
        seen[spec.key] = found
        resolved.append(found)
    writer = ChangeWriter(context.actor)
    insert_entities(session, new_indicators, writer)
    writer.write(session)
    return resolved


def resolve_territories(
    context: ObservationContext, parsed: ParsedObservations
) -> dict[str, int | None]:
    session, summary = context.session, context.summary
    territories = list(session.exec(select(Territory)))
    by_key: dict[str, int | None] = {}
    for territory in territories:
        if territory.siren:
            by_key[territory.siren] = territory.pk
        by_key.setdefault(normalise_name(territory.name), territory.pk)
    wanted = {r.territory for r in parsed.records}
    result: dict[str, int | None] = {}
    if "" in wanted:
        if context.default_territory:
            default = by_key.get(context.default_territory)
            if default is None:
                raise FileRefused(_("Territory {siren} is not in the store.").format(
                    siren=context.default_territory))
        elif len(territories) == 1:
            default = territories[0].pk
        else:
            raise FileRefused(
                _("The file does not say which territory its values are for: choose one "
                  "(--territory SIREN).") if territories else
                _("The store has no territory yet: create one before importing values.")
            )
        result[""] = default
    labels = {r.territory: r.territory_label for r in parsed.records}
    for key in sorted(wanted - {""}):
        found = by_key.get(key)
        if found is None and context.create_territories:
            siren = key if key.isdigit() and len(key) == 9 else None
            try:
                created = create_territory(session, context.actor, name=labels[key], siren=siren)
            except ValueError:
                created = None
            if created is not None:
                found = created.pk
                summary.created_territories.append(labels[key])
        result[key] = found
    return result


def apply_observations(context: ObservationContext, parsed: ParsedObservations) -> None:
    session, summary = context.session, context.summary
    indicators = resolve_indicators(context, parsed)
    territories = resolve_territories(context, parsed) if parsed.records else {}
    reported_territories: set[tuple[int, str]] = set()
    rows: dict[tuple[int, int, int], tuple[ObservationRow, ValueRecord]] = {}
    conflicts: set[tuple[int, int, int]] = set()
    factors: dict[tuple[int, str], Decimal | None] = {}
    # Plain tuples: reading ORM attributes 100,000 times costs more than the insert itself.
    targets = [(i.id, i.uuid, i.unit) if i is not None else None for i in indicators]
    for record in parsed.records:
        target = targets[record.spec] if record.spec >= 0 else None
        if target is None:
            continue
        indicator_id, indicator_uuid, indicator_unit = target
        assert indicator_id is not None
        territory_id = territories.get(record.territory)
        if territory_id is None:
            if (record.row, record.territory) not in reported_territories:
                reported_territories.add((record.row, record.territory))
                summary.reject(context.sheet, record.row, _("territory"),
                               _("unknown territory {name}").format(name=record.territory_label),
                               record.territory_label)
            continue
        spec = parsed.specs[record.spec]
        unit = record.unit or spec.unit
        value = record.value
        if unit is not None and unit.canonical and indicator_unit and (
            unit.canonical != indicator_unit
        ):
            cache_key = (indicator_id, unit.canonical)
            if cache_key not in factors:
                stored = parse_unit(indicator_unit)
                factors[cache_key] = conversion_factor(unit, stored) if stored else None
            factor = factors[cache_key]
            if factor is None:
                summary.reject(context.sheet, record.row, record.column,
                               _("unit {unit} cannot be converted to {target}").format(
                                   unit=unit.text, target=indicator_unit), record.value)
                continue
            value = convert(value, factor)
        key = (indicator_id, territory_id, record.year)
        row = ObservationRow(indicator_id, indicator_uuid, territory_id, record.year, value,
                             ObservationKind.MEASURED, record.comment[:10000], record.source[:300])
        previous = rows.get(key)
        if previous is not None:
            if previous[0].value != value:
                conflicts.add(key)
                summary.reject(context.sheet, record.row, record.column,
                               _("another value for the same indicator, territory and year in "
                                 "row {row}").format(row=previous[1].row), record.value)
            continue
        rows[key] = (row, record)
    for key in conflicts:
        row, record = rows.pop(key)
        summary.reject(context.sheet, record.row, record.column,
                       _("another value for the same indicator, territory and year is in "
                         "this file"), record.value)
    counts = upsert_observations(session, [r for r, _rec in rows.values()],
                                 ChangeWriter(context.actor), context.progress)
    summary.inserted += counts.inserted
    summary.updated += counts.updated
    summary.unchanged += counts.unchanged


def column_label(layout: Layout, col: int) -> str:
    return layout.names[col] if col < len(layout.names) else column_letter(col)
