"""The words users read for each code of the domain, through the catalogs.

One place for every enum, reference list and stored code, so the window, the reports, the charts
and the importers say "En cours" for ``in_progress`` alike. Free of Qt and of the services, so
every layer can use it: codes of the services' own enums (a trajectory's status) are known here
by their values.
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Final

from .i18n import N_, _
from .models import (
    ActionLinkKind,
    ActionStatus,
    AmountPrecision,
    BudgetNature,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    ContractPartyRole,
    DatePrecision,
    DecisionStatus,
    Direction,
    FactorKind,
    FollowUpStatus,
    FundingStage,
    ImpactKind,
    IndicatorCategory,
    MeetingKind,
    ObservationKind,
    OrganisationKind,
    ParticipationLevel,
    PartnerRole,
    PlanKind,
    PlanStatus,
    Priority,
    SectionKind,
    StrategyDomain,
    TaxBasis,
    TerritoryKind,
    ValueOrigin,
)
from .models.reference import SECTORS

# (member, words) pairs: members of string enums with the same value are equal ("other" is a
# territory kind, an indicator category...), so they are keyed by their enum too.
_LABEL_PAIRS: Final[tuple[tuple[Enum, str], ...]] = (
    (ActionStatus.TO_COME, N_("To come")),
    (ActionStatus.TO_DISCUSS, N_("To discuss")),
    (ActionStatus.IN_PROGRESS, N_("In progress")),
    (ActionStatus.DONE, N_("Done")),
    (ActionStatus.LATE, N_("Late")),
    (ActionStatus.PAUSED, N_("Paused")),
    (ActionStatus.BLOCKED, N_("Blocked")),
    (ActionStatus.ABANDONED, N_("Abandoned")),
    (Priority.HIGH, N_("High")),
    (Priority.MEDIUM, N_("Medium")),
    (Priority.LOW, N_("Low")),
    (ParticipationLevel.NONE, N_("No participation")),
    (ParticipationLevel.INFORMATION, N_("Information")),
    (ParticipationLevel.CONSULTATION, N_("Consultation")),
    (ParticipationLevel.CONCERTATION, N_("Concertation")),
    (ParticipationLevel.CO_CONSTRUCTION, N_("Co-construction")),
    (TerritoryKind.CC, N_("Communauté de communes")),
    (TerritoryKind.CA, N_("Communauté d'agglomération")),
    (TerritoryKind.CU, N_("Communauté urbaine")),
    (TerritoryKind.METROPOLE, N_("Métropole")),
    (TerritoryKind.DEPARTEMENT, N_("Département")),
    (TerritoryKind.REGION, N_("Region")),
    (TerritoryKind.COUNTY, N_("County")),
    (TerritoryKind.OTHER, N_("Other territory")),
    (OrganisationKind.PUBLIC_BODY, N_("Public body")),
    (OrganisationKind.LOCAL_AUTHORITY, N_("Local authority")),
    (OrganisationKind.COMPANY, N_("Company")),
    (OrganisationKind.ASSOCIATION, N_("Association")),
    (OrganisationKind.CHAMBER, N_("Chamber")),
    (OrganisationKind.AGENCY, N_("Agency")),
    (OrganisationKind.RESEARCH, N_("Research or education")),
    (OrganisationKind.OTHER, N_("Other organisation")),
    (PlanKind.PCAET, N_("PCAET")),
    (PlanKind.ACTION_PLAN, N_("Action plan")),
    (PlanKind.CROSS_BORDER, N_("Cross-border action plan")),
    (PlanKind.OTHER, N_("Other plan")),
    (PlanStatus.IN_PREPARATION, N_("In preparation")),
    (PlanStatus.SUBMITTED_FOR_OPINION, N_("Submitted for opinion")),
    (PlanStatus.ADOPTED, N_("Adopted")),
    (PlanStatus.MIDTERM_REVIEW, N_("Mid-term review")),
    (PlanStatus.ARCHIVED, N_("Archived")),
    (StrategyDomain.GHG_REDUCTION, N_("Greenhouse gas reduction")),
    (StrategyDomain.CARBON_STORAGE, N_("Carbon storage")),
    (StrategyDomain.FINAL_ENERGY, N_("Final energy consumption")),
    (StrategyDomain.RENEWABLE_ENERGY, N_("Renewable and recovered energy")),
    (StrategyDomain.HEAT_NETWORKS, N_("Heat networks")),
    (StrategyDomain.BIOBASED_PRODUCTS, N_("Bio-based products")),
    (StrategyDomain.AIR_POLLUTANTS, N_("Air pollutants")),
    (StrategyDomain.ENERGY_NETWORKS, N_("Energy networks")),
    (StrategyDomain.ADAPTATION, N_("Adaptation to climate change")),
    (SectionKind.PART, N_("Part")),
    (SectionKind.LEVER, N_("Lever")),
    (SectionKind.AXIS, N_("Axis")),
    (SectionKind.SUB_AXIS, N_("Sub-axis")),
    (SectionKind.OTHER, N_("Section")),
    (PartnerRole.PARTNER, N_("Partner")),
    (PartnerRole.CO_LEAD, N_("Co-lead")),
    (PartnerRole.CONTRIBUTOR, N_("Contributor")),
    (PartnerRole.OPERATOR, N_("Operator")),
    (ActionLinkKind.LOCAL_VERSION_OF, N_("Is a local version of")),
    (ActionLinkKind.DEPENDS_ON, N_("Depends on")),
    (ActionLinkKind.RELATED_TO, N_("Related to")),
    (FactorKind.BARRIER, N_("Barrier")),
    (FactorKind.LEVER, N_("Lever")),
    (BudgetNature.INVESTMENT, N_("Investment")),
    (BudgetNature.OPERATING, N_("Operating")),
    (BudgetScenario.FORECAST, N_("Forecast")),
    (BudgetScenario.COMMITTED, N_("Committed")),
    (BudgetScenario.ACTUAL, N_("Actual")),
    (BudgetScope.OWN, N_("Plan's own commitment")),
    (BudgetScope.CONTEXT, N_("Context (not the plan's money)")),
    (AmountPrecision.EXACT, N_("Exact")),
    (AmountPrecision.APPROXIMATE, N_("Approximate")),
    (AmountPrecision.AT_LEAST, N_("At least")),
    (FundingStage.ENVISAGED, N_("Possibility studied")),
    (FundingStage.APPLIED, N_("Applied for")),
    (FundingStage.GRANTED, N_("Granted")),
    (FundingStage.PAID, N_("Paid")),
    (BudgetState.AMOUNT, N_("Amount")),
    (BudgetState.NO_EXTRA_COST, N_("No extra cost")),
    (BudgetState.CONFIDENTIAL, N_("Confidential")),
    (BudgetState.TO_BE_DEFINED, N_("To be defined")),
    (BudgetState.STAFF_TIME_ONLY, N_("Staff time only")),
    (BudgetState.WITHIN_EXISTING_BUDGET, N_("Within an existing budget")),
    (TaxBasis.EXCL_VAT, N_("excl. VAT")),
    (TaxBasis.INCL_VAT, N_("incl. VAT")),
    (TaxBasis.NOT_APPLICABLE, N_("VAT not applicable")),
    (ImpactKind.EXPECTED, N_("Expected")),
    (ImpactKind.MEASURED, N_("Measured")),
    (IndicatorCategory.GHG_EMISSIONS, N_("Greenhouse gas emissions")),
    (IndicatorCategory.ENERGY_CONSUMPTION, N_("Energy consumption")),
    (IndicatorCategory.RENEWABLE_PRODUCTION, N_("Renewable energy production")),
    (IndicatorCategory.AIR_POLLUTANTS, N_("Air pollutants")),
    (IndicatorCategory.CARBON_SEQUESTRATION, N_("Carbon sequestration")),
    (IndicatorCategory.OTHER, N_("Other indicators")),
    (Direction.LOWER_IS_BETTER, N_("Lower is better")),
    (Direction.HIGHER_IS_BETTER, N_("Higher is better")),
    (ObservationKind.MEASURED, N_("Measured")),
    (ObservationKind.MODELLED, N_("Modelled")),
    (ObservationKind.ESTIMATED, N_("Estimated")),
    (ObservationKind.ILLUSTRATIVE, N_("Illustrative")),
    (ValueOrigin.AUTHORITY, N_("The authority")),
    (ValueOrigin.OBSERVATORY, N_("Regional observatory")),
    (ValueOrigin.CITEPA, N_("CITEPA")),
    (ValueOrigin.ALDO, N_("ALDO (ADEME)")),
    (ValueOrigin.SNBC_REFERENCE, N_("SNBC reference")),
    (ValueOrigin.TET, N_("Territoires en Transitions")),
    (ValueOrigin.PARTNER, N_("Partner")),
    (ValueOrigin.OTHER, N_("Other source")),
    (DatePrecision.DAY, N_("Day")),
    (DatePrecision.MONTH, N_("Month")),
    (DatePrecision.SEASON, N_("Season")),
    (DatePrecision.YEAR, N_("Year")),
    (MeetingKind.STEERING, N_("Steering committee")),
    (MeetingKind.MONITORING, N_("Monitoring committee")),
    (MeetingKind.TECHNICAL, N_("Technical committee")),
    (DecisionStatus.PROPOSED, N_("To be decided")),
    (DecisionStatus.TAKEN, N_("Taken")),
    (DecisionStatus.REJECTED, N_("Rejected")),
    (DecisionStatus.POSTPONED, N_("Postponed")),
    (FollowUpStatus.NOT_STARTED, N_("Not started")),
    (FollowUpStatus.IN_PROGRESS, N_("Under way")),
    (FollowUpStatus.DONE, N_("Done")),
    (FollowUpStatus.DROPPED, N_("Dropped")),
    (ContractPartyRole.SIGNATORY, N_("Signatory")),
    (ContractPartyRole.FUNDER, N_("Funder")),
    (ContractPartyRole.BENEFICIARY, N_("Beneficiary")),
)
_LABELS: Final[dict[tuple[type[Enum], object], str]] = {
    (type(member), member.value): text for member, text in _LABEL_PAIRS
}

# Codes that are not members of a model's enum: where an indicator stands against its
# trajectory (``services.trajectory.TrackStatus``). Report kinds are named by their registry
# (``reports.kinds``).
_CODE_WORDS: Final[dict[str, str]] = {
    "on_track": N_("On track"),
    "slightly_behind": N_("Slightly behind"),
    "off_track": N_("Off track"),
    "unknown": N_("Not assessed"),
}
# The change log keeps old and new values as plain text: these are the codes it can hold.
_LOGGED_CODES: Final[dict[str, Enum]] = {
    member.value: member
    for enum_cls in (ObservationKind, Priority, BudgetState, ActionStatus)
    for member in enum_cls
}
# Renewable filières get shorter names in chart legends, where they stand beside small swatches.
_LEGEND_WORDS: Final[dict[str, str]] = {
    "elec_onshore_wind": N_("Onshore wind"),
    "elec_solar_pv": N_("Solar photovoltaic"),
    "elec_solar_thermodynamic": N_("Thermodynamic solar"),
    "elec_hydro": N_("Hydropower"),
    "elec_solid_biomass": N_("Biomass electricity"),
    "elec_biogas": N_("Biogas electricity"),
    "elec_geothermal": N_("Geothermal electricity"),
    "heat_solid_biomass": N_("Biomass heat"),
    "heat_pumps": N_("Heat pumps"),
    "heat_geothermal": N_("Geothermal heat"),
    "heat_solar_thermal": N_("Solar thermal"),
    "heat_biogas": N_("Biogas heat"),
    "biomethane": N_("Biomethane"),
    "biofuels": N_("Biofuels"),
    "": N_("Total"),
}
_ACTION_STATUSES: Final[dict[str, ActionStatus]] = {s.value: s for s in ActionStatus}
_SECTOR_CODES: Final[frozenset[str]] = frozenset(SECTORS)

_DIMENSIONS: Final[dict[str, str]] = {
    "residential": N_("Residential"),
    "tertiary": N_("Tertiary"),
    "road_transport": N_("Road transport"),
    "other_transport": N_("Other transport"),
    "agriculture": N_("Agriculture"),
    "waste": N_("Waste"),
    # The arrêté of 4 August 2016's words: "Industrie hors branche énergie", "Branche énergie".
    "industry_excl_energy": N_("Industry excluding energy branch"),
    "energy_industry": N_("Energy branch"),
    "nox": N_("Nitrogen oxides (NOx)"),
    "pm10": N_("Particulate matter PM10"),
    "pm2_5": N_("Particulate matter PM2.5"),
    "cov": N_("Volatile organic compounds (COV)"),
    "so2": N_("Sulphur dioxide (SO2)"),
    "nh3": N_("Ammonia (NH3)"),
    "elec_onshore_wind": N_("Onshore wind (electricity)"),
    "elec_solar_pv": N_("Solar photovoltaic (electricity)"),
    "elec_solar_thermodynamic": N_("Solar thermodynamic (electricity)"),
    "elec_hydro": N_("Hydropower (electricity)"),
    "elec_solid_biomass": N_("Solid biomass (electricity)"),
    "elec_biogas": N_("Biogas (electricity)"),
    "elec_geothermal": N_("Geothermal (electricity)"),
    "heat_solid_biomass": N_("Solid biomass (heat)"),
    "heat_pumps": N_("Heat pumps (heat)"),
    "heat_geothermal": N_("Geothermal (heat)"),
    "heat_solar_thermal": N_("Solar thermal (heat)"),
    "heat_biogas": N_("Biogas (heat)"),
    "elec_waste_incineration": N_("Waste incineration (electricity)"),
    "elec_marine": N_("Tidal stream (electricity)"),
    "heat_waste_incineration": N_("Waste incineration (heat)"),
    "heat_other": N_("Other sources (heat)"),
    "biomethane": N_("Biomethane"),
    "biofuels": N_("Biofuels"),
    "agricultural_soils": N_("Agricultural soils"),
    "forest": N_("Forest"),
    "land_use_change": N_("Land-use change"),
    "other_soils": N_("Other soils"),
    "wood_products": N_("Wood products"),
    "carrier_electricity": N_("Electricity"),
    "carrier_gas": N_("Gas"),
    "carrier_oil": N_("Oil products"),
    "carrier_wood": N_("Wood energy"),
    "carrier_heat_networks": N_("Heat and cold from networks"),
    "carrier_solid_fuels": N_("Solid fuels"),
    "carrier_other": N_("Other energy carriers"),
    "heat_networks": N_("Heat networks"),
    "recovered_heat": N_("Recovered heat"),
    "storage": N_("Energy storage"),
}


# Headings of the navigation's groups of territories, in the order they are listed: the
# French names of French institutions stay French in every language, as their kinds do.
_TERRITORY_GROUPS: Final[dict[TerritoryKind, str]] = {
    TerritoryKind.METROPOLE: N_("Métropoles"),
    TerritoryKind.CU: N_("Communautés urbaines"),
    TerritoryKind.CA: N_("Communautés d'agglomération"),
    TerritoryKind.CC: N_("Communautés de communes"),
    TerritoryKind.DEPARTEMENT: N_("Départements"),
    TerritoryKind.REGION: N_("Regions"),
    TerritoryKind.COUNTY: N_("Counties"),
    TerritoryKind.OTHER: N_("Other areas"),
}
TERRITORY_GROUP_ORDER: Final[tuple[TerritoryKind, ...]] = tuple(_TERRITORY_GROUPS)


def territory_group(kind: TerritoryKind | str) -> str:
    """The heading of a group of territories of one kind ("Communautés de communes")."""
    try:
        return _(_TERRITORY_GROUPS[TerritoryKind(kind)])
    except ValueError:
        return _(_TERRITORY_GROUPS[TerritoryKind.OTHER])


def label(value: Enum | str | None) -> str:
    """The translated word for an enum member or a stored code: a sector, a trajectory's
    status, a report kind, a value the change log kept; the code itself if none is defined."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        text = _LABELS.get((type(value), value.value))
        if text is not None:
            return _(text)
        value = str(value.value)
    if value in _CODE_WORDS:
        return _(_CODE_WORDS[value])
    if value in _SECTOR_CODES:
        return dimension_label(value)
    if value in _LOGGED_CODES:
        return label(_LOGGED_CODES[value])
    return value


