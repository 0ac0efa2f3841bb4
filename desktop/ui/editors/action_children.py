"""The child tables of the action editor: what each holds and how a new row starts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlmodel import Session

from ...i18n import _
from ...labels import choices
from ...models import (
    ActionDocument,
    ActionFactor,
    ActionFrameworkLink,
    ActionIndicator,
    ActionNote,
    ActionPartner,
    ActionTag,
    AmountPrecision,
    BudgetLine,
    BudgetNature,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    Entity,
    FactorKind,
    FrameworkReference,
    Funding,
    FundingStage,
    Impact,
    ImpactKind,
    Indicator,
    Organisation,
    PartnerRole,
    TagKind,
    TaxBasis,
)
from ...services import budget as budget_service
from ...services.queries import records
from ...services.validation import check_percent, check_rate_range
from ..context import AppContext
from .child_table import ChildSpec, Column

UNITS = ("EUR", "GBP", "FTE")

Choices = Callable[[], Sequence[tuple[Any, str]]]


def enum_choices(enum_cls: type[Enum], *, optional: bool = False) -> Choices:
    def build() -> list[tuple[Any, str]]:
        pairs: list[tuple[Any, str]] = list(choices(enum_cls))
        return [(None, ""), *pairs] if optional else pairs

    return build


def unit_choices() -> list[tuple[Any, str]]:
    return [(unit, unit) for unit in UNITS]


def lookup_choices(context: AppContext, model: type[Entity], label_field: str) -> Choices:
    """Rows of ``model`` as (id, label), read when a table loads."""

    def build() -> list[tuple[Any, str]]:
        with context.store.session() as session:
            rows = records.ordered_records(session, model, label_field)
            return [(row.pk, _row_label(row, label_field)) for row in rows]

    return build


def _row_label(row: Any, label_field: str) -> str:
    code = getattr(row, "code", "")
    text = str(getattr(row, label_field))
    return f"{code} {text}".strip() if code and label_field != "code" else text


def _first_id(session: Session, model: type[Entity], exclude: Sequence[int] = ()) -> int | None:
    return records.first_id(session, model, exclude)


def budget_adjust(line: Entity, field: str, value: Any) -> dict[str, Any]:
    """A state without a number clears the amount; typing an amount makes it an amount."""
    if field == "state" and value != BudgetState.AMOUNT:
        return {"state": value, "amount": None}
    if field == "state":
        current = getattr(line, "amount", None)
        return {"state": value, "amount": current if current is not None else Decimal(0)}
    if field == "amount" and value is not None:
        return {"amount": value, "state": BudgetState.AMOUNT}
    return {field: value}


def _create_budget(
    session: Session, context: AppContext, action_id: int, v: dict[str, Any]
) -> Entity:
    from ...models import Action

    action = records.record(session, Action, action_id)
    assert action is not None
    values = {k: val for k, val in v.items() if k != "action_id"}
    return budget_service.add_budget_line(session, context.actor, action, **values)


def funding_adjust(row: Entity, field: str, value: Any) -> dict[str, Any]:
    if field == "rate_percent":
        check_percent(value, "rate_percent")
        check_rate_range(value, getattr(row, "rate_max_percent", None))
    if field == "rate_max_percent":
        check_rate_range(getattr(row, "rate_percent", None), value)
    return {field: value}


def specs(context: AppContext) -> dict[str, ChildSpec]:
    organisations = lookup_choices(context, Organisation, "name")
    optional_organisations: Choices = lambda: [(None, ""), *organisations()]  # noqa: E731
    indicators = lookup_choices(context, Indicator, "name")
    references = lookup_choices(context, FrameworkReference, "label")

    def partner_defaults(session: Session) -> dict[str, Any]:
        return {"organisation_id": _first_id(session, Organisation), "role": PartnerRole.PARTNER}

    return {
        "partners": ChildSpec(
            ActionPartner,
            "action_id",
            [
                Column("organisation_id", _("Organisation"), "choice", organisations, 260),
                Column("role", _("Role"), "choice", enum_choices(PartnerRole), 140),
                Column("note", _("Note")),
            ],
            defaults=partner_defaults,
        ),
        "budget": ChildSpec(
            BudgetLine,
            "action_id",
            [
                Column("year", _("Year"), "int", width=60),
                Column(
                    "nature", _("Nature"), "choice", enum_choices(BudgetNature, optional=True), 110
                ),
                Column(
                    "scenario",
                    _("Forecast, committed or actual"),
                    "choice",
                    enum_choices(BudgetScenario),
                    118,
                ),
                Column("state", _("State"), "choice", enum_choices(BudgetState), 130),
                Column("amount", _("Amount"), "decimal", width=110),
                Column("precision", _("Precision"), "choice", enum_choices(AmountPrecision), 100),
                Column("unit", _("Unit"), "choice", unit_choices, 70),
                Column("scope", _("Whose"), "choice", enum_choices(BudgetScope), 170),
                Column("tax_basis", _("Tax"), "choice", enum_choices(TaxBasis), 130),
                Column("label", _("Label"), width=140),
                Column("text", _("As written")),
            ],
            defaults=lambda session: {
                "year": date.today().year,
                "state": BudgetState.TO_BE_DEFINED,
                "unit": "EUR",
            },
            parent_defaults=budget_service.next_line_defaults,
            adjust=budget_adjust,
            create=_create_budget,
            order_by="position",
        ),
        "funding": ChildSpec(
            Funding,
            "action_id",
            [
                Column("funder_id", _("Funder"), "choice", optional_organisations, 220),
                Column("programme", _("Programme"), width=140),
                Column("rate_percent", _("Rate %"), "decimal", width=70),
                Column("rate_max_percent", _("Up to %"), "decimal", width=70),
                Column(
                    "stage", _("Stage"), "choice", enum_choices(FundingStage, optional=True), 130
                ),
                Column("amount", _("Amount"), "decimal", width=110),
                Column("currency", _("Currency"), "choice", unit_choices, 70),
                Column("text", _("As written")),
            ],
            adjust=funding_adjust,
        ),
        "impacts": ChildSpec(
            Impact,
            "action_id",
            [
                Column("kind", _("Kind"), "choice", enum_choices(ImpactKind), 100),
                Column("label", _("Label"), width=200),
                Column("value", _("Value"), "decimal", width=90),
                Column("value_max", _("Up to"), "decimal", width=80),
                Column("unit", _("Unit"), width=80),
                Column("year", _("Year"), "int", width=60),
                Column(
                    "indicator_id",
                    _("Indicator"),
                    "choice",
                    lambda: [(None, ""), *indicators()],
                    180,
                ),
                Column("text", _("As written")),
            ],
            defaults=lambda session: {"kind": ImpactKind.EXPECTED, "label": _("New impact")},
        ),
        "factors": ChildSpec(
            ActionFactor,
            "action_id",
            [
                Column("kind", _("Barrier or lever"), "choice", enum_choices(FactorKind), 130),
                Column("text", _("Text")),
            ],
            defaults=lambda session: {"kind": FactorKind.LEVER, "text": _("New lever")},
        ),
        "indicators": ChildSpec(
            ActionIndicator,
            "action_id",
            [Column("indicator_id", _("Indicator"), "choice", indicators, 400)],
            defaults=lambda session: {"indicator_id": _first_id(session, Indicator)},
        ),
        "frameworks": ChildSpec(
            ActionFrameworkLink,
            "action_id",
            [Column("reference_id", _("Framework reference"), "choice", references, 400)],
            defaults=lambda session: {"reference_id": _first_id(session, FrameworkReference)},
        ),
        "notes": ChildSpec(
            ActionNote,
            "action_id",
            [
                Column("noted_on", _("Date"), "date", width=90),
                Column("author", _("Author"), width=120),
                Column("text", _("Note")),
            ],
            defaults=lambda session: {"author": context.actor.user, "text": _("New note")},
            order_by="noted_on",
        ),
        "documents": ChildSpec(
            ActionDocument,
            "action_id",
            [
                Column("title", _("Title"), width=200),
                Column("location", _("File or address")),
            ],
            defaults=lambda session: {"title": _("New document"), "location": ""},
        ),
        "tags": ChildSpec(
            ActionTag,
            "action_id",
            [
                Column("kind", _("Kind"), "choice", enum_choices(TagKind), 130),
                Column("label", _("Label")),
            ],
            defaults=lambda session: {"kind": TagKind.TAG, "label": _("new tag")},
        ),
    }
