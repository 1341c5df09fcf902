"""Quick search under row-level security (migration 0038).

LIKE is not leakproof, so under the tenant policy PostgreSQL does not use it as an index
condition: the trigram indexes are read through `kt_search_text_ids` and
`kt_card_prefix_customers`, which run as the owner and read the policy's own tenant setting.
These check that wall (one tenant's matches only, none without a tenant), that the functions'
statements use the indexes, and that a search with more matches than the cap still finds every
customer (by testing rows). On Citus quick search tests rows (`quick._matches`).
"""

import uuid
from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.citus import on_citus
from app.core.context import Context, TenantInfo
from app.core.db import unit_of_work
from app.customers.search import quick
from tests.conftest import TEST_APP_ROLE, TEST_OWNER_URL
from tests.core.test_rls import _dsn
from tests.factories import create_customer, owner_context


async def _found(client: httpx.AsyncClient, q: str) -> list[str]:
    r = await client.get("/customers", params={"q": q, "page_size": 100})
    assert r.status_code == 200, r.text
    return sorted(c["last_name"] for c in r.json()["items"])


async def _text_ids(session: AsyncSession, *patterns: str) -> set[uuid.UUID]:
    rows = await session.scalars(
        text(
            "SELECT customer_id FROM kt_search_text_ids(CAST(:p AS text[]), 100)"
            " WHERE customer_id IS NOT NULL"
        ),
        {"p": list(patterns)},
    )
    return set(rows)


@pytest.fixture
async def owner_functions(session: AsyncSession) -> None:
    if await on_citus(session):
        pytest.skip("on Citus quick search tests rows: the owner's functions are not used")


@pytest.mark.usefixtures("owner_functions")
class TestTheWall:
    async def test_text_matches_are_the_tenants_own(
        self, session: AsyncSession, ctx: Context, other_tenant: TenantInfo
    ) -> None:
        mine = await create_customer(session, ctx, last_name="Wójcik")
        theirs = await create_customer(session, owner_context(other_tenant), last_name="Wójcik")
        assert await _text_ids(session, "%wojci%") == {mine.id}
        async with tenancy.as_tenant(session, other_tenant.id):
            assert await _text_ids(session, "%wojci%") == {theirs.id}
        await tenancy.use_tenant(session, None)
        assert await _text_ids(session, "%wojci%") == set()

    async def test_every_pattern_must_match(self, session: AsyncSession, ctx: Context) -> None:
        anna = await create_customer(session, ctx, first_name="Anna", last_name="Kowalska")
        await create_customer(
            session, ctx, first_name="Jan", last_name="Kowalski", email="jan@example.pl"
        )
        assert await _text_ids(session, "%anna%", "%kowal%") == {anna.id}
        assert await _text_ids(session) == set()

    async def test_card_prefixes_are_the_tenants_own(
        self, session: AsyncSession, ctx: Context, other_tenant: TenantInfo
    ) -> None:
        mine = await create_customer(session, ctx, cards=[{"number": "RLS-0001"}])
        await create_customer(session, owner_context(other_tenant), cards=[{"number": "RLS-0002"}])
        statement = text("SELECT customer_id, number FROM kt_card_prefix_customers('rls-%', 10)")
        assert [tuple(r) for r in await session.execute(statement)] == [(mine.id, "RLS-0001")]
        await tenancy.use_tenant(session, None)
        assert (await session.execute(statement)).all() == []


