"""Enumerations of the domain.

Values are stable English identifiers stored in the database; the words users see come from
the translation catalogs (see ``desktop.labels``).
"""

from __future__ import annotations

from enum import StrEnum


class TerritoryKind(StrEnum):
    CC = "cc"  # communauté de communes
    CA = "ca"  # communauté d'agglomération
    CU = "cu"  # communauté urbaine
    METROPOLE = "metropole"
    DEPARTEMENT = "departement"
    REGION = "region"
    COUNTY = "county"
    OTHER = "other"


class OrganisationKind(StrEnum):
    PUBLIC_BODY = "public_body"
    LOCAL_AUTHORITY = "local_authority"
    COMPANY = "company"
    ASSOCIATION = "association"
    CHAMBER = "chamber"
    AGENCY = "agency"
    RESEARCH = "research"
    OTHER = "other"


class PlanKind(StrEnum):
    PCAET = "pcaet"
    ACTION_PLAN = "action_plan"
    CROSS_BORDER = "cross_border"
    OTHER = "other"


class PlanStatus(StrEnum):
    """Regulatory life of a PCAET (6 years, report after 3)."""

    IN_PREPARATION = "in_preparation"
    SUBMITTED_FOR_OPINION = "submitted_for_opinion"
    ADOPTED = "adopted"
    MIDTERM_REVIEW = "midterm_review"
    ARCHIVED = "archived"


class StrategyDomain(StrEnum):
    """The 9 domains of the PCAET strategy, article R229-51 of the Code de l'environnement."""

    GHG_REDUCTION = "ghg_reduction"
    CARBON_STORAGE = "carbon_storage"
    FINAL_ENERGY = "final_energy"
    RENEWABLE_ENERGY = "renewable_energy"
    HEAT_NETWORKS = "heat_networks"
    BIOBASED_PRODUCTS = "biobased_products"
    AIR_POLLUTANTS = "air_pollutants"
    ENERGY_NETWORKS = "energy_networks"
    ADAPTATION = "adaptation"


class SectionKind(StrEnum):
    PART = "part"
    LEVER = "lever"
    AXIS = "axis"
    SUB_AXIS = "sub_axis"
    OTHER = "other"


class ActionStatus(StrEnum):
    """The Territoires en Transitions status list."""

    TO_COME = "to_come"
    TO_DISCUSS = "to_discuss"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    LATE = "late"
    PAUSED = "paused"
    BLOCKED = "blocked"
    ABANDONED = "abandoned"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class ParticipationLevel(StrEnum):
    NONE = "none"
    INFORMATION = "information"
    CONSULTATION = "consultation"
    CONCERTATION = "concertation"
    CO_CONSTRUCTION = "co_construction"


class PartnerRole(StrEnum):
    PARTNER = "partner"
    CO_LEAD = "co_lead"
    CONTRIBUTOR = "contributor"
    OPERATOR = "operator"


class ActionLinkKind(StrEnum):
    LOCAL_VERSION_OF = "local_version_of"
    DEPENDS_ON = "depends_on"
    RELATED_TO = "related_to"


class FactorKind(StrEnum):
    BARRIER = "barrier"  # frein
    LEVER = "lever"  # levier


class TagKind(StrEnum):
    THEME = "theme"
    TAG = "tag"
    TARGET_GROUP = "target_group"


class FrameworkKind(StrEnum):
    TRI_CRITERION = "tri_criterion"
    KENT_ENVIRONMENT_STRATEGY = "kent_environment_strategy"
    CITERGIE = "citergie"
    PCAET_DOMAIN = "pcaet_domain"
    OTHER = "other"


class BudgetNature(StrEnum):
    INVESTMENT = "investment"
    OPERATING = "operating"


class BudgetScenario(StrEnum):
    FORECAST = "forecast"  # prévu
    COMMITTED = "committed"  # engagé
    ACTUAL = "actual"  # réalisé


class BudgetScope(StrEnum):
    """Whether an amount is money the plan commits, or the budget of something the action
    belongs to (a partner's whole programme, a co-financed project), printed for context."""

    OWN = "own"
    CONTEXT = "context"


class AmountPrecision(StrEnum):
    """How exact an amount is as the source writes it: "25 000 €", "environ 25 000 €",
    "plus de 5 millions d'euros"."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"


class FundingStage(StrEnum):
    """Where a funding stands: a possibility studied, applied for, granted, paid."""

    ENVISAGED = "envisaged"
    APPLIED = "applied"
    GRANTED = "granted"
    PAID = "paid"


class BudgetState(StrEnum):
    """A budget is an amount, or one of the non-numeric states plans actually write."""

    AMOUNT = "amount"
    NO_EXTRA_COST = "no_extra_cost"
    CONFIDENTIAL = "confidential"
    TO_BE_DEFINED = "to_be_defined"
    STAFF_TIME_ONLY = "staff_time_only"
    # Paid from the budget of an existing project or policy ("within the PASSAGE project").
    WITHIN_EXISTING_BUDGET = "within_existing_budget"


class TaxBasis(StrEnum):
    EXCL_VAT = "excl_vat"  # HT
    INCL_VAT = "incl_vat"  # TTC
    NOT_APPLICABLE = "not_applicable"


class ImpactKind(StrEnum):
    EXPECTED = "expected"
    MEASURED = "measured"


class IndicatorCategory(StrEnum):
    GHG_EMISSIONS = "ghg_emissions"
    ENERGY_CONSUMPTION = "energy_consumption"
    RENEWABLE_PRODUCTION = "renewable_production"
    AIR_POLLUTANTS = "air_pollutants"
    CARBON_SEQUESTRATION = "carbon_sequestration"
    OTHER = "other"


class Direction(StrEnum):
    LOWER_IS_BETTER = "lower_is_better"
    HIGHER_IS_BETTER = "higher_is_better"


class ObservationKind(StrEnum):
    """How a value was obtained."""

    MEASURED = "measured"
    # Computed by a model from activity data: regional observatories' inventories, ALDO.
    MODELLED = "modelled"
    ESTIMATED = "estimated"
    # Invented to demonstrate the product: never a fact about the territory.
    ILLUSTRATIVE = "illustrative"


class ValueOrigin(StrEnum):
    """Who produced a value. Where two origins give a value for the same year, the authority's
    own wins (``desktop.services.values``) and the other stays visible."""

    AUTHORITY = "authority"
    OBSERVATORY = "observatory"
    CITEPA = "citepa"
    ALDO = "aldo"
    # A reference trajectory (never a value of the territory, never a target of its plan).
    SNBC_REFERENCE = "snbc_reference"
    TET = "tet"
    PARTNER = "partner"
    OTHER = "other"


class DatePrecision(StrEnum):
    """How precisely a plan writes a date: "2018-09-22", "juin 2018", "été 2018", "2018".

    A start date is stored as the first day of its period, an end date as the last one, so an
    action due "summer 2018" is late only once the season is over."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"


class MeetingKind(StrEnum):
    STEERING = "steering"
    MONITORING = "monitoring"
    TECHNICAL = "technical"


class DecisionStatus(StrEnum):
    """A decision of a committee: put to it, then taken, rejected or postponed."""

    PROPOSED = "proposed"
    TAKEN = "taken"
    REJECTED = "rejected"
    POSTPONED = "postponed"


class FollowUpStatus(StrEnum):
    """What became of a decision taken, as the next committee hears it."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class ContractPartyRole(StrEnum):
    SIGNATORY = "signatory"
    FUNDER = "funder"
    BENEFICIARY = "beneficiary"


class ChangeKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
