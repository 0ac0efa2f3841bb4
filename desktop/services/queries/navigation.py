"""What the window's navigation tree shows: territories, plans and their sections, how many
actions sit under each, the indicators holding data, contracts and committee meetings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from ...models import Action, Contract, Indicator, Meeting, Plan, Section, Territory
from .. import indicators as indicator_service


@dataclass(frozen=True)
class PlanOutline:
    """Every plan with its sections, and how many top-level actions each holds: a section
    (or a plan, for actions outside any section) with some gets a row to expand."""

    plans: list[Plan]
    sections: list[Section]  # by plan, then position, then id
    actions_by_section: dict[int | None, int]
    loose_actions_by_plan: dict[int, int]


@dataclass(frozen=True)
class NavigationOutline:
    territories: list[Territory]  # by name
    with_plan: frozenset[int]  # ids of the territories that have a plan
    plans: PlanOutline | None = None
    indicators: list[Indicator] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)


def navigation_outline(
    session: Session,
    *,
    plans: bool = True,
    indicators: bool = True,
    contracts: bool = True,
    meetings: bool = True,
) -> NavigationOutline:
    """What the tree shows, in a fixed number of queries whatever the store's size; each
    flag leaves out a branch whose view is not available."""
    territories = list(session.exec(select(Territory).order_by(col(Territory.name))))
    with_plan = frozenset(session.exec(select(Plan.territory_id).distinct()))
    return NavigationOutline(
        territories=territories,
        with_plan=with_plan,
        plans=plan_outline(session) if plans else None,
        # Those holding a value or a target: the referential's empty ones would bury them.
        indicators=indicator_service.list_indicators(session, used_only=True) if indicators else [],
        contracts=list(
            session.exec(select(Contract).order_by(col(Contract.period_start), col(Contract.title)))
        )
        if contracts
        else [],
        meetings=list(session.exec(select(Meeting).order_by(col(Meeting.held_on).desc())))
        if meetings
        else [],
    )


def plan_outline(session: Session) -> PlanOutline:
    top = col(Action.parent_id).is_(None)
    return PlanOutline(
        plans=list(session.exec(select(Plan).order_by(col(Plan.title)))),
        sections=list(
            session.exec(
                select(Section).order_by(
                    col(Section.plan_id), col(Section.position), col(Section.id)
                )
            )
        ),
        actions_by_section=dict(
            session.exec(
                select(Action.section_id, func.count()).where(top).group_by(col(Action.section_id))
            ).all()
        ),
        loose_actions_by_plan=dict(
            session.exec(
                select(Action.plan_id, func.count())
                .where(top, col(Action.section_id).is_(None))
                .group_by(col(Action.plan_id))
            ).all()
        ),
    )


def top_actions(
    session: Session, *, section_id: int | None = None, plan_id: int | None = None
) -> list[tuple[int, str, str]]:
    """(id, code, title) of the actions directly in a section, or else in a plan outside any
    section, in their order."""
    query = select(Action.id, Action.code, Action.title).where(col(Action.parent_id).is_(None))
    if section_id is not None:
        query = query.where(Action.section_id == section_id)
    else:
        query = query.where(Action.plan_id == plan_id, col(Action.section_id).is_(None))
    query = query.order_by(col(Action.position), col(Action.id))
    return [(i, code, title) for i, code, title in session.exec(query) if i is not None]
