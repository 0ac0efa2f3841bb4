"""Indicator observations into the store: indicators unknown to the store are created, matched
first by code, then by normalised name and unit; rows go to their territory; values are
converted to the indicator's unit; conflicting duplicates inside the file are rejected; then
the bulk upsert (``bulk``). Reading the cells is ``observations_parse``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from operator import itemgetter

import sqlalchemy as sa
from sqlmodel import Session, select

from ..i18n import _
from ..models import Direction, Indicator, IndicatorCategory, ObservationKind, Territory, utcnow
from ..models.base import new_uuid
from ..progress import Progress
from ..services import indicators as indicator_service
from ..services.changes import Actor, field_values
from ..services.territories import create_territory, find_territory
from ..services.text import normalise_name
from .bulk import INSERT_CHUNK, ChangeWriter, ObservationRow, upsert_observations
from .expansion import MAX_TERRITORIES, too_many
from .layout import Layout, column_letter
from .lengths import too_long
from .observations_parse import IndicatorSpec, ParsedObservations, parse_observations
from .parsing import decimal_text
from .safety import FileRefused
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
    quarter of a millisecond to build, and a file may bring hundreds of them."""

    code: str
    name: str
    normalised_name: str
    unit: str
    category: IndicatorCategory
    direction: Direction
    description: str
    uuid: str = field(default_factory=new_uuid)
    id: int | None = None


TERRITORY_NAME_CHARS = 200  # Territory.name
COMMENT_CHARS = 10_000  # an observation's comment, as imports keep it
SOURCE_CHARS = 300  # Observation.source
_NEW_FIELDS = ("code", "name", "normalised_name", "unit", "category", "direction",
               "description")


def _generated_code(spec: IndicatorSpec) -> str:
    digest = hashlib.sha1(f"{normalise_name(spec.name)}|{spec.unit_text}".encode()).hexdigest()
    return f"IMP-{digest[:10]}"


def _units_match(spec: IndicatorSpec, indicator: Indicator | NewIndicator) -> bool:
    if spec.unit is None:
        return spec.unit_text == indicator.unit
    if not spec.unit.canonical or not indicator.unit:
        return True
    stored = parse_unit(indicator.unit)
    return stored is not None and conversion_factor(spec.unit, stored) is not None


def resolve_indicators(
    context: ObservationContext, parsed: ParsedObservations
) -> list[Indicator | NewIndicator | None]:
    """The store's indicator for each spec, created when new. Conflicting definitions inside
    the file (one code, two names) are rejected."""
    session, summary = context.session, context.summary
    indicators = list(session.exec(select(Indicator)))
    by_code: dict[str, Indicator | NewIndicator] = {i.code.casefold(): i for i in indicators}
    by_name: dict[str, list[Indicator | NewIndicator]] = {}
    for indicator in indicators:
        by_name.setdefault(indicator.normalised_name, []).append(indicator)
    resolved: list[Indicator | NewIndicator | None] = []
    new_indicators: list[NewIndicator] = []
    seen: dict[tuple[str, str, str], Indicator | NewIndicator | None] = {}
    code_names: dict[str, tuple[str, int]] = {}
    for spec in parsed.specs:
        key = spec.key
        if key in seen:
            resolved.append(seen[key])
            continue
        normalised = normalise_name(spec.name)
        if spec.code:
            earlier = code_names.get(spec.code.casefold())
            if earlier is not None and earlier[0] != normalised:
                summary.reject(context.sheet, spec.row, spec.column,
                               _("code {code} is already used in row {row} for another "
                                 "indicator").format(code=spec.code, row=earlier[1]), spec.name)
                seen[key] = None
                resolved.append(None)
                continue
            code_names.setdefault(spec.code.casefold(), (normalised, spec.row))
        found: Indicator | NewIndicator | None = by_code.get(spec.code.casefold()) if (
            spec.code) else None
        if found is None:
            for candidate in by_name.get(normalised, []):
                if _units_match(spec, candidate):
                    found = candidate
                    break
        if found is None:
            code = spec.code if spec.code and spec.code.casefold() not in by_code else (
                _generated_code(spec))
            unit = (spec.unit.canonical if spec.unit is not None and spec.unit.canonical
                    else spec.unit_text)
            too_long = _too_long(code, spec.name, unit)
            if too_long:
                # Cut, it would name another indicator (or merge two): the values are not
                # imported, and the reason is said.
                summary.reject(context.sheet, spec.row, spec.column, too_long, spec.name[:200])
                seen[key] = None
                resolved.append(None)
                continue
            category = spec.category
            found = NewIndicator(
                code=code, name=spec.name or code,
                normalised_name=normalise_name(spec.name or code), unit=unit,
                category=category, direction=indicator_service.default_direction(category),
                description=spec.description)
            new_indicators.append(found)
            by_code[found.code.casefold()] = found
            by_name.setdefault(found.normalised_name, []).append(found)
            summary.created_indicators.append(f"{found.code} {found.name}")  # id set below
        seen[key] = found
        resolved.append(found)
    for number, item in enumerate(new_indicators, start=1):
        item.id = -number  # until a value of it is accepted (``_create_accepted``)
    context.new_indicators = new_indicators
    return resolved


