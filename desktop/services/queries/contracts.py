"""COTRI contracts as the reports and the workbook list them (their achievement is
``services.contracts.achievement``)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlmodel import Session, col, select

from ...models import (
    Contract,
    ContractIndicator,
    ContractParty,
    ContractPartyRole,
    ContractTarget,
    Indicator,
    Organisation,
)


def contracts_by_id(session: Session) -> list[Contract]:
    """Every contract, in the order they were entered."""
    return list(session.exec(select(Contract).order_by(col(Contract.id))))


def contracts_among(session: Session, ids: Iterable[int]) -> list[Contract]:
    """These contracts, in the order given (an id no longer there is skipped)."""
    found = [session.get(Contract, i) for i in ids]
    return [c for c in found if c is not None]


def contract_links(session: Session, contract_id: int) -> dict[int, ContractIndicator]:
    """The contract's indicators (weight, objective) by link id."""
    query = select(ContractIndicator).where(ContractIndicator.contract_id == contract_id)
    return {link.pk: link for link in session.exec(query)}


def contract_funders(
    session: Session, contract_id: int | None
) -> list[tuple[ContractParty, Organisation]]:
    """The contract's funders with their organisations, by name."""
    query = (
        select(ContractParty, Organisation)
        .join(Organisation, col(Organisation.id) == col(ContractParty.organisation_id))
        .where(
            ContractParty.contract_id == contract_id,
            ContractParty.role == ContractPartyRole.FUNDER,
        )
        .order_by(col(Organisation.name))
    )
    return [(party, organisation) for party, organisation in session.exec(query)]


def yearly_targets(session: Session, link_id: int) -> dict[int, Decimal]:
    """The yearly targets of one contractual indicator (a contract-indicator link), by year."""
    query = select(ContractTarget).where(ContractTarget.contract_indicator_id == link_id)
    return {target.year: target.value for target in session.exec(query)}


def contract_and_indicator(
    session: Session, contract_id: int, indicator_id: int
) -> tuple[Contract, Indicator] | None:
    """The contract and the indicator charted against it; None when either is gone."""
    contract = session.get(Contract, contract_id)
    indicator = session.get(Indicator, indicator_id)
    if contract is None or indicator is None:
        return None
    return contract, indicator
