"""Row-level security, the second wall between tenants (migration 0032, `core.tenancy`).

The tests' own sessions connect as the app's role, so every other test runs under the
policies too; these check the wall itself: what a query that forgets its tenant sees, that
every tenant table has the policy, the role's attributes, pooled connections, and plans.
"""

import asyncio
import uuid
from typing import Any

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.config import get_settings
from app.core.context import Context, TenantInfo
from app.core.db import open_read_pool, unit_of_work
from app.core.rls_sql import POLICY
from app.customers import reads
from tests.conftest import TEST_DATABASE_URL, TEST_OWNER_URL
from tests.factories import create_customer, owner_context


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


class TestForgottenTenantCondition:
    async def test_a_query_without_its_tenant_condition_sees_only_its_tenant(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo, other_tenant: TenantInfo
    ) -> None:
        mine = await create_customer(session, ctx)
        theirs = await create_customer(session, owner_context(other_tenant))
        everyone = set(await session.scalars(text("SELECT id FROM customers")))
        assert mine.id in everyone and theirs.id not in everyone
        async with tenancy.as_tenant(session, other_tenant.id):
            assert set(await session.scalars(text("SELECT id FROM customers"))) == {theirs.id}

    async def test_no_tenant_set_no_rows(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx)
        await tenancy.use_tenant(session, None)
        assert await session.scalar(text("SELECT count(*) FROM customers")) == 0
        assert await session.scalar(text("SELECT count(*) FROM customer_notes")) == 0

    async def test_another_tenants_row_cannot_be_written(
        self, session: AsyncSession, tenant: TenantInfo, other_tenant: TenantInfo
    ) -> None:
        with pytest.raises(Exception, match="row-level security"):
            async with session.begin_nested():
                await session.execute(
                    text(
                        "INSERT INTO tags (tenant_id, id, name, name_key, colour)"
                        " VALUES (:t, :i, 'x', 'x', '#000000')"
                    ),
                    {"t": other_tenant.id, "i": uuid.uuid4()},
                )

    async def test_an_update_without_its_tenant_condition_touches_only_its_tenant(
        self, session: AsyncSession, ctx: Context, other_tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx, city="Kraków")
        theirs = await create_customer(session, owner_context(other_tenant), city="Kraków")
        await session.execute(text("UPDATE customers SET city = 'Gdańsk'"))
        async with tenancy.as_tenant(session, other_tenant.id):
            city = await session.scalar(
                text("SELECT city FROM customers WHERE id = :i"), {"i": theirs.id}
            )
        assert city == "Kraków"


async def _owner(query: str, *args: Any) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(_dsn(TEST_OWNER_URL))
    try:
        return await conn.fetch(query, *args)
    finally:
        await conn.close()


class TestSchema:
    async def test_every_tenant_table_has_forced_row_security_and_the_policy(self) -> None:
        """A new tenant table without `rls_sql.enable_tenant_rls` in its migration fails here."""
        rows = await _owner(
            """SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                      (SELECT count(*) FROM pg_policy p
                        WHERE p.polrelid = c.oid AND p.polname = $1
                          AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app.tenant_id%'
                          AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app.tenant_id%')
                      AS policies
                 FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                WHERE c.relkind IN ('r', 'p') AND NOT a.attisdropped""",
            POLICY,
        )
        assert len(rows) > 20
        unprotected = [
            r["relname"]
            for r in rows
            if not (r["relrowsecurity"] and r["relforcerowsecurity"] and r["policies"] == 1)
        ]
        assert unprotected == []

    async def test_the_app_role_is_neither_superuser_nor_owner_nor_bypassrls(self) -> None:
        role = make_url(TEST_DATABASE_URL).username
        [attrs] = await _owner(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles"
            " WHERE rolname = $1",
            role,
        )
        assert not any(attrs.values())
        owned = await _owner(
            """SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND pg_get_userbyid(c.relowner) = $1""",
            role,
        )
        assert owned == []
        conn = await asyncpg.connect(_dsn(TEST_DATABASE_URL))
        try:
            assert await conn.fetchval("SELECT current_user") == role
            assert await conn.fetchval("SELECT current_setting('row_security')") == "on"
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute("UPDATE alembic_version SET version_num = version_num")
        finally:
            await conn.close()


