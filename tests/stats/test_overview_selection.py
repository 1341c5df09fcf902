"""`/stats/overview` limited to the customers of a filter or a segment."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from app.transactions import service as transactions
from app.transactions.schemas import CustomerRef, TransactionIn
from tests.factories import create_customer


async def _buy(session: AsyncSession, ctx: Context, customer: Customer, amount: str) -> None:
    body = TransactionIn(
        customer=CustomerRef(id=customer.id), amount=Decimal(amount), occurred_at=datetime.now(UTC)
    )
    await transactions.record_transaction(session, ctx, body)


async def _two_cities(session: AsyncSession, ctx: Context) -> None:
    krakow = await create_customer(session, ctx, city="Kraków")
    lodz = await create_customer(session, ctx, city="Łódź")
    await _buy(session, ctx, krakow, "10")
    await _buy(session, ctx, lodz, "25")


async def _totals(client: httpx.AsyncClient, **params: str) -> dict[str, object]:
    response = await client.get("/stats/overview", params={"preset": "last_7_days", **params})
    assert response.status_code == 200, response.text
    totals: dict[str, object] = response.json()["totals"]
    return totals


class TestOverviewSelection:
    async def test_filter_limits_every_figure_to_matching_customers(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await _two_cities(session, ctx)
        totals = await _totals(client, filter="city = Kraków")
        assert (totals["revenue"], totals["transactions"], totals["new_customers"]) == (
            "10.00",
            1,
            1,
        )

    async def test_segment_limits_figures_to_its_customers(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await _two_cities(session, ctx)
        created = await client.post("/segments", json={"name": "Łódź", "filter": "city = Łódź"})
        assert created.status_code == 201, created.text
        totals = await _totals(client, segment_id=created.json()["id"])
        assert (totals["revenue"], totals["transactions"]) == ("25.00", 1)

    async def test_without_selection_counts_everyone(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await _two_cities(session, ctx)
        totals = await _totals(client)
        assert (totals["revenue"], totals["transactions"]) == ("35.00", 2)

    async def test_invalid_filter_is_a_problem(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/stats/overview", params={"filter": "nope ~~ 1"})
        assert response.status_code in (400, 422)
        assert response.json()["code"] == "invalid_filter"

    async def test_unknown_segment_is_not_found(self, client: httpx.AsyncClient) -> None:
        response = await client.get("/stats/overview", params={"segment_id": str(uuid.uuid4())})
        assert (response.status_code, response.json()["code"]) == (404, "segment_not_found")
