"""Plans and their tree of sections."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from ..models import Plan, PlanKind, PlanStatus, Section, SectionKind, Territory
from . import changes
from .changes import Actor
from .validation import check_not_blank


def create_plan(
    session: Session,
    actor: Actor,
    *,
    territory_id: int,
    title: str,
    kind: PlanKind = PlanKind.PCAET,
    status: PlanStatus = PlanStatus.IN_PREPARATION,
    period_start: int | None = None,
    period_end: int | None = None,
    reference_year: int | None = None,
    description: str = "",
) -> Plan:
    plan = Plan(
        territory_id=territory_id,
        title=check_not_blank(title, "title"),
        kind=kind,
        status=status,
        period_start=period_start,
        period_end=period_end,
        reference_year=reference_year,
        description=description,
    )
    return changes.create(session, plan, actor)


def list_plans(session: Session, territory_id: int | None = None) -> list[Plan]:
    query = select(Plan).order_by(col(Plan.title))
    if territory_id is not None:
        query = query.where(Plan.territory_id == territory_id)
    return list(session.exec(query))


def create_section(
    session: Session,
    actor: Actor,
    *,
    plan_id: int,
    title: str,
    code: str = "",
    kind: SectionKind = SectionKind.AXIS,
    parent_id: int | None = None,
    description: str = "",
    position: int | None = None,
) -> Section:
    if position is None:
        position = _next_position(session, plan_id, parent_id)
    section = Section(
        plan_id=plan_id,
        parent_id=parent_id,
        title=check_not_blank(title, "title"),
        code=code,
        kind=kind,
        description=description,
        position=position,
    )
    return changes.create(session, section, actor)


def _next_position(session: Session, plan_id: int, parent_id: int | None) -> int:
    query = select(func.max(Section.position)).where(Section.plan_id == plan_id)
    query = query.where(
        col(Section.parent_id).is_(None) if parent_id is None else Section.parent_id == parent_id
    )
    current = session.exec(query).one()
    return 0 if current is None else int(current) + 1


@dataclass
class SectionNode:
    section: Section
    children: list[SectionNode] = field(default_factory=list)

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Section]]:
        yield depth, self.section
        for child in self.children:
            yield from child.walk(depth + 1)


def section_tree(session: Session, plan_id: int) -> list[SectionNode]:
    """The plan's sections as a forest, ordered by position at each level."""
    sections = session.exec(
        select(Section)
        .where(Section.plan_id == plan_id)
        .order_by(col(Section.position), col(Section.id))
    ).all()
    nodes = {s.id: SectionNode(s) for s in sections}
    roots: list[SectionNode] = []
    for section in sections:
        node = nodes[section.id]
        parent = nodes.get(section.parent_id) if section.parent_id is not None else None
        (parent.children if parent is not None else roots).append(node)
    return roots


def flat_sections(session: Session, plan_id: int) -> list[tuple[int, Section]]:
    """Depth-first (depth, section) pairs, as a tree view or a report lists them."""
    return [pair for root in section_tree(session, plan_id) for pair in root.walk()]


def first_territory(session: Session) -> int | None:
    """The store's first territory, the one the window opens on (kept here, beside the plans,
    so the window finds it without importing the analysis services and numpy at start-up)."""
    first = session.exec(select(Territory.id).order_by(col(Territory.id))).first()
    return int(first) if first is not None else None


def main_plan(session: Session, territory_id: int | None) -> int | None:
    """The territory's PCAET, else its first plan ."""
    query = select(Plan.id, Plan.kind).order_by(col(Plan.id))
    if territory_id is not None:
        query = query.where(Plan.territory_id == territory_id)
    rows = session.exec(query).all()
    pcaet = [plan_id for plan_id, kind in rows if kind == PlanKind.PCAET]
    chosen = pcaet[0] if pcaet else (rows[0][0] if rows else None)
    return int(chosen) if chosen is not None else None