def _too_long(code: str, name: str, unit: str) -> str:
    """Why an indicator the file defines cannot be stored as it is, or ""."""
    for text, limit, what in ((code, 60, _("indicator code")), (name, 500, _("indicator name")),
                              (unit, 40, _("unit"))):
        if len(text) > limit:
            return _("{reason}: its values are not imported").format(
                reason=too_long(what, len(text), limit))
    return ""


def _insert_indicators(session: Session, items: list[NewIndicator], actor: Actor) -> None:
    """Insert with Core and log each creation exactly as ``changes.create`` would (every
    field of the model, defaults included); sets ``id`` on the items. In chunks: the
    parameters and log entries of every indicator of a file at once would raise the
    import's peak memory."""
    if not items:
        return
    template = Indicator(code="", name="", normalised_name="", category=IndicatorCategory.OTHER,
                         direction=Direction.HIGHER_IS_BETTER)
    defaults = field_values(template)  # the logged fields, in the model's order
    now = utcnow()
    table = Indicator.__table__  # type: ignore[attr-defined]
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    writer = ChangeWriter(actor)
    for start in range(0, len(items), INSERT_CHUNK):
        chunk = items[start:start + INSERT_CHUNK]
        logged = [{**defaults, **{name: getattr(item, name) for name in _NEW_FIELDS}}
                  for item in chunk]
        ids = [r[0] for r in session.execute(statement, [
            {**values, "uuid": item.uuid, "created_at": now, "updated_at": now, "version": 1}
            for values, item in zip(logged, chunk, strict=True)])]
        for item, new_id, values in zip(chunk, ids, logged, strict=True):
            item.id = new_id
            writer.created("indicator", new_id, item.uuid, values)
        writer.write(session)


def resolve_territories(
    context: ObservationContext, parsed: ParsedObservations
) -> dict[str, int | None]:
    session = context.session
    territories = list(session.exec(select(Territory)))
    by_key: dict[str, int | None] = {}
    for territory in territories:
        if territory.siren:
            by_key[territory.siren] = territory.pk
        by_key.setdefault(normalise_name(territory.name), territory.pk)
    # Territory key -> label, taken in C: this runs over every value of the file.
    labels = dict(zip(map(itemgetter(3), parsed.records), map(itemgetter(4), parsed.records),
                      strict=True))
    wanted = set(labels)
    if len(wanted) > MAX_TERRITORIES:
        raise too_many("territories", MAX_TERRITORIES)
    result: dict[str, int | None] = {}
    if "" in wanted:
        if context.default_territory:
            chosen = find_territory(session, context.default_territory)
            default = chosen.pk if chosen is not None else None
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
    for key in sorted(wanted - {""}):
        found = by_key.get(key)
        if found is None and context.create_territories:
            if len(labels[key]) > TERRITORY_NAME_CHARS:
                context.territory_reasons[key] = too_long(
                    _("territory name"), len(labels[key]), TERRITORY_NAME_CHARS)
            else:  # created once a value of it is accepted (``_create_accepted``)
                found = -(len(context.new_territories) + 1)
                siren = key if key.isdigit() and len(key) == 9 else None
                context.new_territories[found] = (labels[key], siren)
        result[key] = found
    return result


