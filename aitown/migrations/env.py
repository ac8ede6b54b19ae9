"""Alembic environment: run with the connection that aitown.schema hands over."""

from __future__ import annotations

from alembic import context

from aitown.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the application runs migrations
    raise RuntimeError("Run migrations through aitown.schema.upgrade_database().")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
