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
from ...i18n import N_, _, format_date, format_number
from .plan import Conflict, ConflictKind, Who
from .records import Values
from .schema import SyncSchema

RECORDS = {
    "action": N_("action"),
    "action_document": N_("document"),
    "action_factor": N_("barrier or lever"),
    "action_framework_link": N_("framework reference"),
    "action_indicator": N_("indicator"),
    "action_link": N_("link"),
    "action_note": N_("note"),
    "action_partner": N_("partner"),
    "action_tag": N_("tag"),
    "budget_line": N_("budget line"),
    "commune": N_("commune"),
    "contract": N_("contract"),
    "contract_indicator": N_("contract indicator"),
    "contract_party": N_("contract party"),
    "contract_target": N_("contract target"),
    "framework_reference": N_("framework reference"),
    "funding": N_("funding"),
    "impact": N_("impact"),
    "indicator": N_("indicator"),
    "meeting": N_("committee"),
    "meeting_action": N_("committee action"),
    "meeting_attendee": N_("attendee"),
    "observation": N_("value"),
    "organisation": N_("organisation"),
    "plan": N_("plan"),
    "report_snapshot": N_("report snapshot"),
    "section": N_("section"),
    "store_setting": N_("setting"),
    "strategic_objective": N_("strategic objective"),
    "target": N_("target"),
    "territory": N_("territory"),
}
FIELDS = {
    "amount": N_("Amount"),
    "budget_text": N_("Budget (as written)"),
    "calendar_text": N_("Calendar"),
    "code": N_("Code"),
    "comment": N_("Comment"),
    "confidential": N_("Confidential"),
    "currency": N_("Currency"),
    "decisions": N_("Decisions"),
    "description": N_("Description"),
    "elected_referent": N_("Elected referent"),
    "end_date": N_("End date"),
    "held_on": N_("Date"),
    "kind": N_("Kind"),
    "label": N_("Label"),
    "lead_organisation_id": N_("Lead organisation"),
    "lead_person": N_("Lead person"),
    "lead_service": N_("Lead service"),
    "minutes": N_("Minutes"),
    "name": N_("Name"),
    "notes": N_("Notes"),
    "parent_id": N_("Sub-action of"),
    "participation": N_("Participation"),
    "priority": N_("Priority"),
    "progress_percent": N_("Progress (%)"),
    "recurring": N_("Recurring"),
    "section_id": N_("Section"),
    "siren": N_("SIREN"),
    "source": N_("Source"),
    "start_date": N_("Start date"),
    "state": N_("State"),
    "status": N_("Status"),
    "text": N_("As written"),
    "title": N_("Title"),
    "unit": N_("Unit"),
    "value": N_("Value"),
    "year": N_("Year"),
    "horizon_year": N_("Horizon"),
    "reference_year": N_("Reference year"),
    "period_start": N_("Start of period"),
    "period_end": N_("End of period"),
    "funder_id": N_("Funder"),
    "organisation_id": N_("Organisation"),
    "indicator_id": N_("Indicator"),
    "territory_id": N_("Territory"),
    "plan_id": N_("Plan"),
    "action_id": N_("Action"),
    "role": N_("Role"),
    "location": N_("Location"),
    "acronym": N_("Acronym"),
    "website": N_("Website"),
    "population": N_("Population"),
    "rate_percent": N_("Rate %"),
    "note": N_("Note"),
}
# The fields that name a record, in the order they are looked for.
TITLE_FIELDS = ("title", "name", "label", "code", "statement", "text", "value")

Lookup = Callable[[str, str], Values | None]


def record_name(table: str) -> str:
    found = RECORDS.get(table)
    return _(found) if found is not None else table.replace("_", " ")


def field_name(name: str) -> str:
    found = FIELDS.get(name)
    if found is not None:
        return _(found)
    return name.removesuffix("_id").replace("_", " ").capitalize()


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
        return _("yes") if text == "true" else _("no")
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
