"""Where each organisation is used: lead of, partner of, funder of, party of, attendee at."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..models import (
    Action,
    ActionPartner,
    Contract,
    ContractParty,
    Funding,
    MeetingAttendee,
)


@dataclass
class Usage:
    """Counts per role, and the labels of what uses the organisation."""

    lead_of: list[str] = field(default_factory=list)
    partner_of: list[str] = field(default_factory=list)
    funder_of: list[str] = field(default_factory=list)
    party_of: list[str] = field(default_factory=list)
    attendances: int = 0

    @property
    def total(self) -> int:
        return (
            len(self.lead_of)
            + len(self.partner_of)
            + len(self.funder_of)
            + len(self.party_of)
            + self.attendances
        )


def _action_label(code: str, title: str) -> str:
    return f"{code} {title}".strip()


def usage(session: Session, organisation_id: int) -> Usage:
    """The actions, fundings and contracts one organisation appears in."""
    result = Usage()
    for code, title in session.exec(
        select(col(Action.code), col(Action.title)).where(
            Action.lead_organisation_id == organisation_id
        )
    ):
        result.lead_of.append(_action_label(code, title))
    for code, title in session.exec(
        select(col(Action.code), col(Action.title))
        .join(ActionPartner, col(ActionPartner.action_id) == col(Action.id))
        .where(ActionPartner.organisation_id == organisation_id)
        .distinct()
    ):
        result.partner_of.append(_action_label(code, title))
    for code, title in session.exec(
        select(col(Action.code), col(Action.title))
        .join(Funding, col(Funding.action_id) == col(Action.id))
        .where(Funding.funder_id == organisation_id)
        .distinct()
    ):
        result.funder_of.append(_action_label(code, title))
    for title in session.exec(
        select(col(Contract.title))
        .join(ContractParty, col(ContractParty.contract_id) == col(Contract.id))
        .where(ContractParty.organisation_id == organisation_id)
        .distinct()
    ):
        result.party_of.append(str(title))
    result.attendances = int(
        session.exec(
            select(func.count()).where(MeetingAttendee.organisation_id == organisation_id)
        ).one()
    )
    return result


def usage_counts(session: Session) -> dict[int, dict[str, int]]:
    """For every organisation: how many actions it leads, partners and funds, contracts it is
    party to (five grouped queries, for the organisations list)."""
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: {"lead": 0, "partner": 0, "funder": 0, "party": 0}
    )
    queries = (
        ("lead", col(Action.lead_organisation_id)),
        ("partner", col(ActionPartner.organisation_id)),
        ("funder", col(Funding.funder_id)),
        ("party", col(ContractParty.organisation_id)),
    )
    for key, column in queries:
        for org_id, count in session.exec(
            select(column, func.count()).where(column.is_not(None)).group_by(column)
        ):
            if org_id is not None:
                counts[int(org_id)][key] = int(count)
    return dict(counts)
