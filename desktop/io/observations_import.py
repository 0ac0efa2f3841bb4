"""Indicator observations into the store: indicators are matched by code, then to the
referential (identifier, title, usual words), then by normalised name and unit, and created
only when none fits (listed in the summary); rows go to their territory; values are
converted to the indicator's unit; conflicting duplicates inside the file are rejected; then
the bulk upsert (``bulk``). Reading the cells is ``observations_parse``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

import sqlalchemy as sa
from sqlmodel import Session

from ..i18n import _
from ..models import (
    Direction,
    Indicator,
    IndicatorCategory,
    ObservationKind,
    ValueOrigin,
    utcnow,
)
from ..progress import Progress
from ..services import indicators as indicator_service
from ..services.changes import Actor, field_values, to_text
from ..services.referential import titles
from ..services.referential_match import ReferentialIndex
from ..services.territories import create_territory
from ..services.text import normalise_name
from .bulk import INSERT_CHUNK, ChangeWriter, ObservationRow, OrderedUuids, upsert_observations
from .layout import Layout, column_letter
from .lengths import too_long
from .observations_parse import IndicatorSpec, ParsedObservations, parse_observations
from .observations_territories import resolve_territories
from .parsing import decimal_text
from .summary import ImportSummary
from .units import Unit, conversion_factor, convert, parse_unit

__all__ = ["ObservationContext", "apply_observations", "parse_observations"]


@dataclass
class ObservationContext:
    session: Session
    actor: Actor
    summary: ImportSummary
    sheet: str
    default_territory: str | None = None  # SIREN, UUID or name (--territory, the wizard)
    create_territories: bool = False
    progress: Progress | None = None
    origin: ValueOrigin = ValueOrigin.AUTHORITY
    kind: ObservationKind = ObservationKind.MEASURED
    # Indicators and territories the file brings, created only once a value of theirs is
    # accepted (or, for an indicator, when the file defines it without any value): until
    # then they carry temporary negative ids.
    new_indicators: list[NewIndicator] = field(default_factory=list)
    # temporary id -> (name, SIREN or None); territory key -> why it cannot be created
    new_territories: dict[int, tuple[str, str | None]] = field(default_factory=dict)
    territory_reasons: dict[str, str] = field(default_factory=dict)


@dataclass
class NewIndicator:
    """An indicator the import creates, as plain values: a SQLModel object each costs a
    quarter of a millisecond to build, and a file may bring thousands of them."""

    code: str
    name: str
    normalised_name: str
    unit: str
    category: IndicatorCategory
    direction: Direction
    description: str
    uuid: str = ""
    id: int | None = None


class KnownIndicator(NamedTuple):
    """An indicator of the store, as the import needs it (read with one Core query)."""

    id: int
    uuid: str
    code: str
    unit: str
    normalised_name: str
    identifier: str | None


COMMENT_CHARS = 10_000  # an observation's comment, as imports keep it
SOURCE_CHARS = 300  # Observation.source
_NEW_FIELDS = ("code", "name", "normalised_name", "unit", "category", "direction", "description")


def _generated_code(spec: IndicatorSpec) -> str:
    digest = hashlib.sha1(f"{normalise_name(spec.name)}|{spec.unit_text}".encode()).hexdigest()
    return f"IMP-{digest[:10]}"


def _units_match(spec: IndicatorSpec, indicator: KnownIndicator | NewIndicator) -> bool:
    if spec.unit is None:
        return spec.unit_text == indicator.unit
    if not spec.unit.canonical or not indicator.unit:
        return True
    stored = parse_unit(indicator.unit)
    return stored is not None and conversion_factor(spec.unit, stored) is not None


_encode = json.encoder.encode_basestring  # C-accelerated, non-ASCII kept as it is


def referential_index(known: list[KnownIndicator]) -> ReferentialIndex:
    """The store's referential indicators with their titles in the three languages."""
    return ReferentialIndex(
        (i.identifier, i.id, i.unit, [i.normalised_name, *titles(i.identifier).values()])
        for i in known
        if i.identifier
    )


