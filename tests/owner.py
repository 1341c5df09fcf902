"""The tables' owner, for tests that look at rows past row-level security (as an operator
would): a stalled job made stale by its id, a recovered import's state."""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine
from sqlalchemy.pool import NullPool


@asynccontextmanager
async def owner_unit_of_work() -> AsyncIterator[AsyncSession]:
    """A session as the owner (MIGRATIONS_DATABASE_URL, which bypasses row security),
    committed at the end."""
    engine = create_async_engine(os.environ["MIGRATIONS_DATABASE_URL"], poolclass=NullPool)
    try:
        async with AsyncSession(engine, expire_on_commit=False) as session, session.begin():
            yield session
    finally:
        await engine.dispose()
