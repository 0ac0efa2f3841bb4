"""What the contract view reads besides the contract service's own lists and achievement."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from ...models import ContractTarget


def yearly_targets(session: Session, link_id: int) -> dict[int, Decimal]:
    """The yearly targets of one contractual indicator (a contract-indicator link), by year."""
    query = select(ContractTarget).where(ContractTarget.contract_indicator_id == link_id)
    return {target.year: target.value for target in session.exec(query)}