def resolve_indicators(
    context: ObservationContext, parsed: ParsedObservations
) -> list[KnownIndicator | NewIndicator | None]:
    """The store's indicator for each spec: by code, then the referential (identifier, title,
    usual words: ``referential_match``), then name and unit; created only when none fits.
    Conflicting definitions inside the file (one code, two names) are rejected."""
    session, summary = context.session, context.summary
    table = Indicator.__table__  # type: ignore[attr-defined]
    known = [
        KnownIndicator(*row)
        for row in session.execute(
            sa.select(
                table.c.id,
                table.c.uuid,
                table.c.code,
                table.c.unit,
                table.c.normalised_name,
                table.c.identifier,
            )
        )
    ]
    by_code: dict[str, KnownIndicator | NewIndicator] = {i.code.casefold(): i for i in known}
    by_id = {i.id: i for i in known}
    by_name: dict[str, list[KnownIndicator | NewIndicator]] = {}
    for indicator in known:
        by_name.setdefault(indicator.normalised_name, []).append(indicator)
    index = referential_index(known)
    resolved: list[KnownIndicator | NewIndicator | None] = []
    new_indicators: list[NewIndicator] = []
    seen: dict[tuple[str, str, str], KnownIndicator | NewIndicator | None] = {}
    code_names: dict[str, tuple[str, int]] = {}
    for spec in parsed.specs:
        normalised = normalise_name(spec.name)
        key = (spec.code, normalised, spec.unit_text)  # ``spec.key``, folded once
        if key in seen:
            resolved.append(seen[key])
            continue
        if spec.code:
            earlier = code_names.get(spec.code.casefold())
            if earlier is not None and earlier[0] != normalised:
                summary.reject(
                    context.sheet,
                    spec.row,
                    spec.column,
                    _("code {code} is already used in row {row} for another indicator").format(
                        code=spec.code, row=earlier[1]
                    ),
                    spec.name,
                )
                seen[key] = None
                resolved.append(None)
                continue
            code_names.setdefault(spec.code.casefold(), (normalised, spec.row))
        # The file's code, the referential's identifier, a custom indicator of the same name
        # and a compatible unit, the referential's titles and usual words; then a new one.
        found: KnownIndicator | NewIndicator | None = (
            by_code.get(spec.code.casefold()) if (spec.code) else None
        )
        candidate = None
        if found is None:
            candidate = index.match_code(spec.code, spec.name, spec.unit)
        if found is None and candidate is None:
            for other in by_name.get(normalised, []):
                if _units_match(spec, other):
                    found = other
                    break
        if found is None and candidate is None:
            candidate = index.match(spec.code, spec.name, spec.unit, normalised)
        if candidate is not None:
            found = by_id[candidate.indicator_id]
            summary.matched_indicators.append(f"{spec.code or spec.name} → {candidate.identifier}")
        if found is None:
            code = (
                spec.code
                if spec.code and spec.code.casefold() not in by_code
                else (_generated_code(spec))
            )
            unit = (
                spec.unit.canonical
                if spec.unit is not None and spec.unit.canonical
                else spec.unit_text
            )
            too_long = _too_long(code, spec.name, unit)
            if too_long:
                # Cut, it would name another indicator (or merge two): the values are not
                # imported, and the reason is said.
                summary.reject(context.sheet, spec.row, spec.column, too_long, spec.name[:200])
                seen[key] = None
                resolved.append(None)
                continue
            category = spec.category
            name = spec.name or code
            found = NewIndicator(
                code=code,
                name=name,
                normalised_name=normalised if name == spec.name else normalise_name(name),
                unit=unit,
                category=category,
                direction=indicator_service.default_direction(category),
                description=spec.description,
            )
            new_indicators.append(found)
            by_code[found.code.casefold()] = found
            by_name.setdefault(found.normalised_name, []).append(found)
            summary.created_indicators.append(f"{found.code} {found.name}")  # id set below
        seen[key] = found
        resolved.append(found)
    # Their uuids now (the rows carry them), in the order the index likes.
    uuids = OrderedUuids().take(len(new_indicators)) if new_indicators else []
    for number, (item, uuid) in enumerate(zip(new_indicators, uuids, strict=True), start=1):
        item.id = -number  # until a value of it is accepted (``_create_accepted``)
        item.uuid = uuid
    context.new_indicators = new_indicators
    return resolved


