"""Alembic environment: async engine from DATABASE_URL, metadata from app.models."""

import asyncio

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.core.config import get_settings
from app.core.db import make_engine
from app.models import Base

config = context.config
target_metadata = Base.metadata


def _citus_rewritten_keys(connection: Connection) -> frozenset[str]:
    """On Citus, the foreign keys that migration 0024 made NO ACTION plus a trigger of the same
    name clearing the column (Citus refuses their ON DELETE SET NULL): the schema as intended
    there, not a difference from the models. None on PostgreSQL."""
    if not connection.scalar(text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")):
        return frozenset()
    names = connection.scalars(
        text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
            " AND tgfoid = to_regproc('kt_clear_reference')"
        )
    )
    return frozenset(names)


def _run(connection: Connection) -> None:
    rewritten = _citus_rewritten_keys(connection)

    def include_object(
        obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
    ) -> bool:
        return not (type_ == "foreign_key_constraint" and name in rewritten)

    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_object=include_object,
    )
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
