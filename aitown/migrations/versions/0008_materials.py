"""materials: stored files, checklist marks, attachments, returns for correction, verified amount

Revision ID: 0008_materials
Revises: 0007_notice_seal
Create Date: 2026-12-02 03:00:00

Issue 13.1–13.4. New tables ``material_blob``, ``application_material``,
``application_attachment`` and ``application_return``; two new columns on ``application``
(``verified_contract_amount``, ``verified_reason``, both empty for what was there before); and the
status ``returned`` allowed by ``ck_application_status``.

Old applications keep their status. The materials check applies when an application is submitted
(draft → submitted, returned → submitted), so applications already submitted, decided, paid or
revoked are never blocked by it; an old draft needs its required materials (as the active policy
lists them) before it can be submitted, like a new one. A policy file without ``[materials]``
requires nothing.

Widening the CHECK constraint on SQLite: a table rebuild of ``application`` would have to drop a
table that ``notice`` references (foreign keys are on during the upgrade), so instead the stored
CREATE TABLE text is edited in place, the procedure SQLite documents for changing CHECK
constraints ("Making Other Kinds Of Table Schema Changes", lang_altertable.html §7): the change
only widens the constraint, every stored row already satisfies it. PostgreSQL drops and re-adds
the constraint.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_materials"
down_revision = "0007_notice_seal"
branch_labels = None
depends_on = None

OLD_STATUSES = "'draft','submitted','approved','rejected','disbursed','revoked'"
NEW_STATUSES = OLD_STATUSES + ",'returned'"


def _set_statuses(old: str, new: str) -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        sql = bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'application'"
        ).scalar()
        assert isinstance(sql, str)
        changed = sql.replace(f"status in ({old})", f"status in ({new})")
        if changed == sql:
            raise RuntimeError("ck_application_status is not the one this migration knows")
        version = bind.exec_driver_sql("PRAGMA schema_version").scalar()
        assert isinstance(version, int)
        bind.exec_driver_sql("PRAGMA writable_schema = ON")
        bind.exec_driver_sql(
            "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'application'",
            (changed,),
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
    else:
        op.drop_constraint("ck_application_status", "application", type_="check")
        op.create_check_constraint("ck_application_status", "application", f"status in ({new})")


def upgrade() -> None:
    op.create_table(
        "material_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "application_material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=50), nullable=False),
        sa.Column("seen", sa.Boolean(), nullable=False),
        sa.Column("seen_by", sa.Integer(), nullable=True),
        sa.Column("seen_at", sa.DateTime(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.ForeignKeyConstraint(["seen_by"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("application_id", "item", name="uq_application_material"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index(
        "ix_application_material_application_id", "application_material", ["application_id"]
    )
    op.create_index("ix_application_material_office_id", "application_material", ["office_id"])
    op.create_table(
        "application_attachment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("item", sa.String(length=50), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("media_type", sa.String(length=40), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("current", sa.Boolean(), nullable=False),
        sa.Column("attached_by", sa.Integer(), nullable=True),
        sa.Column("attached_at", sa.DateTime(), nullable=False),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.ForeignKeyConstraint(["sha256"], ["material_blob.sha256"]),
        sa.ForeignKeyConstraint(["attached_by"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index(
        "ix_attachment_application", "application_attachment", ["application_id", "item"]
    )
    op.create_index(
        "ix_application_attachment_office_id", "application_attachment", ["office_id"]
    )
    op.create_table(
        "application_return",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("items_json", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("returned_by", sa.Integer(), nullable=True),
        sa.Column("returned_at", sa.DateTime(), nullable=False),
        sa.Column("resubmitted_at", sa.DateTime(), nullable=True),
        sa.Column("uid", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.ForeignKeyConstraint(["returned_by"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["office_id"], ["office.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("uid"),
    )
    op.create_index(
        "ix_application_return_application_id", "application_return", ["application_id"]
    )
    op.create_index("ix_application_return_office_id", "application_return", ["office_id"])
    # Plain ADD COLUMN (no rebuild): empty for every application recorded before.
    op.add_column(
        "application", sa.Column("verified_contract_amount", sa.BigInteger(), nullable=True)
    )
    op.add_column("application", sa.Column("verified_reason", sa.Text(), nullable=True))
    _set_statuses(OLD_STATUSES, NEW_STATUSES)


def downgrade() -> None:
    op.execute("UPDATE application SET status = 'submitted' WHERE status = 'returned'")
    _set_statuses(NEW_STATUSES, OLD_STATUSES)
    # DROP COLUMN in place (SQLite 3.35+), not a rebuild: ``notice`` references ``application``.
    op.execute("ALTER TABLE application DROP COLUMN verified_reason")
    op.execute("ALTER TABLE application DROP COLUMN verified_contract_amount")
    op.drop_table("application_return")
    op.drop_table("application_attachment")
    op.drop_table("application_material")
    op.drop_table("material_blob")