async def _committed_customer(tenant: TenantInfo, name: str) -> uuid.UUID:
    async with unit_of_work(tenant_id=tenant.id) as s:
        return (await create_customer(s, owner_context(tenant), last_name=name)).id


class TestPooledConnections:
    async def test_two_tenants_alternating_on_two_connections_never_see_each_other(
        self, committed_tenant: TenantInfo, engine: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(get_settings(), "db_pool_size", 2)
        async with unit_of_work() as s:
            other = await _new_tenant(s)
        a = await _committed_customer(committed_tenant, "A")
        b = await _committed_customer(other, "B")
        mine = {committed_tenant.id: a, other.id: b}
        pool = await open_read_pool()
        seen: list[tuple[uuid.UUID, set[uuid.UUID]]] = []

        async def request(tenant_id: uuid.UUID, n: int) -> None:
            async with pool.acquire() as conn:
                if n % 3 == 0:
                    # A request that fails mid-transaction; its connection goes back.
                    with pytest.raises(asyncpg.DataError):
                        async with tenancy.tenant_transaction(conn, tenant_id):
                            await conn.execute("SELECT 1/0")
                    assert not conn.is_in_transaction()
                    return
                if n % 3 == 1:
                    # One whose work ended with the checkout: no transaction, no tenant.
                    ids = {r["id"] for r in await conn.fetch("SELECT id FROM customers")}
                    seen.append((uuid.UUID(int=0), ids))
                    return
                async with tenancy.tenant_transaction(conn, tenant_id):
                    ids = {r["id"] for r in await conn.fetch("SELECT id FROM customers")}
                seen.append((tenant_id, ids))

        try:
            assert pool.get_max_size() == 2
            for round_ in range(10):
                await asyncio.gather(
                    request(committed_tenant.id, round_), request(other.id, round_ + 1)
                )
            # And the session path: a unit of work for one tenant after one for the other.
            for tid in (committed_tenant.id, other.id, committed_tenant.id):
                async with unit_of_work(tenant_id=tid) as s:
                    seen.append((tid, set(await s.scalars(text("SELECT id FROM customers")))))
            async with unit_of_work() as s:
                seen.append(
                    (uuid.UUID(int=0), set(await s.scalars(text("SELECT id FROM customers"))))
                )
        finally:
            await pool.close()
        assert len(seen) > 10
        for tenant_id, ids in seen:
            assert ids == ({mine[tenant_id]} if tenant_id in mine else set())


async def _new_tenant(session: AsyncSession) -> TenantInfo:
    from app.tenants import service as tenants

    tenant = await tenants.create_tenant(session, f"t-{uuid.uuid4().hex[:12]}")
    return tenants.info(tenant)


class TestPlans:
    @pytest.mark.parametrize(
        ("sql", "value", "index"),
        [
            (reads.BY_ID_SQL, uuid.uuid4(), "pk_customers"),
            (reads._BY_KEY["email"], "plan@example.pl", "email"),
            (reads._BY_KEY["card"], "P-1", "on cards"),
        ],
    )
    async def test_hot_reads_still_use_their_indexes_under_the_policy(
        self, committed_tenant: TenantInfo, sql: str, value: object, index: str
    ) -> None:
        await _committed_customer(committed_tenant, "Plan")
        conn = await asyncpg.connect(_dsn(TEST_DATABASE_URL))
        try:
            async with tenancy.tenant_transaction(conn, committed_tenant.id):
                # A plan as for a big table: no sequential scan where an index serves.
                await conn.execute("SET LOCAL enable_seqscan = off")
                plan = "\n".join(
                    r[0] for r in await conn.fetch(f"EXPLAIN {sql}", committed_tenant.id, value)
                )
        finally:
            await conn.close()
        # The policy's setting is read once per statement (an InitPlan), not row by row; on
        # Citus (no subquery in a policy there, `rls_sql`) the shard's plan is not shown here.
        assert "InitPlan" in plan or "Citus" in plan, plan
        assert "Index" in plan and index in plan, plan
        assert "Seq Scan on customers" not in plan, plan
