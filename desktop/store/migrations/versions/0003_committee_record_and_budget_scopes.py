"""committee record (agenda, decisions), budget scope and precision, funding stage and rate
range, reason of an action's status

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.models.types

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    # The new columns keep their server defaults: rows written without them (bulk inserts of
    # older code, imports) get the same values as the model gives.
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "precision",
                _enum("amountprecision", "exact", "approximate", "at_least"),
                nullable=False,
                server_default="exact",
            )
        )
        batch_op.add_column(
            sa.Column(
                "scope",
                _enum("budgetscope", "own", "context"),
                nullable=False,
                server_default="own",
            )
        )
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rate_max_percent", desktop.models.types.ExactDecimal(), nullable=True)
        )
        batch_op.add_column(
            sa.Column(
                "stage",
                _enum("fundingstage", "envisaged", "applied", "granted", "paid"),
                nullable=True,
            )
        )
        batch_op.create_check_constraint(
            "ck_funding_rate_range",
            "rate_max_percent IS NULL OR (rate_percent IS NOT NULL "
            "AND CAST(rate_max_percent AS NUMERIC) >= CAST(rate_percent AS NUMERIC) "
            "AND CAST(rate_max_percent AS NUMERIC) <= 100)",
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status_reason", sa.String(), nullable=False, server_default="")
        )
    op.create_table(
        "meeting_agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("presenter", sa.String(length=200), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_agenda_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_agenda_item_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_agenda_item_uuid"), ["uuid"], unique=True)

    op.create_table(
        "meeting_decision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column(
            "status",
            _enum("decisionstatus", "proposed", "taken", "rejected", "postponed"),
            nullable=False,
        ),
        sa.Column("action_id", sa.Integer(), nullable=True),
        sa.Column("owner", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column(
            "follow_up",
            _enum("followupstatus", "not_started", "in_progress", "done", "dropped"),
            nullable=False,
        ),
        sa.Column("follow_up_note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_decision", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_decision_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_decision_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_decision_uuid"), ["uuid"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("meeting_decision", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_decision_uuid"))
        batch_op.drop_index(batch_op.f("ix_meeting_decision_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_decision_action_id"))
    op.drop_table("meeting_decision")
    with op.batch_alter_table("meeting_agenda_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_agenda_item_uuid"))
        batch_op.drop_index(batch_op.f("ix_meeting_agenda_item_meeting_id"))
    op.drop_table("meeting_agenda_item")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("status_reason")
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.drop_constraint("ck_funding_rate_range", type_="check")
        batch_op.drop_column("stage")
        batch_op.drop_column("rate_max_percent")
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.drop_column("scope")
        batch_op.drop_column("precision")
