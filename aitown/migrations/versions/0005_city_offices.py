"""city offices: installation role and keys, peer offices, budget shares, sync bundles, city facts

Revision ID: 0005_city_offices
Revises: 0004_eligibility_facts
Create Date: 2026-12-02 00:10:00

New tables only: a database without an ``installation`` row stays a standalone office.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_city_offices"
down_revision = "0004_eligibility_facts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "installation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("city_code", sa.String(length=32), nullable=False),
        sa.Column("private_key", sa.String(length=64), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("person_key", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("role in ('city','district')", name="ck_installation_role"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "peer_office",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("name_zh", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("doc_prefix", sa.String(length=40), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(), nullable=False),
        sa.Column("last_received_seq", sa.Integer(), nullable=False),
        sa.Column("last_received_at", sa.DateTime(), nullable=True),
        sa.Column("last_sent_seq", sa.Integer(), nullable=False),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("reported_json", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_table(
        "budget_share",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount >= 0", name="ck_budget_share_amount"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("office_code", "kind", name="uq_budget_share"),
    )
    op.create_table(
        "sync_bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=3), nullable=False),
        sa.Column("peer_code", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("direction", "peer_code", "seq", name="uq_sync_bundle"),
    )
    op.create_table(
        "sync_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("data_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("entity", "uid", name="uq_sync_record"),
    )
    op.create_index("ix_sync_record_office", "sync_record", ["office_code", "entity"])
    op.create_table(
        "sync_sent",
        sa.Column("entity", sa.String(length=32), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("sent_digest", sa.String(length=64), nullable=False),
        sa.Column("sent_seq", sa.Integer(), nullable=False),
        sa.Column("acked_digest", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("entity", "uid"),
    )
    op.create_table(
        "city_fact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("office_name_zh", sa.String(length=200), nullable=False),
        sa.Column("office_name_en", sa.String(length=200), nullable=False),
        sa.Column("benefit", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("person_hash", sa.String(length=64), nullable=True),
        sa.Column("notice_number", sa.String(length=80), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_city_fact_uscc", "city_fact", ["uscc"])
    op.create_index("ix_city_fact_person", "city_fact", ["person_hash"])
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.Column("found_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("sync_conflict")
    op.drop_index("ix_city_fact_person", table_name="city_fact")
    op.drop_index("ix_city_fact_uscc", table_name="city_fact")
    op.drop_table("city_fact")
    op.drop_table("sync_sent")
    op.drop_index("ix_sync_record_office", table_name="sync_record")
    op.drop_table("sync_record")
    op.drop_table("sync_bundle")
    op.drop_table("budget_share")
    op.drop_table("peer_office")
    op.drop_table("installation")
