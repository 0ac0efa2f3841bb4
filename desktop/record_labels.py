"""The words users read for records, fields and stored values where the store speaks in table,
column and code names: the undo and redo commands, the history of a record, the conflict
dialog. One place, so that "lead_organisation_id" is "Lead organisation" everywhere.

Kept apart from ``labels`` (which the window's first step loads): reading a value's type needs
the tables, imported here only when a value is shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any, Final, get_args

from .i18n import N_, _, format_date, format_number
from .labels import label

# A resolver of references: (table, id) -> the record's name, or None when it is gone.
Names = Callable[[str, int], str | None]

RECORDS: Final[dict[str, str]] = {
    "action": N_("Action"),
    "action_partner": N_("Partner"),
    "action_link": N_("Link"),
    "action_factor": N_("Barrier or lever"),
    "action_note": N_("Note"),
    "action_document": N_("Document"),
    "action_tag": N_("Tag"),
    "action_framework_link": N_("Framework reference"),
    "action_indicator": N_("Indicator"),
    "budget_line": N_("Budget line"),
    "funding": N_("Funding"),
    "impact": N_("Impact"),
    "indicator": N_("Indicator"),
    "observation": N_("Value"),
    "target": N_("Target"),
    "contract": N_("Contract"),
    "meeting": N_("Committee"),
    "organisation": N_("Organisation"),
    "territory": N_("Territory"),
    "plan": N_("Plan"),
    "section": N_("Section"),
}

FIELDS: Final[dict[str, str]] = {
    "code": N_("Code"),
    "title": N_("Title"),
    "name": N_("Name"),
    "description": N_("Description"),
    "section_id": N_("Section"),
    "parent_id": N_("Sub-action of"),
    "status": N_("Status"),
    "priority": N_("Priority"),
    "progress_percent": N_("Progress (%)"),
    "lead_organisation_id": N_("Lead organisation"),
    "lead_service": N_("Lead service"),
    "lead_person": N_("Lead person"),
    "elected_referent": N_("Elected referent"),
    "participation": N_("Participation"),
    "start_date": N_("Start date"),
    "end_date": N_("End date"),
    "calendar_text": N_("Calendar as written"),
    "budget_text": N_("Budget as written"),
    "recurring": N_("Recurring"),
    "confidential": N_("Confidential"),
    "amount": N_("Amount"),
    "unit": N_("Unit"),
    "state": N_("State"),
    "year": N_("Year"),
    "currency": N_("Currency"),
    "rate_percent": N_("Rate %"),
    "label": N_("Label"),
    "text": N_("As written"),
    "note": N_("Note"),
    "role": N_("Role"),
    "kind": N_("Kind"),
    "nature": N_("Nature"),
    "scenario": N_("Forecast / actual"),
    "tax_basis": N_("Tax"),
    "programme": N_("Programme"),
    "organisation_id": N_("Organisation"),
    "funder_id": N_("Funder"),
    "indicator_id": N_("Indicator"),
    "reference_id": N_("Framework reference"),
    "target_action_id": N_("Other action"),
    "value": N_("Value"),
    "source": N_("Source"),
    "comment": N_("Comment"),
    "notes": N_("Notes"),
    "held_on": N_("Date"),
    "noted_on": N_("Date"),
    "author": N_("Author"),
    "location": N_("File or address"),
    "siren": N_("SIREN"),
    "acronym": N_("Acronym"),
    "unit_text": N_("Unit"),
    "category": N_("Category"),
    "direction": N_("Direction"),
    "source_producer": N_("Source producer"),
    "source_url": N_("Source address"),
    "horizon_year": N_("Horizon"),
    "relative_change_percent": N_("Change (%)"),
    "reference_year": N_("Reference year"),
    "position": N_("Position"),
}

# The table a reference field points at.
REFERENCES: Final[dict[str, str]] = {
    "section_id": "section",
    "lead_organisation_id": "organisation",
    "organisation_id": "organisation",
    "funder_id": "organisation",
    "indicator_id": "indicator",
    "reference_id": "framework_reference",
    "action_id": "action",
    "target_action_id": "action",
    "source_action_id": "action",
    "plan_id": "plan",
    "territory_id": "territory",
    "contract_id": "contract",
    "meeting_id": "meeting",
}
# The field a record is best named by in a list, in order of preference.
_NAMING_FIELDS = ("title", "name", "label", "text", "note")


def record_label(entity: str) -> str:
    """ "budget_line" -> "Budget line"."""
    return _(RECORDS[entity]) if entity in RECORDS else entity.replace("_", " ")


def field_label(field: str) -> str:
    """ "lead_organisation_id" -> "Lead organisation"."""
    if field in FIELDS:
        return _(FIELDS[field])
    return field.removesuffix("_id").replace("_", " ").capitalize()


def fields_label(fields: list[str] | tuple[str, ...]) -> str:
    """Several fields, as a list a user reads: "Amount, State"."""
    return ", ".join(field_label(f) for f in fields)


def _model(entity: str) -> Any:
    from . import models

    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and getattr(cls, "__tablename__", None) == entity:
            return cls
    return None


def _field_type(entity: str, field: str) -> Any:
    cls = _model(entity)
    info = cls.model_fields.get(field) if cls is not None else None
    if info is None:
        return None
    annotation = info.annotation
    kinds = [a for a in get_args(annotation) if a is not type(None)] or [annotation]
    return kinds[0]


def value_text(entity: str, field: str, text: str | None, names: Names | None = None) -> str:
    """A value of the change log as the user reads it: "to_be_defined" -> "To be defined",
    "2026-03-31" -> "31/03/2026", "12500.00" -> "12 500", a reference -> the record's name."""
    if text is None or text == "":
        return ""
    parent_table = "action" if entity == "action" else "section" if entity == "section" else ""
    table = REFERENCES.get(field) or (parent_table if field == "parent_id" else "")
    if table:
        if names is not None and text.isdigit():
            return names(table, int(text)) or _("(deleted)")
        return text
    kind = _field_type(entity, field)
    try:
        if isinstance(kind, type) and issubclass(kind, Enum):
            return label(kind(text))
        if kind is bool:
            return _("Yes") if text in ("true", "1", "True") else _("No")
        if kind is date:
            return format_date(date.fromisoformat(text), fmt="short")
        if kind is datetime:
            return format_date(datetime.fromisoformat(text), fmt="short")
        if kind is Decimal:
            return format_number(Decimal(text))
    except (ValueError, InvalidOperation):
        return text
    return text


