"""Every hot request of the API is a single-shard (router) query for its tenant.

Citus logs each command it sends to a worker (`citus.log_remote_commands`); the test collects
them for one request and checks that every shard they name is in the tenant's shard group
(the co-located shards that hold its rows) — one node, one shard group, however many tenants.
"""

import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import asyncpg
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from tests.factories import create_customer

pytestmark = pytest.mark.usefixtures("citus")

_SHARD = re.compile(r"\b[a-z_]+_(\d{6,})\b")


async def _raw(session: AsyncSession) -> asyncpg.Connection:
    raw = await (await session.connection()).get_raw_connection()
    return raw.driver_connection  # type: ignore[return-value]


async def _tenant_group(session: AsyncSession, tenant_id: uuid.UUID) -> tuple[set[int], set[int]]:
    """(the shards of the tenant's shard group, every shard of a distributed table)."""
    rows = (
        await session.execute(
            text(
                """SELECT s.shardid, s.shardminvalue = own.shardminvalue AS own
                     FROM pg_dist_shard s
                     JOIN pg_dist_partition p ON p.logicalrelid = s.logicalrelid
                                             AND p.partmethod = 'h'
                     CROSS JOIN (SELECT shardminvalue FROM pg_dist_shard WHERE shardid =
                        get_shard_id_for_distribution_column('customers', CAST(:t AS uuid))) own"""
            ),
            {"t": tenant_id},
        )
    ).all()
    return {r.shardid for r in rows if r.own}, {r.shardid for r in rows}


@asynccontextmanager
async def _remote_commands(session: AsyncSession) -> AsyncIterator[list[str]]:
    conn = await _raw(session)
    seen: list[str] = []

    def listener(_: object, message: asyncpg.PostgresLogMessage) -> None:
        seen.append(str(message.message))

    await conn.execute("SET citus.log_remote_commands = on")
    conn.add_log_listener(listener)
    try:
        yield seen
    finally:
        conn.remove_log_listener(listener)
        await conn.execute("RESET citus.log_remote_commands")


async def _assert_router(
    session: AsyncSession, tenant: TenantInfo, request: Callable[[], Awaitable[httpx.Response]]
) -> httpx.Response:
    own, distributed = await _tenant_group(session, tenant.id)
    async with _remote_commands(session) as seen:
        response = await request()
    assert response.status_code < 300, response.text
    touched = {int(m) for line in seen for m in _SHARD.findall(line)} & distributed
    assert touched, f"no shard was queried: {seen}"
    foreign = [
        line[:300]
        for line in seen
        if {int(m) for m in _SHARD.findall(line)}
        - own
        - (set(map(int, _SHARD.findall(line))) - distributed)
    ]
    assert touched <= own, f"shards of other tenants were queried: {foreign}"
    return response


class TestHotPathsAreRouterQueries:
    async def test_get_by_id(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx, first_name="Anna")
        r = await _assert_router(session, tenant, lambda: client.get(f"/customers/{c.id}"))
        assert r.json()["first_name"] == "Anna"

    async def test_lookup(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx, phone="+48600123456")
        r = await _assert_router(
            session, tenant, lambda: client.get("/customers/lookup", params={"phone": "600123456"})
        )
        assert len(r.json()["items"]) == 1

    async def test_list_page(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx, last_name="Nowak")
        r = await _assert_router(
            session, tenant, lambda: client.get("/customers", params={"sort": "-total_spent"})
        )
        assert len(r.json()["items"]) == 1

    async def test_filter_with_total(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx, city="Łódź")
        r = await _assert_router(
            session,
            tenant,
            lambda: client.get("/customers", params={"filter": "city = 'Łódź'"}),
        )
        assert r.json()["total"] == 1

    async def test_quick_search(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx, last_name="Kowalska")
        r = await _assert_router(
            session, tenant, lambda: client.get("/customers", params={"q": "kowal"})
        )
        assert r.json()["total"] == 1

    async def test_post_transaction(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        body = {"customer": {"id": str(c.id)}, "amount": "12.50"}
        r = await _assert_router(session, tenant, lambda: client.post("/transactions", json=body))
        assert r.status_code == 201

    async def test_voucher_redeem(
        self, client: httpx.AsyncClient, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        created = await client.post("/vouchers", json={"value": "100"})
        code = created.json()["code"]
        r = await _assert_router(
            session,
            tenant,
            lambda: client.post(f"/vouchers/{code}/redeem", json={"amount": "40"}),
        )
        assert r.json()["voucher"]["balance"] == "60.00"

    async def test_segment_count(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx, city="Łódź")
        segment = await client.post("/segments", json={"name": "L", "filter": "city = 'Łódź'"})
        sid = segment.json()["id"]
        r = await _assert_router(session, tenant, lambda: client.get(f"/segments/{sid}/count"))
        assert r.json()["total"] == 1

    async def test_a_filter_with_every_kind_of_subquery(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        """Tags (with and without their names), a consent, a period's purchases and a points
        balance in one tree: Citus routes it only when every table of it is pinned to the tenant
        alike (a mix of pinned and correlated subqueries it refused: "complex joins")."""
        await create_customer(session, ctx, city="Łódź")
        tree = {
            "and": [
                {"field": "tags", "op": "has_none", "value": ["vip", "blocked"]},
                {"not": {"field": "tags", "op": "is_not_empty"}},
                {"field": "consent.email_marketing", "op": "is_empty"},
                {"field": "purchases_last_30_days", "op": "eq", "value": 0},
                {"field": "points_balance", "op": "eq", "value": 0},
                {"field": "city", "op": "not_in", "value": ["Kraków", "Gdańsk"]},
            ]
        }
        r = await _assert_router(
            session, tenant, lambda: client.post("/customers/search/count", json={"filter": tree})
        )
        assert r.json()["total"] == 1
