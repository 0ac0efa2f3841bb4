"""Conflicts in the words users read: the kind of record, its title, the field, each value
shown as the window shows it (a status in words, a date and a number in the user's locale,
a record pointed at by its title), and who changed it when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum

import sqlalchemy as sa

from ... import labels
from ...i18n import _, format_date, format_number
from ...record_labels import field_label, record_label
from .plan import Conflict, ConflictKind, Who
from .records import Values
from .schema import SyncSchema

# The fields that name a record, in the order they are looked for.
TITLE_FIELDS = ("title", "name", "label", "code", "statement", "text", "value")

Lookup = Callable[[str, str], Values | None]


def record_name(table: str) -> str:
    """ "budget_line" -> "Budget line", as the history and the undo commands say it."""
    return record_label(table)


def field_name(name: str) -> str:
    """ "lead_organisation_id" -> "Lead organisation"."""
    return field_label(name)


def record_title(schema: SyncSchema, table: str, values: Values | None, lookup: Lookup) -> str:
    """How users recognise a record: its title or name; a value by indicator and year."""
    if not values:
        return ""
    if table == "observation":
        indicator = lookup("indicator", values.get("indicator_id") or "") or {}
        return _("{indicator}, {year}").format(
            indicator=indicator.get("name") or indicator.get("code") or "",
            year=values.get("year") or "",
        )
    for name in TITLE_FIELDS:
        text = values.get(name)
        if text:
            return shown(schema, table, name, text, lookup)
    return ""


def shown(schema: SyncSchema, table: str, name: str, text: str | None, lookup: Lookup) -> str:
    """A field's text as the window shows it."""
    if text is None:
        return _("(empty)")
    info = schema.tables.get(table)
    if info is None or name not in info.table.c:
        return text
    fk = info.foreign_keys.get(name)
    if fk is not None:
        target = lookup(fk.target, text)
        title = record_title(schema, fk.target, target, lookup) if target else ""
        return title or text
    kind = info.table.c[name].type
    if isinstance(kind, sa.Enum) and kind.enum_class is not None:
        try:
            member: Enum = kind.enum_class(text)
        except ValueError:
            return text
        return labels.label(member)
    if isinstance(kind, sa.Boolean):
        return _("Yes") if text == "true" else _("No")
    if isinstance(kind, sa.DateTime):
        return format_date(datetime.fromisoformat(text), fmt="short")
    if isinstance(kind, sa.Date):
        return format_date(date.fromisoformat(text))
    if name != "year" and isinstance(kind, sa.Numeric | sa.types.TypeDecorator):
        try:
            return format_number(Decimal(text))
        except (InvalidOperation, ValueError, TypeError):
            return text
    return text


def who(person: Who) -> str:
    """ "marie, 5 déc. 2026 07:13 (copie marie@laptop)"; "" when nobody is known."""
    parts: list[str] = []
    if person.user:
        parts.append(person.user)
    if person.at:
        try:
            at = datetime.fromisoformat(person.at).astimezone()
            parts.append(format_date(at, fmt="short"))
        except ValueError:
            pass
    text = ", ".join(parts)
    if person.copy:
        text = _("{who} (on {copy})").format(who=text, copy=person.copy) if text else person.copy
    return text


def describe(conflict: Conflict) -> str:
    """What the conflict is about, in one sentence."""
    if conflict.kind is ConflictKind.DELETED_HERE:
        return _("Deleted here, changed on the other side")
    if conflict.kind is ConflictKind.DELETED_THERE:
        return _("Changed here, deleted on the other side")
    if conflict.kind is ConflictKind.DUPLICATE:
        return _("Entered on both sides: {field}").format(field=field_name(conflict.field))
    return _("Changed on both sides: {field}").format(field=field_name(conflict.field))