def _create_accepted(context: ObservationContext, parsed: ParsedObservations,
                     indicators: list[Indicator | NewIndicator | None],
                     rows: dict[tuple[int, int, int], ObservationRow],
                     origins: dict[tuple[int, int, int], tuple[int, str, str]],
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
    defined = {item.id for index, item in enumerate(indicators)
               if isinstance(item, NewIndicator) and index not in with_values}
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
            territory_ids[old] = create_territory(session, context.actor, name=name,
                                                  siren=siren).pk
            summary.created_territories.append(name)
        except ValueError as error:  # refused by the territory's own rules: its rows too
            for key in [k for k in rows if k[1] == old]:
                row_number, column, value = origins[key]
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
    origins: dict[tuple[int, int, int], tuple[int, str, str]] = {}  # file row, column, value
    conflicts: set[tuple[int, int, int]] = set()
    factors: dict[tuple[int, str], Decimal | None] = {}
    # Plain tuples: reading ORM attributes 100,000 times costs more than the insert itself.
    targets = [(i.id, i.uuid, i.unit) if i is not None else None for i in indicators]
    no_conversion = Decimal(1)

    def factor_of(indicator_id: int, indicator_unit: str, unit: Unit | None) -> Decimal | None:
        """What turns a value in ``unit`` into the indicator's; None when it cannot."""
        if unit is None or not unit.canonical or not indicator_unit or (
            unit.canonical == indicator_unit
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
    measured = ObservationKind.MEASURED
    new_row = tuple.__new__
    for record in parsed.records:
        (row_number, column, spec_at, territory, territory_label, year, value, comment, source,
         column_unit) = record
        target = targets[spec_at] if spec_at >= 0 else None
        if target is None:
            continue
        indicator_id, indicator_uuid, indicator_unit = target
        assert indicator_id is not None
        territory_id = territories.get(territory)
        if territory_id is None:
            if (row_number, territory) not in reported_territories:
                reported_territories.add((row_number, territory))
                summary.reject(context.sheet, row_number, _("territory"),
                               context.territory_reasons.get(territory) or _(
                                   "unknown territory {name}").format(name=territory_label),
                               territory_label[:200])
            continue
        factor = spec_factors[spec_at] if column_unit is None else factor_of(
            indicator_id, indicator_unit, column_unit)
        if factor is None:
            unit = column_unit or parsed.specs[spec_at].unit
            summary.reject(context.sheet, row_number, column,
                           _("unit {unit} cannot be converted to {target}").format(
                               unit=unit.text if unit is not None else "",
                               target=indicator_unit), value)
            continue
        stored = value if factor is no_conversion else decimal_text(
            convert(Decimal(value), factor))
        key = (indicator_id, territory_id, year)
        previous = rows.get(key)
        if previous is not None:
            if previous.value != stored:
                conflicts.add(key)
                summary.reject(context.sheet, row_number, column,
                               _("another value for the same indicator, territory and year in "
                                 "row {row}").format(row=origins[key][0]), value)
            continue
        if len(comment) > COMMENT_CHARS:
            comment = summary.fit(context.sheet, row_number, _("comment"), comment,
                                  COMMENT_CHARS)
        if len(source) > SOURCE_CHARS:
            source = summary.fit(context.sheet, row_number, _("source"), source, SOURCE_CHARS)
        rows[key] = new_row(ObservationRow, (
            indicator_id, indicator_uuid, territory_id, year, stored, comment, source,
            measured))
        origins[key] = (row_number, column, value)
    for key in conflicts:
        del rows[key]
        row_number, column, value = origins[key]
        summary.reject(context.sheet, row_number, column,
                       _("another value for the same indicator, territory and year is in "
                         "this file"), value)
    rows = _create_accepted(context, parsed, indicators, rows, origins)
    counts = upsert_observations(session, rows, ChangeWriter(context.actor), context.progress)
    summary.inserted += counts.inserted
    summary.updated += counts.updated
    summary.unchanged += counts.unchanged


def column_label(layout: Layout, col: int) -> str:
    return layout.names[col] if col < len(layout.names) else column_letter(col)
