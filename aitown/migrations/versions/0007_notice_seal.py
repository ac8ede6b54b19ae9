"""office notice settings: the seal position mark and the default copied-to (抄送) list

Revision ID: 0007_notice_seal
Revises: 0005_city_offices
Create Date: 2026-12-02 00:10:00

The seal image itself has been in ``office.seal_image`` since 0002; what is new is whether a
notice marks the seal's position when there is no image (``seal_mark``, off by default: the
office stamps its seal by hand) and the names a notice is copied to unless the notice says
otherwise (one name a line, Chinese and English). Plain ADD COLUMN, no table rebuild.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_notice_seal"
down_revision = "0005_city_offices"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "office",
        sa.Column("seal_mark", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.add_column("office", sa.Column("copied_to_zh", sa.Text(), nullable=False, server_default=""))
    op.add_column("office", sa.Column("copied_to_en", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.drop_column("copied_to_en")
        batch.drop_column("copied_to_zh")
        batch.drop_column("seal_mark")