def _too_long(code: str, name: str, unit: str) -> str:
    """Why an indicator the file defines cannot be stored as it is, or ""."""
    for text, limit, what in (
        (code, 60, _("indicator code")),
        (name, 500, _("indicator name")),
        (unit, 40, _("unit")),
    ):
        if len(text) > limit:
            return _("{reason}: its values are not imported").format(
                reason=too_long(what, len(text), limit)
            )
    return ""


def _insert_indicators(session: Session, items: list[NewIndicator], actor: Actor) -> None:
    """Insert with one ``executemany`` a chunk and log each creation as ``changes.create``
    would (every field of the model, defaults included); sets ``id`` on the items (their
    ``uuid`` is set when they are resolved).

    Thousands of indicators in one file (an observatory's export) must cost next to nothing:
    the log's JSON is built from a template where only the item's fields vary, and on SQLite
    the rows go through the plain ``sqlite3`` cursor with ids taken after the largest one
    (the import holds the write transaction, so no other writer takes them). In chunks: the
    parameters and log entries of every indicator of a file at once would raise the import's
    peak memory."""
    if not items:
        return
    blank = Indicator(
        code="",
        name="",
        normalised_name="",
        category=IndicatorCategory.OTHER,
        direction=Direction.HIGHER_IS_BETTER,
    )
    defaults = field_values(blank)  # the logged fields, in the model's order
    constant = {k: v for k, v in defaults.items() if k not in _NEW_FIELDS}
    now = utcnow()
    table = Indicator.__table__  # type: ignore[attr-defined]
    connection = session.connection()
    writer = ChangeWriter(actor)
    # The log's JSON (as ``changes.create`` writes it, fields in the model's order): the
    # template's fields encoded once, the item's own encoded each time.
    own_fields = [name for name in defaults if name in _NEW_FIELDS]
    template = (
        "{"
        + ", ".join(
            f'"{name}": %s'
            if name in _NEW_FIELDS
            else f"{json.dumps(name)}: {json.dumps(to_text(value), ensure_ascii=False)}".replace(
                "%", "%%"
            )
            for name, value in defaults.items()
        )
        + "}"
    )
    raw = connection.connection.driver_connection if connection.dialect.name == "sqlite" else None
    next_id = 0
    if raw is not None:
        next_id = raw.execute("SELECT COALESCE(MAX(id), 0) FROM indicator").fetchone()[0] + 1
    stamp = now.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    columns = ", ".join(constant)
    marks = ", ".join("?" * len(constant))
    for start in range(0, len(items), INSERT_CHUNK):
        chunk = items[start : start + INSERT_CHUNK]
        rows = [
            (
                item.uuid,
                item.code,
                item.name,
                item.normalised_name,
                item.unit,
                item.category.value,
                item.direction.value,
                item.description,
            )
            for item in chunk
        ]
        if raw is not None:
            raw.executemany(
                "INSERT INTO indicator (id, uuid, created_at, updated_at, version, code, name, "
                f"normalised_name, unit, category, direction, description, {columns}) "
                f"VALUES (?, ?, '{stamp}', '{stamp}', 1, ?, ?, ?, ?, ?, ?, ?, {marks})",
                [(next_id + n, *row, *constant.values()) for n, row in enumerate(rows)],
            )
            ids = list(range(next_id, next_id + len(chunk)))
            next_id += len(chunk)
        else:
            statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
            ids = [
                r[0]
                for r in session.execute(
                    statement,
                    [
                        {
                            **constant,
                            **dict(zip(("uuid", *_NEW_FIELDS), row, strict=True)),
                            "created_at": now,
                            "updated_at": now,
                            "version": 1,
                        }
                        for row in rows
                    ],
                )
            ]
        for item, new_id in zip(chunk, ids, strict=True):
            item.id = new_id
            own = {
                "code": item.code,
                "name": item.name,
                "normalised_name": item.normalised_name,
                "unit": item.unit,
                "category": item.category.value,
                "direction": item.direction.value,
                "description": item.description,
            }
            writer.created_json(
                "indicator",
                new_id,
                item.uuid,
                template % tuple(_encode(own[name]) for name in own_fields),
            )
        writer.write(session)


