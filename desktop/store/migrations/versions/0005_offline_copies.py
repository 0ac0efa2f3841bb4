"""offline copies: store identity, change numbers, base of a copy, tombstones, change log origin

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

from uuid import uuid4

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_replica",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("replica", sa.String(length=36), nullable=False),
        sa.Column("dataset", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("origin_location", sa.String(length=1000), nullable=False),
        sa.Column("origin_replica", sa.String(length=36), nullable=False),
        sa.Column("origin_name", sa.String(length=200), nullable=False),
        sa.Column("origin_seq", sa.Integer(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("acknowledged_seq", sa.Integer(), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("replica"),
    )
    op.create_table(
        "sync_record",
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("record_key", sa.String(length=100), nullable=False),
        sa.Column("digest", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_key"),
    )
    with op.batch_alter_table("sync_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_record_seq"), ["seq"], unique=False)

    op.create_table(
        "sync_base",
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("record_key", sa.String(length=100), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_key"),
    )
    op.create_table(
        "sync_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("record_key", sa.String(length=100), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_sent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_sent_seq"), ["seq"], unique=False)

    op.create_table(
        "sync_peer",
        sa.Column("replica", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("known_seq", sa.Integer(), nullable=False),
        sa.Column("received_seq", sa.Integer(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("held", sa.Text(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("replica"),
    )
    op.create_table(
        "sync_alias",
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("record_key", sa.String(length=100), nullable=False),
        sa.Column("canonical", sa.String(length=100), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "record_key"),
    )
    with op.batch_alter_table("sync_alias", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_alias_seq"), ["seq"], unique=False)

    op.create_table(
        "sync_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("peer", sa.String(length=36), nullable=False),
        sa.Column("package", sa.String(length=36), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sync_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sync_event_package"), ["package"], unique=False)

    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("origin", sa.String(length=36), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
        batch_op.create_index("ix_change_log_origin", ["origin", "origin_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_change_log_seq"), ["seq"], unique=False)

    # Every store gets an identity of its own, and starts a family of its own: a copy taken
    # from it later takes its family's identity.
    replica = sa.table(
        "sync_replica",
        sa.column("replica", sa.String),
        sa.column("dataset", sa.String),
        sa.column("name", sa.String),
        sa.column("seq", sa.Integer),
        sa.column("origin_location", sa.String),
        sa.column("origin_replica", sa.String),
        sa.column("origin_name", sa.String),
        sa.column("origin_seq", sa.Integer),
        sa.column("scope", sa.Text),
        sa.column("acknowledged_seq", sa.Integer),
    )
    op.bulk_insert(
        replica,
        [
            {
                "replica": str(uuid4()),
                "dataset": str(uuid4()),
                "name": "",
                "seq": 0,
                "origin_location": "",
                "origin_replica": "",
                "origin_name": "",
                "origin_seq": 0,
                "scope": "",
                "acknowledged_seq": 0,
            }
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_seq"))
        batch_op.drop_index("ix_change_log_origin")
        batch_op.drop_column("seq")
        batch_op.drop_column("origin_id")
        batch_op.drop_column("origin")
    for table in ("sync_event", "sync_alias", "sync_peer", "sync_sent", "sync_base"):
        op.drop_table(table)
    op.drop_table("sync_record")
    op.drop_table("sync_replica")