def legend_label(code: str) -> str:
    """The word a chart's legend or axis prints for a code: a filière's short name, a status,
    a sector; the code with spaces for underscores if none is defined."""
    text = _LEGEND_WORDS.get(code) or _CODE_WORDS.get(code)
    if text is not None:
        return _(text)
    if code in _ACTION_STATUSES:
        return label(_ACTION_STATUSES[code])
    if code in _SECTOR_CODES:
        return dimension_label(code)
    return code.replace("_", " ")


def no_section() -> str:
    """What stands for the section of an action filed under none."""
    return _("No section")


def shorten(text: str, limit: int = 42) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, for a tick or a tile."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def provenance(kind: ObservationKind | str, origin: ValueOrigin | str) -> str:
    """How a value was obtained and, when not the authority's own, who produced it:
    "Measured", "Modelled — Regional observatory"."""
    how = label(ObservationKind(kind))
    if ValueOrigin(origin) == ValueOrigin.AUTHORITY:
        return how
    return _("{how} — {who}").format(how=how, who=label(ValueOrigin(origin)))


def dimension_label(code: str) -> str:
    """The translated name of a sector, pollutant, filière or reservoir code."""
    text = _DIMENSIONS.get(code)
    return _(text) if text is not None else code


def choices(enum_cls: type[Enum]) -> list[tuple[Enum, str]]:
    """(member, translated label) pairs in declaration order, for combo boxes and lists."""
    return [(member, label(member)) for member in enum_cls]


