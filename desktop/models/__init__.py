"""SQLModel tables and enums: the vocabulary of the domain. No I/O, no Qt.

The enums (and ``reference``) load at once; the tables, with SQLModel, pydantic and SQLAlchemy
behind them (most of a second), load on first use of any of them. The window shows itself
before that, and the command line's ``--help`` never pays for it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .enums import (
    ActionLinkKind,
    ActionStatus,
    AmountPrecision,
    BudgetNature,
    BudgetScenario,
    BudgetScope,
    BudgetState,
    ChangeKind,
    ContractPartyRole,
    DatePrecision,
    DecisionStatus,
    Direction,
    FactorKind,
    FollowUpStatus,
    FrameworkKind,
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
    TagKind,
    TaxBasis,
    TerritoryKind,
    ValueOrigin,
)

if TYPE_CHECKING:
    from sqlalchemy import MetaData

    from .action import (
        Action,
        ActionDocument,
        ActionFactor,
        ActionFrameworkLink,
        ActionIndicator,
        ActionLink,
        ActionNote,
        ActionPartner,
        ActionTag,
        FrameworkReference,
    )
    from .base import Entity, new_uuid, utcnow
    from .budget import BudgetLine, Funding, Impact
    from .contract import Contract, ContractIndicator, ContractParty, ContractTarget
    from .indicator import Indicator, Observation, Target
    from .meeting import (
        Meeting,
        MeetingAction,
        MeetingAgendaItem,
        MeetingAttendee,
        MeetingDecision,
        ReportSnapshot,
    )
    from .plan import Plan, Section, StrategicObjective
    from .reference_series import ReferenceKind, ReferenceSeries, ReferenceValue
    from .sync import SyncAlias, SyncBase, SyncEvent, SyncPeer, SyncRecord, SyncReplica, SyncSent
    from .system import ChangeLog, ImportProfile, StoreSetting
    from .territory import Commune, Organisation, Territory

    metadata: MetaData

# The modules of the tables (and helpers). All of them load together: relationships name each
# other, so the mappers need every class before the first query.
_TABLE_MODULES = (
    "action",
    "base",
    "budget",
    "contract",
    "indicator",
    "meeting",
    "plan",
    "reference_series",
    "sync",
    "system",
    "territory",
)


def _load_tables() -> None:
    from sqlmodel import SQLModel

    for module_name in _TABLE_MODULES:
        module = importlib.import_module(f"{__name__}.{module_name}")
        for name in __all__:
            if name not in globals() and hasattr(module, name):
                globals()[name] = getattr(module, name)
    globals()["metadata"] = SQLModel.metadata


def __getattr__(name: str) -> Any:
    if name in __all__:
        _load_tables()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Action",
    "ActionDocument",
    "ActionFactor",
    "ActionFrameworkLink",
    "ActionIndicator",
    "ActionLink",
    "ActionLinkKind",
    "ActionNote",
    "ActionPartner",
    "ActionStatus",
    "ActionTag",
    "AmountPrecision",
    "BudgetLine",
    "BudgetNature",
    "BudgetScenario",
    "BudgetScope",
    "BudgetState",
    "ChangeKind",
    "ChangeLog",
    "Commune",
    "Contract",
    "ContractIndicator",
    "ContractParty",
    "ContractPartyRole",
    "ContractTarget",
    "DatePrecision",
    "DecisionStatus",
    "Direction",
    "Entity",
    "FactorKind",
    "FollowUpStatus",
    "FrameworkKind",
    "FrameworkReference",
    "Funding",
    "FundingStage",
    "Impact",
    "ImpactKind",
    "ImportProfile",
    "Indicator",
    "IndicatorCategory",
    "Meeting",
    "MeetingAction",
    "MeetingAgendaItem",
    "MeetingAttendee",
    "MeetingDecision",
    "MeetingKind",
    "Observation",
    "ObservationKind",
    "Organisation",
    "OrganisationKind",
    "ParticipationLevel",
    "PartnerRole",
    "Plan",
    "PlanKind",
    "PlanStatus",
    "Priority",
    "ReferenceKind",
    "ReferenceSeries",
    "ReferenceValue",
    "ReportSnapshot",
    "Section",
    "SectionKind",
    "StoreSetting",
    "StrategicObjective",
    "StrategyDomain",
    "SyncAlias",
    "SyncBase",
    "SyncEvent",
    "SyncPeer",
    "SyncRecord",
    "SyncReplica",
    "SyncSent",
    "TagKind",
    "Target",
    "TaxBasis",
    "Territory",
    "TerritoryKind",
    "ValueOrigin",
    "metadata",
    "new_uuid",
    "utcnow",
]
