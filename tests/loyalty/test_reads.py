"""A customer's loyalty at a glance in every read of the customer: by id, the list, the till's
lookup (balance, level and the discount the till gives, in one call)."""

import re

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers import reads
from tests.factories import create_customer
from tests.loyalty.conftest import buy, set_programme


class TestCustomerReads:
    async def test_by_id_carries_balance_level_and_discount(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "600")
        body = (await client.get(f"/customers/{c.id}")).json()
        assert body["loyalty"]["points_balance"] == 600  # the purchase that makes Gold earns at 1×
        assert body["loyalty"]["points_pending"] == 0
        assert body["loyalty"]["level"] == "Gold"
        assert float(body["loyalty"]["discount_percent"]) == 5

    async def test_a_customer_without_an_account_has_zeros(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        body = (await client.get(f"/customers/{c.id}")).json()
        assert body["loyalty"]["points_balance"] == 0
        assert body["loyalty"]["level"] is None
        assert float(body["loyalty"]["discount_percent"]) == 0

    async def test_the_list_carries_each_customers_balance(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        rich, poor = await create_customer(session, ctx), await create_customer(session, ctx)
        await buy(client, rich.id, "600")
        await buy(client, poor.id, "20")
        items = (await client.get("/customers", params={"page_size": 50})).json()["items"]
        balances = {i["id"]: (i["loyalty"]["points_balance"], i["loyalty"]["level"]) for i in items}
        assert balances[str(rich.id)] == (600, "Gold")
        assert balances[str(poor.id)] == (20, None)


class TestTillLookup:
    async def test_lookup_gives_balance_level_and_the_higher_discount(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx, email="till@example.pl")
        await buy(client, c.id, "150")
        r = await client.get("/customers/lookup", params={"email": "till@example.pl"})
        assert r.status_code == 200, r.text
        [found] = r.json()["items"]
        assert found["loyalty"]["level"] == "Silver"
        assert found["loyalty"]["points_balance"] == 150
        assert float(found["loyalty"]["discount_percent"]) == 2
        # The customer's own percent counts when it is higher than the level's.
        r = await client.put(f"/customers/{c.id}/discount", json={"percent": "7.5"})
        assert r.status_code == 200, r.text
        r = await client.get("/customers/lookup", params={"email": "till@example.pl"})
        assert float(r.json()["items"][0]["loyalty"]["discount_percent"]) == 7.5

    async def test_a_disabled_programme_gives_no_level_discount(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx, email="off@example.pl")
        await buy(client, c.id, "150")
        r = await client.put("/loyalty/programme", json={"enabled": False, "rules": {}})
        assert r.status_code == 200, r.text
        r = await client.get("/customers/lookup", params={"email": "off@example.pl"})
        assert float(r.json()["items"][0]["loyalty"]["discount_percent"]) == 0


class TestPlan:
    async def test_the_account_and_programme_are_index_probes(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        await session.execute(text("SET LOCAL enable_seqscan = off"))
        plan = "\n".join(
            (
                await session.execute(
                    text("EXPLAIN " + reads.BY_ID_SQL.replace("$1", ":t").replace("$2", ":c")),
                    {"t": ctx.tenant_id, "c": c.id},
                )
            ).scalars()
        )
        assert "Seq Scan" not in plan, plan
        # On Citus the plan is the worker's: shards (`loyalty_accounts_102008`), aliases
        # renamed by the deparse (`p_1`).
        assert re.search(r"on loyalty_accounts(_\d+)? a\b", plan), plan
        assert re.search(r"on loyalty_programmes(_\d+)? p(_\d+)?\b", plan), plan