def words(enum_cls: type[Enum]) -> list[str]:
    """The translated words of every member, in order (a workbook's drop-down lists)."""
    return [label(member) for member in enum_cls]


# French acronyms kept as they are in every language; partners in Kent or Flanders read what
# they stand for in a tooltip (issue 7). French users get the expanded French name.
_TERMS: Final[dict[str, str]] = {
    "PCAET": N_(
        "PCAET (Plan Climat-Air-Énergie Territorial): the climate, air and energy plan that a "
        "French inter-municipal authority adopts for six years, with its strategy, action plan "
        "and monitoring."
    ),
    "COTRI": N_(
        "COTRI (Contrat d'Objectifs Territorial pour la Troisième Révolution Industrielle): an "
        "objective contract between an authority, ADEME and the Hauts-de-France region, with "
        "yearly targets for the energy transition."
    ),
    "EPCI": N_(
        "EPCI (Établissement Public de Coopération Intercommunale): a French inter-municipal "
        "authority, such as a communauté de communes or d'agglomération."
    ),
}
TERMS: Final[tuple[str, ...]] = tuple(_TERMS)


def term_explanation(term: str) -> str:
    """What a domain acronym (PCAET, COTRI, EPCI) stands for, translated; "" if unknown."""
    text = _TERMS.get(term.strip().upper())
    return _(text) if text is not None else ""


def terms_tooltip(text: str) -> str:
    """The explanations of every domain acronym that ``text`` mentions, one per line, for the
    tooltip of a label, column header or menu entry that shows it; "" if it names none."""
    words = set(re.findall(r"[A-Za-z]+", text))
    return "\n".join(_(_TERMS[term]) for term in TERMS if term in words)
