"""indicator referential, provenance of values, precision of action dates

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

- indicator: TeT identifier (unique when set), parents, sum formula, referential and version;
  then the PCAET referential installed as reference data (``desktop.store.referential``, which
  a later release calls again to upsert a newer version).
- observation: who produced the value (``origin``, the authority by default), part of the key,
  so two origins can give a value for the same year.
- action: ``illustrative`` (invented for a demonstration), and the precision of its dates.
- impact: the top of a range as the source writes it ("15 à 21 %").
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.models.types
from desktop.store.referential import install_referential

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_ORIGINS = (
    "authority",
    "observatory",
    "citepa",
    "aldo",
    "snbc_reference",
    "tet",
    "partner",
    "other",
)
_PRECISIONS = ("day", "month", "season", "year")


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, length=32)


def upgrade() -> None:
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.add_column(sa.Column("identifier", sa.String(length=60), nullable=True))
        batch_op.add_column(
            sa.Column(
                "parent_identifiers", sa.String(length=200), nullable=False, server_default=""
            )
        )
        batch_op.add_column(sa.Column("formula", sa.String(), nullable=False, server_default=""))
        batch_op.add_column(
            sa.Column("referential", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "referential_version", sa.String(length=20), nullable=False, server_default=""
            )
        )
        batch_op.create_unique_constraint("uq_indicator_identifier", ["identifier"])

    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "origin",
                _enum(_ORIGINS, "valueorigin"),
                nullable=False,
                server_default="authority",
            )
        )
        batch_op.drop_constraint("uq_observation_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_observation_key", ["indicator_id", "territory_id", "year", "kind", "origin"]
        )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "start_date_precision",
                _enum(_PRECISIONS, "dateprecision"),
                nullable=False,
                server_default="day",
            )
        )
        batch_op.add_column(
            sa.Column(
                "end_date_precision",
                _enum(_PRECISIONS, "dateprecision"),
                nullable=False,
                server_default="day",
            )
        )
        batch_op.add_column(
            sa.Column("illustrative", sa.Boolean(), nullable=False, server_default=sa.false())
        )

    with op.batch_alter_table("impact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("value_max", desktop.models.types.ExactDecimal(), nullable=True)
        )

    install_referential(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("impact", schema=None) as batch_op:
        batch_op.drop_column("value_max")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("illustrative")
        batch_op.drop_column("end_date_precision")
        batch_op.drop_column("start_date_precision")
    op.execute("DELETE FROM observation WHERE origin <> 'authority'")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_constraint("uq_observation_key", type_="unique")
        batch_op.create_unique_constraint(
            "uq_observation_key", ["indicator_id", "territory_id", "year", "kind"]
        )
        batch_op.drop_column("origin")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_constraint("uq_indicator_identifier", type_="unique")
        batch_op.drop_column("referential_version")
        batch_op.drop_column("referential")
        batch_op.drop_column("formula")
        batch_op.drop_column("parent_identifiers")
        batch_op.drop_column("identifier")
