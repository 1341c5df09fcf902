from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.transactions import service as transactions
from app.transactions.schemas import CustomerRef, TransactionIn
from tests.factories import create_customer


class TestPeriodFields:
    async def test_spent_in_last_30_days_counts_only_the_window(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        recent, lapsed = await create_customer(session, ctx), await create_customer(session, ctx)
        now = datetime.now(UTC)
        for who, days_ago in ((recent, 2), (lapsed, 45), (recent, 45)):
            body = TransactionIn(
                customer=CustomerRef(id=who.id),
                amount=Decimal(80),
                occurred_at=now - timedelta(days=days_ago),
            )
            await transactions.record_transaction(session, ctx, body)
        r = await client.post(
            "/customers/search",
            json={"filter": {"field": "spent_last_30_days", "op": "gte", "value": 50}},
        )
        assert r.status_code == 200, r.text
        assert [c["id"] for c in r.json()["items"]] == [str(recent.id)]

    async def test_period_fields_are_listed(self, client: httpx.AsyncClient) -> None:
        names = {f["name"] for f in (await client.get("/customers/fields")).json()["items"]}
        assert {"spent_last_90_days", "visits_last_30_days", "purchases_last_90_days"} <= names
