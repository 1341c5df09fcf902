"""Tenant placement on a Citus cluster: a large tenant isolated on a shard of its own, then moved
to another node, its rows intact and still served (docs/scaling.md, "Tenant placement")."""

import uuid

import asyncpg
import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from app.core import db as core_db
from app.core.context import Context, Principal, TenantInfo
from app.customers.models import Customer
from tests.conftest import TEST_OWNER_URL
from tests.factories import create_customer

pytestmark = pytest.mark.usefixtures("citus")


def _dsn() -> str:
    url = make_url(TEST_OWNER_URL).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def _shard_of(conn: asyncpg.Connection, tenant_id: uuid.UUID) -> asyncpg.Record:
    row = await conn.fetchrow(
        """SELECT s.shardid, s.shardminvalue, s.shardmaxvalue, p.nodename, p.nodeport
             FROM pg_dist_shard s JOIN pg_dist_shard_placement p USING (shardid)
            WHERE s.shardid = get_shard_id_for_distribution_column('customers', $1::uuid)""",
        tenant_id,
    )
    assert row is not None
    return row


async def test_a_large_tenant_gets_a_shard_of_its_own_and_moves_with_its_rows(
    committed_tenant: TenantInfo, other_committed_tenant: TenantInfo
) -> None:
    principal = Principal(kind="user", id=uuid.uuid4(), label="t", role="owner", scopes=frozenset())
    for tenant in (committed_tenant, other_committed_tenant):
        async with core_db.unit_of_work(tenant_id=tenant.id) as s:
            for i in range(3):
                await create_customer(
                    s, Context(tenant=tenant, principal=principal, locale="en"), last_name=f"N{i}"
                )
    conn = await asyncpg.connect(_dsn())
    try:
        await conn.execute(
            "SELECT isolate_tenant_to_new_shard('customers', $1::uuid, 'CASCADE',"
            " shard_transfer_mode => 'block_writes')",
            committed_tenant.id,
        )
        own = await _shard_of(conn, committed_tenant.id)
        assert own["shardminvalue"] == own["shardmaxvalue"]  # one hash value: this tenant's
        assert (await _shard_of(conn, other_committed_tenant.id))["shardid"] != own["shardid"]
        target = await conn.fetchrow(
            "SELECT nodename, nodeport FROM pg_dist_node WHERE shouldhaveshards"
            " AND noderole = 'primary' AND (nodename, nodeport) <> ($1, $2) LIMIT 1",
            own["nodename"],
            own["nodeport"],
        )
        assert target is not None
        await conn.execute(
            "SELECT citus_move_shard_placement($1, $2, $3, $4, $5,"
            " shard_transfer_mode => 'block_writes')",
            own["shardid"],
            own["nodename"],
            own["nodeport"],
            target["nodename"],
            target["nodeport"],
        )
        moved = await _shard_of(conn, committed_tenant.id)
        assert (moved["nodename"], moved["nodeport"]) == (target["nodename"], target["nodeport"])
    finally:
        await conn.close()
    for tenant in (committed_tenant, other_committed_tenant):
        async with core_db.unit_of_work(tenant_id=tenant.id) as s:  # each for its own tenant
            count = await s.scalar(
                select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant.id)
            )
            assert count == 3