@pytest.fixture
async def explained(committed_tenant: TenantInfo) -> AsyncIterator[asyncpg.Connection]:
    """The app's role on a connection whose statements' plans, nested ones too, come back as
    notices (auto_explain is loaded and set by the owner, a superuser here)."""
    async with unit_of_work(tenant_id=committed_tenant.id) as s:
        for name in ("Wójcik", "Wójtowicz", "Nowak"):
            await create_customer(s, owner_context(committed_tenant), last_name=name)
    conn = await asyncpg.connect(_dsn(TEST_OWNER_URL))
    if await conn.fetchval("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')"):
        await conn.close()
        pytest.skip("Citus plans the shards' statements on the workers, not shown here")
    # Enough customers that reading every one costs more than the index (as the owner).
    await conn.execute(
        "INSERT INTO customers (tenant_id, id, type, status, source, first_name, last_name)"
        " SELECT $1, gen_random_uuid(), 'customer', 'active', 'manual', 'Anna', 'Nazwisko' || g"
        " FROM generate_series(1, 3000) g",
        committed_tenant.id,
    )
    await conn.execute("ANALYZE customers")
    await conn.execute("LOAD 'auto_explain'")
    for setting, value in (
        ("auto_explain.log_min_duration", "0"),
        ("auto_explain.log_nested_statements", "on"),
        ("auto_explain.log_level", "notice"),
    ):
        await conn.execute(f"SET {setting} = '{value}'")
    await conn.execute(f'SET ROLE "{TEST_APP_ROLE}"')
    try:
        yield conn
    finally:
        await conn.close()


async def _plans(conn: asyncpg.Connection, tenant_id: uuid.UUID, sql: str) -> str:
    notices: list[str] = []
    conn.add_log_listener(lambda _c, message: notices.append(str(message)))
    async with tenancy.tenant_transaction(conn, tenant_id):
        # Planned as for a big table, where testing LIKE on every row of the tenant costs
        # more than reading the index: no sequential scan, and each test dear.
        await conn.execute("SET LOCAL enable_seqscan = off; SET LOCAL cpu_operator_cost = 1")
        await conn.execute(sql)
    return "\n".join(notices)


class TestPlans:
    async def test_the_functions_read_the_trigram_indexes(
        self, explained: asyncpg.Connection, committed_tenant: TenantInfo
    ) -> None:
        plans = await _plans(
            explained,
            committed_tenant.id,
            "SELECT * FROM kt_search_text_ids(ARRAY['%wojci%'], 10000);"
            " SELECT * FROM kt_card_prefix_customers('p-%', 10)",
        )
        assert "ix_customers_tenant_id_search_text" in plans, plans
        assert "ix_cards_tenant_id_number_lower" in plans, plans

    async def test_why_they_exist_a_plain_like_under_the_policy_cannot(
        self, explained: asyncpg.Connection, committed_tenant: TenantInfo
    ) -> None:
        plans = await _plans(
            explained,
            committed_tenant.id,
            f"SELECT id FROM customers WHERE tenant_id = '{committed_tenant.id}'"
            " AND search_text LIKE '%wojci%'",
        )
        assert "search_text ~~" in plans and "ix_customers_tenant_id_search_text" not in plans


class TestManyMatches:
    async def test_more_matches_than_the_cap_are_all_found_by_testing_rows(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        for name in ("Kowalski", "Kowalczyk", "Kowalewski"):
            await create_customer(session, ctx, first_name="Jan", last_name=name)
        await create_customer(session, ctx, first_name="Ewa", last_name="Kowalska")
        await create_customer(session, ctx, first_name="Jan", last_name="Nowak")
        expected = ["Kowalczyk", "Kowalewski", "Kowalski"]
        assert await _found(client, "jan kowal") == expected
        # Listed from the index: the total is their number, exact, without counting again.
        r = await client.get("/customers", params={"q": "jan kowal", "page_size": 2})
        assert (r.json()["total"], r.json()["total_is_estimate"]) == (3, False)
        monkeypatch.setattr(quick, "TEXT_MATCH_LIMIT", 2)
        assert await _found(client, "jan kowal") == expected
        assert await _found(client, "nowak") == ["Nowak"]
        # Too many to list: not counted either, the total is an estimate, never below the page
        # (on Citus, which lists none, counted).
        r = await client.get("/customers", params={"q": "jan kowal", "page_size": 2})
        assert r.json()["total"] >= 3
        assert r.json()["total_is_estimate"] is not await on_citus(session)
