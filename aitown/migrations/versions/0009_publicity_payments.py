"""publicity periods (公示) and payment lists (拨付清单), issue 13.5 and 13.6

Revision ID: 0009_publicity_payments
Revises: 0007_notice_seal
Create Date: 2026-12-02 03:30:00

New tables only. An application that was already approved when this upgrade runs gets an
``exempt`` publicity row: it was approved before publicity existed, so its award notice and its
payment are not held back by a period nobody opened (no application is put back into review by
an upgrade). Disbursed applications were paid in one payment and need no payment lines: what the
pools hold (committed / disbursed) stays exactly as it was.
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0009_publicity_payments"
down_revision = "0008_materials"
branch_labels = None
depends_on = None


def _office_owned() -> list[sa.Column[object]]:
    return [
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), sa.ForeignKey("office.id"), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "publicity_period",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), sa.ForeignKey("application.id"), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("working_days", sa.Integer(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("objection", sa.Text(), nullable=False),
        sa.Column("opened_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        *_office_owned(),
        sa.CheckConstraint(
            "status in ('open','passed','objected','exempt')", name="ck_publicity_status"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_publicity_status", "publicity_period", ["status"])
    op.create_index(
        "ix_publicity_period_application_id", "publicity_period", ["application_id"]
    )
    op.create_index("ix_publicity_period_office_id", "publicity_period", ["office_id"])
    op.create_table(
        "payment_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("benefit", sa.String(length=32), nullable=False),
        sa.Column("approved_to", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("paid_by", sa.Integer(), sa.ForeignKey("app_user.id"), nullable=True),
        *_office_owned(),
        sa.CheckConstraint("status in ('open','paid','cancelled')", name="ck_payment_list_status"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_payment_list_office_id", "payment_list", ["office_id"])
    op.create_table(
        "payment_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("list_id", sa.Integer(), sa.ForeignKey("payment_list.id"), nullable=False),
        sa.Column("application_id", sa.Integer(), sa.ForeignKey("application.id"), nullable=False),
        sa.Column("tranche", sa.Integer(), nullable=False),
        sa.Column("tranches", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=False),
        *_office_owned(),
        sa.CheckConstraint("amount > 0", name="ck_payment_line_amount"),
        sa.CheckConstraint(
            "tranche >= 1 and tranche <= tranches", name="ck_payment_line_tranche"
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index("ix_payment_line_list_id", "payment_line", ["list_id"])
    op.create_index("ix_payment_line_application_id", "payment_line", ["application_id"])
    op.create_index("ix_payment_line_office_id", "payment_line", ["office_id"])
    _exempt_approved()


def _exempt_approved() -> None:
    """Every application approved before this upgrade needs no publicity (see the docstring)."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, office_id FROM application WHERE status = 'approved'")
    ).fetchall()
    if not rows:
        return
    conn.execute(
        sa.text(
            "INSERT INTO publicity_period (uid, office_id, application_id, status, working_days, "
            "objection, created_at) VALUES (:uid, :office, :app, 'exempt', 0, '', CURRENT_TIMESTAMP)"
        ),
        [{"uid": uuid.uuid4().hex, "office": office, "app": app} for app, office in rows],
    )


def downgrade() -> None:
    op.drop_table("payment_line")
    op.drop_table("payment_list")
    op.drop_table("publicity_period")