def _create_accepted(
    context: ObservationContext,
    parsed: ParsedObservations,
    indicators: list[KnownIndicator | NewIndicator | None],
    rows: dict[tuple[int, int, int], ObservationRow],
    origins: dict[tuple[int, int, int], tuple[int, str, str, str]],
) -> dict[tuple[int, int, int], ObservationRow]:
    """Create the new indicators and territories that an accepted value needs, and the
    indicators the file defines without any value (a referential); nothing for rows that were
    all rejected. Returns ``rows`` with the temporary ids replaced."""
    session, summary = context.session, context.summary
    if not context.new_indicators and not context.new_territories:
        return rows  # a file of known indicators and territories: nothing to create
    # Taken in C: this runs over every value of the file.
    used = {i for i in set(map(itemgetter(0), rows)) if i < 0}
    used_territories = {t for t in set(map(itemgetter(1), rows)) if t < 0}
    with_values = set(map(itemgetter(2), parsed.records)) | parsed.refused_specs
    defined = {
        item.id
        for index, item in enumerate(indicators)
        if isinstance(item, NewIndicator) and index not in with_values
    }
    keep = [item for item in context.new_indicators if item.id in used or item.id in defined]
    temporary = [item.id or 0 for item in keep]
    _insert_indicators(session, keep, context.actor)
    indicator_ids = {old: item.id or 0 for old, item in zip(temporary, keep, strict=True)}
    territory_ids: dict[int, int] = {}
    summary.created_indicators[:] = [f"{item.code} {item.name}" for item in keep]
    summary.created_territories.clear()
    for old, (name, siren) in context.new_territories.items():
        if old not in used_territories:
            continue
        try:
            territory_ids[old] = create_territory(session, context.actor, name=name, siren=siren).pk
            summary.created_territories.append(name)
        except ValueError as error:  # refused by the territory's own rules: its rows too
            for key in [k for k in rows if k[1] == old]:
                row_number, column, value, _territory = origins[key]
                summary.reject(context.sheet, row_number, column, str(error), value)
                del rows[key]
    if not indicator_ids and not territory_ids:
        return rows
    remapped: dict[tuple[int, int, int], ObservationRow] = {}
    new_row, get_indicator, get_territory = tuple.__new__, indicator_ids.get, territory_ids.get
    for key, row in rows.items():  # 100,000 rows of a new file: kept to plain tuple work
        indicator_id, territory_id, year = key
        if indicator_id < 0 or territory_id < 0:
            indicator_id = get_indicator(indicator_id, indicator_id)
            territory_id = get_territory(territory_id, territory_id)
            row = new_row(ObservationRow, (indicator_id, row[1], territory_id, *row[3:]))
            key = (indicator_id, territory_id, year)
        remapped[key] = row
    return remapped


