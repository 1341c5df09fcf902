"""Alembic environment: async engine from DATABASE_URL, metadata from app.models."""

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from app.core.config import get_settings
from app.core.db import make_engine
from app.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    # As the owner (MIGRATIONS_DATABASE_URL): the app's own role may not change the schema.
    url = config.attributes.get("database_url") or get_settings().owner_database_url
    # Migrations may build indexes on millions of rows: their own (long) bound.
    bound = get_settings().migration_statement_timeout_ms
    engine = make_engine(url, statement_timeout_ms=bound, pool_size=1, max_overflow=0)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline migrations are not supported: run against a database.")

connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_async())
