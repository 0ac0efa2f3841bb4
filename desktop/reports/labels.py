"""The words reports and workbooks print for the stored codes (translated at use)."""

from __future__ import annotations

from enum import Enum

from ..i18n import N_, _
from ..models import (
    ActionStatus,
    BudgetNature,
    BudgetScenario,
    BudgetState,
    Direction,
    IndicatorCategory,
    ObservationKind,
    OrganisationKind,
    ParticipationLevel,
    Priority,
    TaxBasis,
)
from ..models.reference import SECTORS

_LABELS: dict[Enum | str, str] = {
    ActionStatus.TO_COME: N_("To come"),
    ActionStatus.TO_DISCUSS: N_("To discuss"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
    ActionStatus.LATE: N_("Late"),
    ActionStatus.PAUSED: N_("Paused"),
    ActionStatus.BLOCKED: N_("Blocked"),
    ActionStatus.ABANDONED: N_("Abandoned"),
    Priority.HIGH: N_("High"),
    Priority.MEDIUM: N_("Medium"),
    Priority.LOW: N_("Low"),
    BudgetState.AMOUNT: N_("Amount"),
    BudgetState.NO_EXTRA_COST: N_("No extra cost"),
    BudgetState.CONFIDENTIAL: N_("Confidential"),
    BudgetState.TO_BE_DEFINED: N_("To be defined"),
    BudgetState.STAFF_TIME_ONLY: N_("Staff time only"),
    BudgetNature.INVESTMENT: N_("Investment"),
    BudgetNature.OPERATING: N_("Operating"),
    BudgetScenario.FORECAST: N_("Forecast"),
    BudgetScenario.ACTUAL: N_("Actual"),
    TaxBasis.EXCL_VAT: N_("excl. VAT"),
    TaxBasis.INCL_VAT: N_("incl. VAT"),
    TaxBasis.NOT_APPLICABLE: N_("n/a"),
    ObservationKind.MEASURED: N_("Measured"),
    ObservationKind.ESTIMATED: N_("Estimated"),
    Direction.LOWER_IS_BETTER: N_("Lower is better"),
    Direction.HIGHER_IS_BETTER: N_("Higher is better"),
    IndicatorCategory.GHG_EMISSIONS: N_("Greenhouse gas emissions"),
    IndicatorCategory.ENERGY_CONSUMPTION: N_("Energy consumption"),
    IndicatorCategory.RENEWABLE_PRODUCTION: N_("Renewable production"),
    IndicatorCategory.AIR_POLLUTANTS: N_("Air pollutants"),
    IndicatorCategory.CARBON_SEQUESTRATION: N_("Carbon sequestration"),
    IndicatorCategory.OTHER: N_("Other"),
    ParticipationLevel.NONE: N_("None"),
    ParticipationLevel.INFORMATION: N_("Information"),
    ParticipationLevel.CONSULTATION: N_("Consultation"),
    ParticipationLevel.CONCERTATION: N_("Concertation"),
    ParticipationLevel.CO_CONSTRUCTION: N_("Co-construction"),
    OrganisationKind.PUBLIC_BODY: N_("Public body"),
    OrganisationKind.LOCAL_AUTHORITY: N_("Local authority"),
    OrganisationKind.COMPANY: N_("Company"),
    OrganisationKind.ASSOCIATION: N_("Association"),
    OrganisationKind.CHAMBER: N_("Chamber"),
    OrganisationKind.AGENCY: N_("Agency"),
    OrganisationKind.RESEARCH: N_("Research"),
    OrganisationKind.OTHER: N_("Other"),
    "on_track": N_("On track"),
    "slightly_behind": N_("Slightly behind"),
    "off_track": N_("Off track"),
    "no_data": N_("Not assessed"),
    "committee": N_("Steering committee report"),
    "midterm": N_("PCAET mid-term report"),
    "cotri": N_("COTRI yearly report"),
}

_SECTORS: dict[str, str] = {
    "residential": N_("Residential"),
    "tertiary": N_("Tertiary"),
    "road_transport": N_("Road transport"),
    "other_transport": N_("Other transport"),
    "agriculture": N_("Agriculture"),
    "waste": N_("Waste"),
    "industry_excl_energy": N_("Industry (excluding energy)"),
    "energy_industry": N_("Energy industry"),
}
assert set(_SECTORS) == set(SECTORS)


def label(value: Enum | str | None) -> str:
    """The translated word for an enum member or a known code; the code itself otherwise."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Enum) and value in _SECTORS:
        return _(_SECTORS[value])
    text = _LABELS.get(value)
    if text is None and isinstance(value, str):
        text = _SECTORS.get(value)
    return _(text) if text is not None else str(getattr(value, "value", value))


def choices(enum_cls: type[Enum]) -> list[str]:
    """The translated words of every member, in order (for drop-down lists)."""
    return [label(member) for member in enum_cls]
