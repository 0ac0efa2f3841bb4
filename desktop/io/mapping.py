"""Which column holds what: suggested from header names in French and English, editable in the
wizard, saved in profiles.

A mapping is a plain dict ``{column index: field}`` (JSON-friendly). Fields are names such as
``"indicator_name"``; repeated blocks carry their number (``"value#2"``, ``"year#2"``), year
columns of a wide layout their year (``"year:2019"``), and a column that is an indicator of its
own (a value per territory, unit in the header) is ``"indicator"``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..i18n import _
from ..services.text import normalise_name
from .kinds import import_kind
from .parsing import CellError, parse_year
from .units import unit_in_text

if TYPE_CHECKING:
    from .import_kinds.base import Fields

IGNORE = "ignore"
INDICATOR_COLUMN = "indicator"

_NUMBERED = re.compile(r"^(.*?)\s*(\d{1,2})$")


def field_label(kind: str, field: str) -> str:
    if field == IGNORE:
        return _("(ignore)")
    if field == INDICATOR_COLUMN:
        return _("An indicator (one value per row)")
    if field.startswith("year:"):
        return _("Values of {year}").format(year=field[5:])
    base, _sep, number = field.partition("#")
    fields = import_kind(kind).fields
    entry = fields.get(field) or fields.get(base)
    label = _(entry[0]) if entry else field
    if number and field not in fields:
        return _("{label} (block {number})").format(label=label, number=number)
    return label


def header_key(name: str) -> str:
    """The header without its unit in brackets or currency signs, normalised."""
    without_unit, _unit = unit_in_text(name)
    return normalise_name(without_unit.replace("€", " ")) or normalise_name(name)


def _lookup(fields: Fields, key: str) -> str | None:
    for field, (_label, names) in fields.items():
        if key in names:
            return field
    return None


def year_of_header(name: str) -> int | None:
    try:
        year = parse_year(name.strip().removesuffix(".0"))
    except CellError:
        return None
    text = "".join(name.split()).removesuffix(".0")
    return year if year is not None and text.isdigit() and len(text) == 4 else None


def suggest(kind: str, names: list[str], numeric_columns: set[int] | None = None) -> dict[int, str]:
    """A field for each column from its header, by the kind's vocabulary and rules. Repeated
    "Valeur 1 / Année 1" blocks become numbered fields; the first column of a field wins."""
    entry = import_kind(kind)
    rule = entry.column_rule()
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for col, name in enumerate(names):
        key = header_key(name)
        field = _lookup(entry.fields, key)
        if field is None:
            match = _NUMBERED.match(key)
            if match:
                base = _lookup(entry.fields, match.group(1))
                if base is not None:
                    field = f"{base}#{match.group(2)}"
        if rule is not None:
            field = rule(key, name, field)
        if field is not None and field in used and "#" not in field:
            field = None  # the first column of that name wins; the user may change it
        if field is not None:
            mapping[col] = field
            used.add(field)
    entry.complete(mapping, numeric_columns)
    return mapping


def score(kind: str, mapping: dict[int, str]) -> int:
    """How well a mapping fits its kind: used to choose the kind and the sheet."""
    fields = set(mapping.values())
    return import_kind(kind).score(fields, {f.split("#")[0] for f in fields})


def field_choices(kind: str, mapping: dict[int, str]) -> list[str]:
    """The fields the wizard offers for a column: the kind's fields, the numbered and year
    fields already suggested, plus "indicator" and "ignore"."""
    entry = import_kind(kind)
    choices = [IGNORE, *entry.fields]
    for field in [*mapping.values(), *entry.extra_choices]:
        if field not in choices:
            choices.append(field)
    return choices
