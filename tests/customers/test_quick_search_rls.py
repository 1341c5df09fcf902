"""Quick search under row-level security (migration 0038).

LIKE is not leakproof, so under the tenant policy PostgreSQL does not use it as an index
condition: the trigram indexes are read through `kt_search_text_ids` and
`kt_card_prefix_customers`, which run as the owner and read the policy's own tenant setting.
These check that wall (one tenant's matches only, none without a tenant), that the owner's
statements may use the index where the app's role's may not, and that a search with more
matches than the cap still finds every customer (by testing rows). On Citus quick search tests
rows (`quick._matches`).
"""

import uuid

import asyncpg
import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.citus import on_citus
from app.core.context import Context, TenantInfo
from app.customers.models import SEARCH_JOINERS
from app.customers.search import quick
from tests.conftest import TEST_DATABASE_URL, TEST_OWNER_URL
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


async def _plan(url: str, tenant_id: uuid.UUID, sql: str) -> str | None:
    """EXPLAIN of `sql` on a new connection to `url`, the tenant set; None on Citus (the
    shards' plans are not shown)."""
    conn = await asyncpg.connect(_dsn(url))
    try:
        if await conn.fetchval("SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus')"):
            return None
        async with tenancy.tenant_transaction(conn, tenant_id):
            # No sequential scan: what remains is an index, where one may serve.
            await conn.execute("SET LOCAL enable_seqscan = off")
            return "\n".join(r[0] for r in await conn.fetch(f"EXPLAIN {sql}"))
    finally:
        await conn.close()


class TestPlans:
    """The functions' statements run as the owner, who bypasses row security: for them LIKE is
    an index condition, as it is not for the app's role. Only the trigram index can serve the
    statement below, so the plans do not hang on costs."""

    SQL = "SELECT id FROM customers WHERE search_text LIKE '%wojci%'"

    async def test_as_the_owner_like_is_an_index_condition(
        self, committed_tenant: TenantInfo
    ) -> None:
        plan = await _plan(TEST_OWNER_URL, committed_tenant.id, self.SQL)
        if plan is None:
            pytest.skip("Citus: the shards' plans are not shown")
        assert "Index Cond: (search_text ~~ '%wojci%'::text)" in plan, plan
        assert "ix_customers_tenant_id_search_text" in plan, plan

    async def test_why_the_functions_exist_under_the_policy_it_is_not(
        self, committed_tenant: TenantInfo
    ) -> None:
        plan = await _plan(TEST_DATABASE_URL, committed_tenant.id, self.SQL)
        if plan is None:
            pytest.skip("Citus: the shards' plans are not shown")
        assert "search_text ~~" in plan and "ix_customers_tenant_id_search_text" not in plan


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


class TestJoinedWords:
    """Words with joins (`anna.kowal`, `kowalska-nowak`, `o'neil`): `search_text` holds its words
    again without the joins, and quick search asks the index for the term without them too
    (migration 0040), whose trigrams cross the joins."""

    @pytest.fixture
    async def people(self, session: AsyncSession, ctx: Context) -> None:
        rows = [
            ("Anna", "Kowalska", "anna.kowalska.12@onet.pl"),
            ("Anna", "Kowalczyk", "a.kowalczyk@wp.pl"),
            ("Anna", "Nowak", "anna_p@wp.pl"),
            ("Agnieszka", "Kowalska-Nowak", "agnieszka@example.com"),
            ("Sean", "O'Neil", "sean@example.com"),
            ("Anna", "Piotrowska", "anna+promo@example.com"),
        ]
        for first, last, email in rows:
            await create_customer(session, ctx, first_name=first, last_name=last, email=email)

    @pytest.mark.usefixtures("people")
    @pytest.mark.parametrize(
        ("q", "expected"),
        [
            ("anna.kow", ["Kowalska"]),
            ("a.kowal", ["Kowalczyk", "Kowalska"]),  # inside `anna.kowalska` too
            ("anna_p@", ["Nowak"]),
            ("kowalska-n", ["Kowalska-Nowak"]),
            ("o'neil", ["O'Neil"]),
            ("anna+promo", ["Piotrowska"]),
            ("@wp.pl", ["Kowalczyk", "Nowak"]),
            # The joined copy also finds a word typed without its join.
            ("annakowalska", ["Kowalska"]),
            ("ANNA.KOW onet", ["Kowalska"]),
            ("ł.kow", []),
        ],
    )
    async def test_terms_with_joins_find_what_they_contain(
        self, client: httpx.AsyncClient, q: str, expected: list[str]
    ) -> None:
        assert await _found(client, q) == expected

    def test_the_pattern_without_joins(self) -> None:
        assert quick.joined_pattern("Anna.Kow") == "%annakow%"
        assert quick.joined_pattern("kowalska-n") == "%kowalskan%"
        assert quick.joined_pattern("o'neil") == "%oneil%"
        assert quick.joined_pattern("a_b%c") == "%ab\\%c%"
        assert quick.joined_pattern("wójcik-nowak") == "%wójciknowak%"
        assert quick.joined_pattern("шевченко-ко") == "%шевченкоко%"
        # nothing to join, too short without the joins, or a letter unaccent makes a joiner
        assert quick.joined_pattern("kowal") is None
        assert quick.joined_pattern("a.b") is None
        assert quick.joined_pattern("ŉa.bc") is None

    async def test_no_plain_letter_becomes_a_joiner_without_its_accent(
        self, session: AsyncSession
    ) -> None:
        """`search_text` drops the joiners after `kt_unaccent`, the term's pattern before it:
        the two agree only for letters `kt_unaccent` never turns into a joiner."""
        letters = [
            chr(c)
            for c in range(0x80, 0x500)
            if quick._PLAIN_LETTERS.match(chr(c)) and chr(c).isprintable()
        ]
        unaccented = await session.scalar(
            text("SELECT array_agg(kt_unaccent(c)) FROM unnest(CAST(:c AS text[])) c"),
            {"c": letters},
        )
        joined = {
            c: u for c, u in zip(letters, unaccented, strict=True) if set(u) & set(SEARCH_JOINERS)
        }
        assert joined == {}
        ascii_unaccented = await session.scalar(
            text("SELECT kt_unaccent(:s)"), {"s": "".join(map(chr, range(0x20, 0x7F)))}
        )
        assert ascii_unaccented == "".join(map(chr, range(0x20, 0x7F)))

    @pytest.mark.usefixtures("owner_functions", "people")
    async def test_the_index_hands_over_the_matches_not_every_anna(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        """`%anna.kow%` alone is found by the index as "anna" and a word starting with kow;
        with `%annakow%` beside it, only the customer whose email has it."""
        found = await _text_ids(session, "%anna.kow%", "%annakow%")
        assert len(found) == 1
        assert len(await _text_ids(session, "%anna%", "%kow%")) == 2
