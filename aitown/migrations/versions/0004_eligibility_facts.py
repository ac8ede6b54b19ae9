"""eligibility facts: the USCCs a team held before its current one (POLICY §3.3, §2.4)

Revision ID: 0004_eligibility_facts
Revises: 0003
Create Date: 2026-12-02 00:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_eligibility_facts"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table, not a column of ``team``: batch-altering ``team`` on SQLite would drop the
    # search triggers of migration 0003.
    op.create_table(
        "team_former_uscc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("uscc", sa.String(length=18), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
        sa.UniqueConstraint("team_id", "uscc", name="uq_team_former_uscc"),
    )
    op.create_index("ix_team_former_uscc_office_id", "team_former_uscc", ["office_id"])
    op.create_index("ix_team_former_uscc_team_id", "team_former_uscc", ["team_id"])
    op.create_index("ix_team_former_uscc_uscc", "team_former_uscc", ["uscc"])


def downgrade() -> None:
    op.drop_index("ix_team_former_uscc_uscc", table_name="team_former_uscc")
    op.drop_index("ix_team_former_uscc_team_id", table_name="team_former_uscc")
    op.drop_index("ix_team_former_uscc_office_id", table_name="team_former_uscc")
    op.drop_table("team_former_uscc")
