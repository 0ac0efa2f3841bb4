"""reference trajectories: the SNBC reference of a territory, apart from values and targets

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.models.types

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _entity_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "reference_series",
        *_entity_columns(),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "simplified_snbc", "official", name="referencekind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("method", sa.String(length=60), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=True),
        sa.Column("inputs", sa.String(), nullable=False),
        sa.Column("missing", sa.String(length=1000), nullable=False),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("territory_id", "kind", name="uq_reference_series_territory_kind"),
    )
    with op.batch_alter_table("reference_series", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reference_series_territory_id"), ["territory_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reference_series_uuid"), ["uuid"], unique=True)

    op.create_table(
        "reference_value",
        *_entity_columns(),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("identifier", sa.String(length=60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", desktop.models.types.ExactDecimal(), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["series_id"], ["reference_series.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("series_id", "identifier", "year", name="uq_reference_value_key"),
    )
    with op.batch_alter_table("reference_value", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reference_value_series_id"), ["series_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_reference_value_uuid"), ["uuid"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("reference_value", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_value_uuid"))
        batch_op.drop_index(batch_op.f("ix_reference_value_series_id"))
    op.drop_table("reference_value")
    with op.batch_alter_table("reference_series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reference_series_uuid"))
        batch_op.drop_index(batch_op.f("ix_reference_series_territory_id"))
    op.drop_table("reference_series")
