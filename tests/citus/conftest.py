"""Tests that only mean something on a Citus cluster (`make test-citus`); skipped elsewhere."""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession


@pytest.fixture
async def citus(session: AsyncSession) -> AsyncIterator[None]:
    distributed = await session.scalar(
        text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")
    )
    if not distributed:
        pytest.skip("not a Citus database: run `make test-citus`")
    yield
