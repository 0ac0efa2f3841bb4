"""Actions (fiches action) and what hangs off them besides money."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlmodel import Field

from .base import Entity, utcnow
from .enums import (
    ActionLinkKind,
    ActionStatus,
    DatePrecision,
    FactorKind,
    FrameworkKind,
    ParticipationLevel,
    PartnerRole,
    Priority,
    TagKind,
)
from .types import enum_column


class Action(Entity, table=True):
    __tablename__ = "action"
    __table_args__ = (
        sa.CheckConstraint(
            "progress_percent IS NULL OR (progress_percent >= 0 AND progress_percent <= 100)",
            name="ck_action_progress_percent",
        ),
        sa.CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR start_date <= end_date",
            name="ck_action_dates_ordered",
        ),
    )

    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    section_id: int | None = Field(
        default=None, foreign_key="section.id", ondelete="SET NULL", index=True
    )
    parent_id: int | None = Field(
        default=None, foreign_key="action.id", ondelete="CASCADE", index=True
    )
    position: int = 0
    code: str = Field(default="", max_length=20)
    title: str = Field(max_length=500)
    description: str = ""
    lead_organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", ondelete="SET NULL", index=True
    )
    lead_service: str = Field(default="", max_length=200)
    lead_person: str = Field(default="", max_length=200)
    elected_referent: str = Field(default="", max_length=200)
    participation: ParticipationLevel = Field(
        default=ParticipationLevel.NONE, sa_column=enum_column(ParticipationLevel)
    )
    status: ActionStatus = Field(
        default=ActionStatus.TO_COME, sa_column=enum_column(ActionStatus, index=True)
    )
    # Why the action is late, paused or blocked, as the committee should read it.
    status_reason: str = ""
    priority: Priority | None = Field(default=None, sa_column=enum_column(Priority, nullable=True))
    progress_percent: int | None = None
    # A start date is the first day of its period, an end date the last (see DatePrecision).
    start_date: date | None = None
    start_date_precision: DatePrecision = Field(
        default=DatePrecision.DAY, sa_column=enum_column(DatePrecision)
    )
    end_date: date | None = None
    end_date_precision: DatePrecision = Field(
        default=DatePrecision.DAY, sa_column=enum_column(DatePrecision)
    )
    # The calendar as the plan writes it ("during Phase 2, by March 2020", "ongoing").
    calendar_text: str = ""
    # The budget paragraph as the plan writes it; the figures live in BudgetLine.
    budget_text: str = ""
    recurring: bool = False
    confidential: bool = False
    # Status, progress and dates invented for a demonstration; reports print a marker.
    illustrative: bool = False


class ActionPartner(Entity, table=True):
    __tablename__ = "action_partner"
    __table_args__ = (sa.UniqueConstraint("action_id", "organisation_id", "role"),)

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    organisation_id: int = Field(foreign_key="organisation.id", ondelete="CASCADE", index=True)
    role: PartnerRole = Field(default=PartnerRole.PARTNER, sa_column=enum_column(PartnerRole))
    note: str = ""


class ActionLink(Entity, table=True):
    """``source`` is a local version of / depends on / relates to ``target``."""

    __tablename__ = "action_link"
    __table_args__ = (
        sa.UniqueConstraint("source_action_id", "target_action_id", "kind"),
        sa.CheckConstraint("source_action_id <> target_action_id", name="ck_action_link_not_self"),
    )

    source_action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    target_action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    kind: ActionLinkKind = Field(sa_column=enum_column(ActionLinkKind))
    note: str = ""


class ActionFactor(Entity, table=True):
    """A barrier (frein) or lever (levier) of an action."""

    __tablename__ = "action_factor"

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    kind: FactorKind = Field(sa_column=enum_column(FactorKind))
    text: str


class ActionNote(Entity, table=True):
    __tablename__ = "action_note"

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    noted_on: date = Field(default_factory=lambda: utcnow().date())
    author: str = Field(default="", max_length=200)
    text: str


class ActionDocument(Entity, table=True):
    """A document or link: a file path or a URL."""

    __tablename__ = "action_document"

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    title: str = Field(max_length=300)
    location: str = Field(max_length=2000)


class ActionTag(Entity, table=True):
    """Themes, free tags and target groups of an action."""

    __tablename__ = "action_tag"
    __table_args__ = (sa.UniqueConstraint("action_id", "kind", "label"),)

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    kind: TagKind = Field(sa_column=enum_column(TagKind))
    label: str = Field(max_length=200)


class FrameworkReference(Entity, table=True):
    """An item of an outside framework: a TRI criterion, a Kent Environment Strategy action,
    a Cit'ergie domain, a PCAET strategy domain."""

    __tablename__ = "framework_reference"
    __table_args__ = (sa.UniqueConstraint("framework", "code"),)

    framework: FrameworkKind = Field(sa_column=enum_column(FrameworkKind))
    code: str = Field(max_length=40)
    label: str = Field(max_length=500)


class ActionFrameworkLink(Entity, table=True):
    __tablename__ = "action_framework_link"
    __table_args__ = (sa.UniqueConstraint("action_id", "reference_id"),)

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    reference_id: int = Field(foreign_key="framework_reference.id", ondelete="CASCADE", index=True)


class ActionIndicator(Entity, table=True):
    __tablename__ = "action_indicator"
    __table_args__ = (sa.UniqueConstraint("action_id", "indicator_id"),)

    action_id: int = Field(foreign_key="action.id", ondelete="CASCADE", index=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE", index=True)
