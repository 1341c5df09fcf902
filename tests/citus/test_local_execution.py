"""Citus's local execution on the coordinator, which holds a placement of every reference table.

A transaction that has run something there locally (a read of `tenants`, say) must keep doing
so: Citus refuses to reach that node over a connection later in the same transaction (XX000
"cannot switch local execution status…"). An EXPLAIN in a transaction block turns local
execution off for the rest of it, so the count estimate must not leave it off.
"""

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import TenantInfo
from app.customers.models import Customer
from app.customers.search.counts import estimate_count

pytestmark = pytest.mark.usefixtures("citus")


class TestLocalExecution:
    async def test_a_count_estimate_leaves_local_execution_on(
        self, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        name = await session.scalar(
            text("SELECT name FROM tenants WHERE id = :t"), {"t": tenant.id}
        )
        await estimate_count(session, Customer.tenant_id == tenant.id)
        assert await session.scalar(text("SHOW citus.enable_local_execution")) == "on"
        # A write to a reference table reaches every placement, the coordinator's included:
        # with local execution off it would go over a connection, and Citus would refuse.
        await session.execute(
            text("UPDATE tenants SET name = :n WHERE id = :t"), {"n": name, "t": tenant.id}
        )
