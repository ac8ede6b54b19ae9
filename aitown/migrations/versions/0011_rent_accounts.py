"""rent accounts: payments received, deposits, and §2.5 repayments as receivables

Revision ID: 0011_rent_accounts
Revises: 0007_notice_seal
Create Date: 2026-12-02 03:20:00

One new table, ``rent_entry``. A database from before has no payments, deposits or receivables
recorded, so it starts with none: its statements show the rent and waiver the leases give and
everything charged as unpaid until the desk records what was received. Nothing else changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_rent_accounts"
down_revision = "0010_lease_handover"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rent_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("lease_id", sa.Integer(), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("verification_code", sa.String(length=32), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount > 0", name="ck_rent_entry_amount"),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.ForeignKeyConstraint(["lease_id"], ["lease.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["recorded_by"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_rent_entry_team_day", "rent_entry", ["team_id", "on_date"])
    op.create_index("ix_rent_entry_office_id", "rent_entry", ["office_id"])
    op.create_index("ix_rent_entry_verification_code", "rent_entry", ["verification_code"])


def downgrade() -> None:
    op.drop_index("ix_rent_entry_verification_code", table_name="rent_entry")
    op.drop_index("ix_rent_entry_office_id", table_name="rent_entry")
    op.drop_index("ix_rent_entry_team_day", table_name="rent_entry")
    op.drop_table("rent_entry")