def apply_observations(context: ObservationContext, parsed: ParsedObservations) -> None:
    session, summary = context.session, context.summary
    indicators = resolve_indicators(context, parsed)
    territories = resolve_territories(context, parsed) if parsed.records else {}
    reported_territories: set[tuple[int, str]] = set()
    rows: dict[tuple[int, int, int], ObservationRow] = {}
    # file row, column, value, territory key of the row
    origins: dict[tuple[int, int, int], tuple[int, str, str, str]] = {}
    conflicts: set[tuple[int, int, int]] = set()
    factors: dict[tuple[int, str], Decimal | None] = {}
    # Plain tuples: reading ORM attributes 100,000 times costs more than the insert itself.
    targets = [(i.id, i.uuid, i.unit) if i is not None else None for i in indicators]
    no_conversion = Decimal(1)

    def factor_of(indicator_id: int, indicator_unit: str, unit: Unit | None) -> Decimal | None:
        """What turns a value in ``unit`` into the indicator's; None when it cannot."""
        if (
            unit is None
            or not unit.canonical
            or not indicator_unit
            or (unit.canonical == indicator_unit)
        ):
            return no_conversion
        cache_key = (indicator_id, unit.canonical)
        if cache_key not in factors:
            stored = parse_unit(indicator_unit)
            factors[cache_key] = conversion_factor(unit, stored) if stored else None
        return factors[cache_key]

    # The conversion of each indicator as the file defines it, worked out once.
    spec_factors = [
        factor_of(t[0], t[2], spec.unit) if t is not None and t[0] is not None else None
        for spec, t in zip(parsed.specs, targets, strict=True)
    ]
    scales = [spec.scale for spec in parsed.specs]
    measured, origin = context.kind, context.origin
    new_row = tuple.__new__
    for record in parsed.records:
        (
            row_number,
            column,
            spec_at,
            territory,
            territory_label,
            year,
            value,
            comment,
            source,
            column_unit,
        ) = record
        target = targets[spec_at] if spec_at >= 0 else None
        if target is None:
            continue
        indicator_id, indicator_uuid, indicator_unit = target
        assert indicator_id is not None
        territory_id = territories.get(territory)
        if territory_id is None:
            if (row_number, territory) not in reported_territories:
                reported_territories.add((row_number, territory))
                summary.reject(
                    context.sheet,
                    row_number,
                    _("territory"),
                    context.territory_reasons.get(territory)
                    or _("unknown territory {name}").format(name=territory_label),
                    territory_label[:200],
                )
            continue
        factor = (
            spec_factors[spec_at]
            if column_unit is None
            else factor_of(indicator_id, indicator_unit, column_unit)
        )
        if factor is not None and scales[spec_at] != 1:
            factor = factor * scales[spec_at]
        if factor is None:
            unit = column_unit or parsed.specs[spec_at].unit
            summary.reject(
                context.sheet,
                row_number,
                column,
                _("unit {unit} cannot be converted to {target}").format(
                    unit=unit.text if unit is not None else "", target=indicator_unit
                ),
                value,
            )
            continue
        stored = value if factor is no_conversion else decimal_text(convert(Decimal(value), factor))
        key = (indicator_id, territory_id, year)
        previous = rows.get(key)
        if (
            previous is not None
            and territory.startswith("insee:")
            and (origins[key][3].startswith("insee:"))
        ):
            # communes of one territory: their values add up, when a sum means something
            if not additive(indicator_unit):
                summary.reject(
                    context.sheet,
                    row_number,
                    column,
                    _("values of communes cannot be added up for a unit like {unit}").format(
                        unit=indicator_unit
                    ),
                    value,
                )
                conflicts.add(key)
                continue
            rows[key] = previous._replace(
                value=decimal_text(Decimal(previous.value) + Decimal(stored))
            )
            continue
        if previous is not None:
            if previous.value != stored:
                conflicts.add(key)
                summary.reject(
                    context.sheet,
                    row_number,
                    column,
                    _(
                        "another value for the same indicator, territory and year in row {row}"
                    ).format(row=origins[key][0]),
                    value,
                )
            continue
        if len(comment) > COMMENT_CHARS:
            comment = summary.fit(context.sheet, row_number, _("comment"), comment, COMMENT_CHARS)
        if len(source) > SOURCE_CHARS:
            source = summary.fit(context.sheet, row_number, _("source"), source, SOURCE_CHARS)
        rows[key] = new_row(
            ObservationRow,
            (
                indicator_id,
                indicator_uuid,
                territory_id,
                year,
                stored,
                comment,
                source,
                measured,
                origin,
            ),
        )
        origins[key] = (row_number, column, value, territory)
    for key in conflicts:
        del rows[key]
        row_number, column, value, _territory = origins[key]
        summary.reject(
            context.sheet,
            row_number,
            column,
            _("another value for the same indicator, territory and year is in this file"),
            value,
        )
    rows = _create_accepted(context, parsed, indicators, rows, origins)
    counts = upsert_observations(session, rows, ChangeWriter(context.actor), context.progress)
    summary.inserted += counts.inserted
    summary.updated += counts.updated
    summary.unchanged += counts.unchanged


def additive(unit_text: str) -> bool:
    """Whether values in this unit add up over communes: quantities do (t CO2e, GWh), shares
    and ratios do not (%, kWh/hab)."""
    unit = parse_unit(unit_text)
    if unit is None:
        return False
    return all(exponent > 0 for _dimension, exponent in unit.dimension) and not any(
        dimension == "percent" for dimension, _exponent in unit.dimension
    )


def column_label(layout: Layout, col: int) -> str:
    return layout.names[col] if col < len(layout.names) else column_letter(col)
