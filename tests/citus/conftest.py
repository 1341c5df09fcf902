"""Tests that only mean something on a Citus cluster (`make test-citus`); skipped elsewhere."""

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from app.core import db as core_db
from app.core.context import TenantInfo
from tests.conftest import _new_tenant


@pytest.fixture
async def citus(session: AsyncSession) -> None:
    distributed = await session.scalar(
        text("SELECT count(*) FROM pg_extension WHERE extname = 'citus'")
    )
    if not distributed:
        pytest.skip("not a Citus database: run `make test-citus`")


@pytest.fixture
async def other_committed_tenant(engine: AsyncEngine) -> TenantInfo:
    """A second tenant committed for real."""
    async with core_db.unit_of_work() as s:
        return await _new_tenant(s)
