from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from tests.factories import create_customer
from tests.problems import assert_problem


@pytest.fixture
async def pair(session: AsyncSession, ctx: Context) -> tuple[Customer, Customer]:
    target = await create_customer(
        session, ctx, first_name="Anna", last_name="Kowalska", email="anna@example.pl", city=None,
        tags=["VIP"], consents={"sms_marketing": {"granted": True}, "email_marketing": {"granted": True}},
    )  # fmt: skip
    source = await create_customer(
        session, ctx, first_name="Ania", last_name="Kowalska", email="ania@example.pl", phone="600 123 456",
        city="Łódź", tags=["Regular"], cards=[{"number": "CARD-1"}],
        consents={"sms_marketing": {"granted": False}},
    )  # fmt: skip
    return target, source


async def _merge(
    client: httpx.AsyncClient, target: Customer, source: Customer, **body: Any
) -> httpx.Response:
    return await client.post(
        "/customers/merge",
        json={"target_id": str(target.id), "source_ids": [str(source.id)], **body},
    )


class TestMerge:
    async def test_dry_run_previews_without_writing(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, source = pair
        body = (await _merge(client, target, source, dry_run=True)).json()
        assert body["dry_run"] is True
        merged = body["customer"]
        assert (merged["first_name"], merged["city"], merged["phone"]) == (
            "Anna",
            "Łódź",
            "+48600123456",
        )
        assert merged["tags"] == ["Regular", "VIP"]
        assert body["moved"]["cards"] == 1
        assert (await client.get(f"/customers/{source.id}")).status_code == 200

    async def test_merge_moves_data_and_removes_the_source(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, source = pair
        response = await _merge(client, target, source)
        assert response.status_code == 200, response.text
        merged = (await client.get(f"/customers/{target.id}")).json()
        assert merged["email"] == "anna@example.pl" and merged["city"] == "Łódź"
        assert [c["number"] for c in merged["cards"]] == ["CARD-1"]
        assert merged["tags"] == ["Regular", "VIP"]
        assert_problem(await client.get(f"/customers/{source.id}"), 404, "customer_not_found")

    async def test_aggregates_are_recomputed_not_summed(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, source = pair
        day = "2026-11-02T10:00:00+01:00"
        for who, amount in ((target, "100.00"), (source, "50.00")):
            tx = {"customer": {"id": str(who.id)}, "amount": amount, "occurred_at": day}
            assert (await client.post("/transactions", json=tx)).status_code in (200, 201)
        merged = (await _merge(client, target, source)).json()["customer"]
        assert merged["total_spent"] == "150.00"
        assert merged["transactions_count"] == 2
        assert merged["visits"] == 1  # both purchases on one day: one visit

    async def test_withdrawn_consent_is_never_lost(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, source = pair
        await _merge(client, target, source)
        consents = (await client.get(f"/customers/{target.id}")).json()["consents"]
        assert consents["sms_marketing"]["granted"] is False
        assert consents["email_marketing"]["granted"] is True

    async def test_caller_picks_the_winning_value(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, source = pair
        await _merge(
            client, target, source, fields={"email": str(source.id), "first_name": str(source.id)}
        )
        merged = (await client.get(f"/customers/{target.id}")).json()
        assert (merged["email"], merged["first_name"]) == ("ania@example.pl", "Ania")

    async def test_history_moves_and_the_merge_is_audited(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, source = pair
        await _merge(client, target, source)
        actions = [
            e["action"]
            for e in (await client.get(f"/customers/{target.id}/history")).json()["items"]
        ]
        assert actions[0] == "customer.merged"
        assert actions.count("customer.created") == 2

    async def test_target_among_sources_is_rejected(
        self, client: httpx.AsyncClient, pair: tuple[Customer, Customer]
    ) -> None:
        target, _ = pair
        assert (await _merge(client, target, target)).status_code == 422

    async def test_other_tenants_customer_cannot_be_merged(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        other_tenant: Any,
        make_client: Any,
        pair: tuple[Customer, Customer],
    ) -> None:
        target, source = pair
        other = await make_client(tenant=other_tenant)
        assert_problem(await _merge(other, target, source), 404, "customer_not_found")


class TestDuplicates:
    async def test_groups_by_phone_email_and_name(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await create_customer(
            session, ctx, first_name="Jan", email="jan.kowalski@gmail.com", phone="600 100 200"
        )
        await create_customer(session, ctx, first_name="Janek", email="jankowalski+shop@gmail.com")
        # The report finds what was saved anyway, past the duplicate warning.
        await create_customer(
            session, ctx, first_name="J.", email="j@x.pl", phone="600-100-200", allow_duplicate=True
        )
        await create_customer(
            session,
            ctx,
            first_name="Łucja",
            last_name="Żak",
            email="l1@x.pl",
            birth_date="1990-01-02",
        )
        await create_customer(
            session,
            ctx,
            first_name="Lucja",
            last_name="Zak",
            email="l2@x.pl",
            birth_date="1990-01-02",
        )
        await create_customer(session, ctx, first_name="Solo", email="solo@x.pl")
        body = (await client.get("/customers/duplicates")).json()
        found = {
            (g["reason"], tuple(sorted(c["first_name"] for c in g["customers"])))
            for g in body["items"]
        }
        assert found == {
            ("same_phone", ("J.", "Jan")),
            ("similar_email", ("Jan", "Janek")),
            ("same_name_and_birth_date", ("Lucja", "Łucja")),
        }
