"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import desktop.models.types

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "change_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(length=200), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("entity_uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("create", "update", "delete", name="changekind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("parent_entity", sa.String(length=60), nullable=False),
        sa.Column("parent_uuid", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_log_at"), ["at"], unique=False)
        batch_op.create_index("ix_change_log_entity", ["entity", "entity_uuid"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_change_log_parent_uuid"), ["parent_uuid"], unique=False
        )

    op.create_table(
        "framework_reference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "framework",
            sa.Enum(
                "tri_criterion",
                "kent_environment_strategy",
                "citergie",
                "pcaet_domain",
                "other",
                name="frameworkkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("framework", "code"),
    )
    with op.batch_alter_table("framework_reference", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_framework_reference_uuid"), ["uuid"], unique=True)

    op.create_table(
        "import_profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    with op.batch_alter_table("import_profile", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_import_profile_fingerprint"), ["fingerprint"], unique=False
        )

    op.create_table(
        "indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("normalised_name", sa.String(length=500), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "ghg_emissions",
                "energy_consumption",
                "renewable_production",
                "air_pollutants",
                "carbon_sequestration",
                "other",
                name="indicatorcategory",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("dimension", sa.String(length=60), nullable=False),
        sa.Column(
            "direction",
            sa.Enum(
                "lower_is_better",
                "higher_is_better",
                name="direction",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("source_producer", sa.String(length=300), nullable=False),
        sa.Column("source_method", sa.String(), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=True),
        sa.Column("source_url", sa.String(length=1000), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_category"), ["category"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_indicator_normalised_name"), ["normalised_name"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_indicator_uuid"), ["uuid"], unique=True)

    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("normalised_name", sa.String(length=300), nullable=False),
        sa.Column("acronym", sa.String(length=50), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "public_body",
                "local_authority",
                "company",
                "association",
                "chamber",
                "agency",
                "research",
                "other",
                name="organisationkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("siren", sa.String(length=9), nullable=True),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_normalised_name"), ["normalised_name"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_organisation_uuid"), ["uuid"], unique=True)

    op.create_table(
        "store_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "territory",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("siren", sa.String(length=9), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "cc",
                "ca",
                "cu",
                "metropole",
                "departement",
                "region",
                "county",
                "other",
                name="territorykind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("siren"),
    )
    with op.batch_alter_table("territory", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_territory_uuid"), ["uuid"], unique=True)

    op.create_table(
        "commune",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("insee_code", sa.String(length=5), nullable=True),
        sa.Column("population", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_commune_territory_id"), ["territory_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_commune_uuid"), ["uuid"], unique=True)

    op.create_table(
        "observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", desktop.models.types.ExactDecimal(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("measured", "estimated", name="observationkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "indicator_id", "territory_id", "year", "kind", name="uq_observation_key"
        ),
    )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index(
            "ix_observation_territory_year", ["territory_id", "year"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_observation_uuid"), ["uuid"], unique=True)

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "pcaet",
                "action_plan",
                "cross_border",
                "other",
                name="plankind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "in_preparation",
                "submitted_for_opinion",
                "adopted",
                "midterm_review",
                "archived",
                name="planstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("reference_year", sa.Integer(), nullable=True),
        sa.Column("adoption_date", sa.Date(), nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_territory_id"), ["territory_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_uuid"), ["uuid"], unique=True)

    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("period_start", sa.Integer(), nullable=False),
        sa.Column("period_end", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_territory_id"), ["territory_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contract_uuid"), ["uuid"], unique=True)

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "steering",
                "monitoring",
                "technical",
                name="meetingkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=False),
        sa.Column("decisions", sa.String(), nullable=False),
        sa.Column("minutes", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_meeting_territory_id"), ["territory_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_meeting_uuid"), ["uuid"], unique=True)

    op.create_table(
        "section",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=400), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "part",
                "lever",
                "axis",
                "sub_axis",
                "other",
                name="sectionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["section.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_section_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(
            "ix_section_plan_parent_position", ["plan_id", "parent_id", "position"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_section_uuid"), ["uuid"], unique=True)

    op.create_table(
        "strategic_objective",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column(
            "domain",
            sa.Enum(
                "ghg_reduction",
                "carbon_storage",
                "final_energy",
                "renewable_energy",
                "heat_networks",
                "biobased_products",
                "air_pollutants",
                "energy_networks",
                "adaptation",
                name="strategydomain",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("statement", sa.String(), nullable=False),
        sa.Column("horizon_year", sa.Integer(), nullable=True),
        sa.Column("value", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("strategic_objective", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_strategic_objective_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_strategic_objective_plan_id"), ["plan_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_strategic_objective_uuid"), ["uuid"], unique=True)

    op.create_table(
        "target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("territory_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("horizon_year", sa.Integer(), nullable=False),
        sa.Column("value", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("relative_change_percent", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("reference_year", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.CheckConstraint(
            "(value IS NOT NULL AND relative_change_percent IS NULL) OR (value IS NULL AND relative_change_percent IS NOT NULL AND reference_year IS NOT NULL)",
            name="ck_target_absolute_or_relative",
        ),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["territory_id"], ["territory.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint(
            "indicator_id", "territory_id", "plan_id", "horizon_year", name="uq_target_key"
        ),
    )
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_indicator_id"), ["indicator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_territory_id"), ["territory_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.Integer(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("lead_organisation_id", sa.Integer(), nullable=True),
        sa.Column("lead_service", sa.String(length=200), nullable=False),
        sa.Column("lead_person", sa.String(length=200), nullable=False),
        sa.Column("elected_referent", sa.String(length=200), nullable=False),
        sa.Column(
            "participation",
            sa.Enum(
                "none",
                "information",
                "consultation",
                "concertation",
                "co_construction",
                name="participationlevel",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "to_come",
                "to_discuss",
                "in_progress",
                "done",
                "late",
                "paused",
                "blocked",
                "abandoned",
                name="actionstatus",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "priority",
            sa.Enum("high", "medium", "low", name="priority", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("progress_percent", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("calendar_text", sa.String(), nullable=False),
        sa.Column("budget_text", sa.String(), nullable=False),
        sa.Column("recurring", sa.Boolean(), nullable=False),
        sa.Column("confidential", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "progress_percent IS NULL OR (progress_percent >= 0 AND progress_percent <= 100)",
            name="ck_action_progress_percent",
        ),
        sa.CheckConstraint(
            "start_date IS NULL OR end_date IS NULL OR start_date <= end_date",
            name="ck_action_dates_ordered",
        ),
        sa.ForeignKeyConstraint(["lead_organisation_id"], ["organisation.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["parent_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["section_id"], ["section.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_lead_organisation_id"), ["lead_organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_section_id"), ["section_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_uuid"), ["uuid"], unique=True)

    op.create_table(
        "contract_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("weight", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("objective_text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_id", "indicator_id"),
    )
    with op.batch_alter_table("contract_indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_indicator_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contract_indicator_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contract_indicator_uuid"), ["uuid"], unique=True)

    op.create_table(
        "contract_party",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "signatory",
                "funder",
                "beneficiary",
                name="contractpartyrole",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("currency", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(["contract_id"], ["contract.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_id", "organisation_id", "role"),
    )
    with op.batch_alter_table("contract_party", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_party_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_contract_party_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contract_party_uuid"), ["uuid"], unique=True)

    op.create_table(
        "meeting_attendee",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("function", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("meeting_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attendee_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_attendee_uuid"), ["uuid"], unique=True)

    op.create_table(
        "report_snapshot",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("plan_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["plan_id"], ["plan.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("report_snapshot", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_report_snapshot_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_report_snapshot_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_document",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("location", sa.String(length=2000), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_document_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_document_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_factor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("barrier", "lever", name="factorkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_factor", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_factor_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_factor_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_framework_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("reference_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reference_id"], ["framework_reference.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("action_id", "reference_id"),
    )
    with op.batch_alter_table("action_framework_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_framework_link_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_framework_link_reference_id"), ["reference_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_framework_link_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_indicator",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("action_id", "indicator_id"),
    )
    with op.batch_alter_table("action_indicator", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_indicator_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_indicator_indicator_id"), ["indicator_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_indicator_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_action_id", sa.Integer(), nullable=False),
        sa.Column("target_action_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "local_version_of",
                "depends_on",
                "related_to",
                name="actionlinkkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(), nullable=False),
        sa.CheckConstraint("source_action_id <> target_action_id", name="ck_action_link_not_self"),
        sa.ForeignKeyConstraint(["source_action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["target_action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("source_action_id", "target_action_id", "kind"),
    )
    with op.batch_alter_table("action_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_link_source_action_id"), ["source_action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_link_target_action_id"), ["target_action_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_link_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("noted_on", sa.Date(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("action_note", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_note_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_note_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_partner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "partner",
                "co_lead",
                "contributor",
                "operator",
                name="partnerrole",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("action_id", "organisation_id", "role"),
    )
    with op.batch_alter_table("action_partner", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_partner_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_partner_organisation_id"), ["organisation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_action_partner_uuid"), ["uuid"], unique=True)

    op.create_table(
        "action_tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("theme", "tag", "target_group", name="tagkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("action_id", "kind", "label"),
    )
    with op.batch_alter_table("action_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_tag_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_action_tag_uuid"), ["uuid"], unique=True)

    op.create_table(
        "budget_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column(
            "nature",
            sa.Enum("investment", "operating", name="budgetnature", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column(
            "scenario",
            sa.Enum("forecast", "actual", name="budgetscenario", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "amount",
                "no_extra_cost",
                "confidential",
                "to_be_defined",
                "staff_time_only",
                name="budgetstate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column(
            "tax_basis",
            sa.Enum(
                "excl_vat",
                "incl_vat",
                "not_applicable",
                name="taxbasis",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.CheckConstraint(
            "(state = 'amount' AND amount IS NOT NULL) OR (state <> 'amount' AND amount IS NULL)",
            name="ck_budget_line_amount_state",
        ),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_line_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_budget_line_uuid"), ["uuid"], unique=True)

    op.create_table(
        "contract_target",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("contract_indicator_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", desktop.models.types.ExactDecimal(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_indicator_id"], ["contract_indicator.id"], ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("contract_indicator_id", "year"),
    )
    with op.batch_alter_table("contract_target", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_target_contract_indicator_id"),
            ["contract_indicator_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_contract_target_uuid"), ["uuid"], unique=True)

    op.create_table(
        "funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("programme", sa.String(length=300), nullable=False),
        sa.Column("rate_percent", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("amount", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("currency", sa.String(length=10), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.CheckConstraint(
            "rate_percent IS NULL OR (CAST(rate_percent AS NUMERIC) >= 0 AND CAST(rate_percent AS NUMERIC) <= 100)",
            name="ck_funding_rate",
        ),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["funder_id"], ["organisation.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_funding_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_funding_funder_id"), ["funder_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_funding_uuid"), ["uuid"], unique=True)

    op.create_table(
        "impact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("expected", "measured", name="impactkind", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("value", desktop.models.types.ExactDecimal(), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("indicator_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["indicator_id"], ["indicator.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("impact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_impact_action_id"), ["action_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_impact_indicator_id"), ["indicator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_impact_uuid"), ["uuid"], unique=True)

    op.create_table(
        "meeting_action",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("meeting_id", "action_id"),
    )
    with op.batch_alter_table("meeting_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_action_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_meeting_action_meeting_id"), ["meeting_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_meeting_action_uuid"), ["uuid"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("meeting_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_action_uuid"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_meeting_id"))
        batch_op.drop_index(batch_op.f("ix_meeting_action_action_id"))

    op.drop_table("meeting_action")
    with op.batch_alter_table("impact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_impact_uuid"))
        batch_op.drop_index(batch_op.f("ix_impact_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_impact_action_id"))

    op.drop_table("impact")
    with op.batch_alter_table("funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_funding_uuid"))
        batch_op.drop_index(batch_op.f("ix_funding_funder_id"))
        batch_op.drop_index(batch_op.f("ix_funding_action_id"))

    op.drop_table("funding")
    with op.batch_alter_table("contract_target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_target_uuid"))
        batch_op.drop_index(batch_op.f("ix_contract_target_contract_indicator_id"))

    op.drop_table("contract_target")
    with op.batch_alter_table("budget_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_line_uuid"))
        batch_op.drop_index(batch_op.f("ix_budget_line_action_id"))

    op.drop_table("budget_line")
    with op.batch_alter_table("action_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_tag_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_tag_action_id"))

    op.drop_table("action_tag")
    with op.batch_alter_table("action_partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_partner_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_partner_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_action_partner_action_id"))

    op.drop_table("action_partner")
    with op.batch_alter_table("action_note", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_note_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_note_action_id"))

    op.drop_table("action_note")
    with op.batch_alter_table("action_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_link_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_link_target_action_id"))
        batch_op.drop_index(batch_op.f("ix_action_link_source_action_id"))

    op.drop_table("action_link")
    with op.batch_alter_table("action_indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_indicator_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_indicator_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_action_indicator_action_id"))

    op.drop_table("action_indicator")
    with op.batch_alter_table("action_framework_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_framework_link_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_framework_link_reference_id"))
        batch_op.drop_index(batch_op.f("ix_action_framework_link_action_id"))

    op.drop_table("action_framework_link")
    with op.batch_alter_table("action_factor", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_factor_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_factor_action_id"))

    op.drop_table("action_factor")
    with op.batch_alter_table("action_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_document_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_document_action_id"))

    op.drop_table("action_document")
    with op.batch_alter_table("report_snapshot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_snapshot_uuid"))
        batch_op.drop_index(batch_op.f("ix_report_snapshot_meeting_id"))

    op.drop_table("report_snapshot")
    with op.batch_alter_table("meeting_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendee_uuid"))
        batch_op.drop_index(batch_op.f("ix_meeting_attendee_meeting_id"))

    op.drop_table("meeting_attendee")
    with op.batch_alter_table("contract_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_party_uuid"))
        batch_op.drop_index(batch_op.f("ix_contract_party_organisation_id"))
        batch_op.drop_index(batch_op.f("ix_contract_party_contract_id"))

    op.drop_table("contract_party")
    with op.batch_alter_table("contract_indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_indicator_uuid"))
        batch_op.drop_index(batch_op.f("ix_contract_indicator_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_contract_indicator_contract_id"))

    op.drop_table("contract_indicator")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_uuid"))
        batch_op.drop_index(batch_op.f("ix_action_status"))
        batch_op.drop_index(batch_op.f("ix_action_section_id"))
        batch_op.drop_index(batch_op.f("ix_action_plan_id"))
        batch_op.drop_index(batch_op.f("ix_action_parent_id"))
        batch_op.drop_index(batch_op.f("ix_action_lead_organisation_id"))

    op.drop_table("action")
    with op.batch_alter_table("target", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_uuid"))
        batch_op.drop_index(batch_op.f("ix_target_territory_id"))
        batch_op.drop_index(batch_op.f("ix_target_plan_id"))
        batch_op.drop_index(batch_op.f("ix_target_indicator_id"))

    op.drop_table("target")
    with op.batch_alter_table("strategic_objective", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_strategic_objective_uuid"))
        batch_op.drop_index(batch_op.f("ix_strategic_objective_plan_id"))
        batch_op.drop_index(batch_op.f("ix_strategic_objective_indicator_id"))

    op.drop_table("strategic_objective")
    with op.batch_alter_table("section", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_section_uuid"))
        batch_op.drop_index("ix_section_plan_parent_position")
        batch_op.drop_index(batch_op.f("ix_section_plan_id"))

    op.drop_table("section")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_uuid"))
        batch_op.drop_index(batch_op.f("ix_meeting_territory_id"))

    op.drop_table("meeting")
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_uuid"))
        batch_op.drop_index(batch_op.f("ix_contract_territory_id"))

    op.drop_table("contract")
    with op.batch_alter_table("plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_uuid"))
        batch_op.drop_index(batch_op.f("ix_plan_territory_id"))

    op.drop_table("plan")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_uuid"))
        batch_op.drop_index("ix_observation_territory_year")

    op.drop_table("observation")
    with op.batch_alter_table("commune", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_commune_uuid"))
        batch_op.drop_index(batch_op.f("ix_commune_territory_id"))

    op.drop_table("commune")
    with op.batch_alter_table("territory", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_territory_uuid"))

    op.drop_table("territory")
    op.drop_table("store_setting")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_uuid"))
        batch_op.drop_index(batch_op.f("ix_organisation_normalised_name"))

    op.drop_table("organisation")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_uuid"))
        batch_op.drop_index(batch_op.f("ix_indicator_normalised_name"))
        batch_op.drop_index(batch_op.f("ix_indicator_category"))

    op.drop_table("indicator")
    with op.batch_alter_table("import_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_import_profile_fingerprint"))

    op.drop_table("import_profile")
    with op.batch_alter_table("framework_reference", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_framework_reference_uuid"))

    op.drop_table("framework_reference")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_log_parent_uuid"))
        batch_op.drop_index("ix_change_log_entity")
        batch_op.drop_index(batch_op.f("ix_change_log_at"))

    op.drop_table("change_log")
