"""COTRI contracts as the reports and the workbook list them (their achievement is
``services.contracts.achievement``)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from ...models import Contract, ContractIndicator, ContractParty, ContractPartyRole, Organisation


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
