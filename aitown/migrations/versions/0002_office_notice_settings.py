"""office notice settings: the seal image and the language mode of notices

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 01:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(sa.Column("seal_image", sa.LargeBinary(), nullable=True))
        batch.add_column(
            sa.Column("notice_language", sa.String(length=8), nullable=False, server_default="zh+en")
        )


def downgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.drop_column("notice_language")
        batch.drop_column("seal_image")
