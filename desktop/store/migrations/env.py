"""Alembic environment: always driven programmatically by ``desktop.store.migrate``."""

from __future__ import annotations

from alembic import context

from desktop.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("Run migrations through 'pcaet' (desktop.store.migrate), not alembic.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,  # SQLite alters tables by copy
    transaction_per_migration=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
