"""unit holds (reserved / under repair), lease renewals, move-in and move-out hand-over records

Revision ID: 0010_lease_handover
Revises: 0007_notice_seal
Create Date: 2026-12-02 03:10:00

New tables ``unit_hold`` and ``lease_handover``, and ``lease.renews_lease_id`` (plain ADD COLUMN,
no table rebuild). An old database has no holds (every unit is vacant or leased by its leases),
no hand-over records, and no lease marked as a renewal: its leases stay as they were.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_lease_handover"
down_revision = "0009_publicity_payments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "unit_hold",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("space_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind in ('reserved','repair')", name="ck_unit_hold_kind"),
        sa.CheckConstraint("ends_on is null or ends_on >= starts_on", name="ck_unit_hold_period"),
        sa.ForeignKeyConstraint(["created_by"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["space_id"], ["space.id"]),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_unit_hold_space", "unit_hold", ["space_id", "starts_on"])
    op.create_index("ix_unit_hold_office_id", "unit_hold", ["office_id"])
    op.create_table(
        "lease_handover",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lease_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("handed_on", sa.Date(), nullable=False),
        sa.Column("keys", sa.Integer(), nullable=False),
        sa.Column("cards", sa.Integer(), nullable=False),
        sa.Column("electricity_hundredths", sa.Integer(), nullable=False),
        sa.Column("water_hundredths", sa.Integer(), nullable=False),
        sa.Column("condition", sa.Text(), nullable=False),
        sa.Column("deposit", sa.BigInteger(), nullable=False),
        sa.Column("deducted", sa.BigInteger(), nullable=False),
        sa.Column("tenant_signatory", sa.String(length=100), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind in ('move_in','move_out')", name="ck_lease_handover_kind"),
        sa.CheckConstraint("keys >= 0 and cards >= 0", name="ck_lease_handover_counts"),
        sa.CheckConstraint(
            "electricity_hundredths >= 0 and water_hundredths >= 0",
            name="ck_lease_handover_meters",
        ),
        sa.CheckConstraint("deposit >= 0 and deducted >= 0", name="ck_lease_handover_money"),
        sa.ForeignKeyConstraint(["lease_id"], ["lease.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.ForeignKeyConstraint(["recorded_by"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("lease_id", "kind", name="uq_lease_handover_kind"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_lease_handover_lease_id", "lease_handover", ["lease_id"])
    op.create_index("ix_lease_handover_office_id", "lease_handover", ["office_id"])
    # A nullable column with its REFERENCES clause: SQLite adds it in place (no table rebuild,
    # which the foreign keys pointing at ``lease`` would make delicate); PostgreSQL adds the
    # constraint by its usual name.
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE lease ADD COLUMN renews_lease_id INTEGER REFERENCES lease (id)")
    else:
        op.add_column("lease", sa.Column("renews_lease_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "lease_renews_lease_id_fkey", "lease", "lease", ["renews_lease_id"], ["id"]
        )
    op.create_index("ix_lease_renews_lease_id", "lease", ["renews_lease_id"])


def downgrade() -> None:
    op.drop_index("ix_lease_renews_lease_id", table_name="lease")
    with op.batch_alter_table("lease") as batch:
        batch.drop_column("renews_lease_id")
    op.drop_table("lease_handover")
    op.drop_table("unit_hold")
