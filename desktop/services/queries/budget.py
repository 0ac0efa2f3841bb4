"""Budget lines and fundings, as the workbook lists them."""

from __future__ import annotations

from collections.abc import Iterator

from sqlmodel import Session, col, select

from ...models import BudgetLine, Funding


def budget_lines_in_order(session: Session) -> Iterator[BudgetLine]:
    """Every budget line, by action then position."""
    query = select(BudgetLine).order_by(col(BudgetLine.action_id), col(BudgetLine.position))
    return iter(session.exec(query))


def fundings_in_order(session: Session) -> Iterator[Funding]:
    """Every funding, by action then entry."""
    return iter(session.exec(select(Funding).order_by(col(Funding.action_id), col(Funding.id))))
