"""The dashboard can leave out the customers an import created (`exclude_imported=true`)."""

import uuid
from decimal import Decimal

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from tests.factories import create_customer


async def _imported(session: AsyncSession, ctx: Context, n: int) -> list[Customer]:
    out = []
    import_id = uuid.uuid4()
    for i in range(n):
        c = await create_customer(
            session, ctx, consents={"sms_marketing": {"granted": True}}, last_name=f"Imp{i}"
        )
        await session.execute(
            update(Customer).where(Customer.id == c.id).values(import_id=import_id, source="import")
        )
        out.append(c)
    return out


class TestExcludeImported:
    async def test_overview_leaves_out_imported_customers_and_their_sales(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        own = await create_customer(session, ctx)
        imported = await _imported(session, ctx, 3)
        for c, amount in ((own, "10.00"), (imported[0], "100.00")):
            r = await client.post(
                "/transactions", json={"customer": {"id": str(c.id)}, "amount": amount}
            )
            assert r.status_code in (200, 201), r.text
        every = (await client.get("/stats/overview")).json()["totals"]
        assert (every["new_customers"], every["transactions"]) == (4, 2)
        mine = (await client.get("/stats/overview", params={"exclude_imported": "true"})).json()[
            "totals"
        ]
        assert (mine["new_customers"], mine["transactions"]) == (1, 1)
        assert Decimal(mine["revenue"]) == Decimal("10.00")

    async def test_consents_leave_out_imported_customers(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await create_customer(session, ctx, consents={"sms_marketing": {"granted": True}})
        await _imported(session, ctx, 2)
        every = (await client.get("/stats/consents")).json()
        mine = (await client.get("/stats/consents", params={"exclude_imported": "true"})).json()
        sms = {c["channel"]: c["granted"] for c in mine["channels"]}["sms_marketing"]
        assert (every["total_customers"], mine["total_customers"], sms) == (3, 1, 1)