def snapshot_text(entity: str, text: str | None, names: Names | None = None) -> tuple[str, str]:
    """A created or deleted record's logged values (JSON): its name in a few words, and every
    field as "Field: value" lines (for a tooltip)."""
    try:
        values = json.loads(text or "")
    except ValueError:
        return text or "", text or ""
    if not isinstance(values, dict):
        return str(values), str(values)
    lines = [
        _("{field}: {value}").format(field=field_label(f), value=value_text(entity, f, v, names))
        for f, v in values.items()
        if v not in (None, "") and f != "position"
    ]
    code = str(values.get("code") or "")
    name = next((str(values[f]) for f in _NAMING_FIELDS if values.get(f)), "")
    if not name:  # named by what it points at, its parent aside ("Partner: ADEME")
        reference = next(
            (f for f in values if f in REFERENCES and f != "action_id" and values[f]), None
        )
        if reference is not None:
            name = value_text(entity, reference, str(values[reference]), names)
    if entity == "budget_line":  # "2026 1 500 EUR", "2026 To be defined"
        amount = values.get("amount")
        shown = (
            [value_text(entity, "amount", amount), str(values.get("unit") or "")]
            if amount
            else [value_text(entity, "state", values.get("state"))]
        )
        name = " ".join(p for p in (str(values.get("year") or ""), *shown, name) if p)
    summary = " ".join(p for p in (code, name) if p) or (lines[0] if lines else "")
    return summary, "\n".join(lines)
