from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.bulk import service as bulk_service
from app.core.context import Context
from app.core.jobs import InMemoryQueue
from app.customers.models import Customer
from tests.factories import create_customer
from tests.problems import assert_problem


@pytest.fixture
async def people(session: AsyncSession, ctx: Context) -> list[Customer]:
    return [
        await create_customer(session, ctx, last_name="Nowak", city="Łódź", tags=["VIP"]),
        await create_customer(session, ctx, last_name="Kowalski", city="Łódź"),
        await create_customer(session, ctx, last_name="Wiśniewski", city="Kraków"),
    ]


LODZ = {"filter": "city = 'Łódź'"}


async def _bulk(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/customers/bulk", json=body)


async def _customer(client: httpx.AsyncClient, customer: Customer) -> dict[str, Any]:
    return (await client.get(f"/customers/{customer.id}")).json()  # type: ignore[no-any-return]


@pytest.mark.usefixtures("people")
class TestBulkActions:
    async def test_add_tags_to_all_that_match(
        self, client: httpx.AsyncClient, people: list[Customer]
    ) -> None:
        response = await _bulk(client, action="add_tags", selection=LODZ, tags=["Promo", "VIP"])
        assert response.status_code == 200, response.text
        assert response.json() == {
            "action": "add_tags",
            "matched": 2,
            "changed": 3,
            "dry_run": False,
            "status": "done",
            "job_id": None,
        }
        assert (await _customer(client, people[1]))["tags"] == ["Promo", "VIP"]
        assert (await _customer(client, people[2]))["tags"] == []

    async def test_remove_tags_by_ids(
        self, client: httpx.AsyncClient, people: list[Customer]
    ) -> None:
        response = await _bulk(
            client, action="remove_tags", selection={"ids": [str(people[0].id)]}, tags=["vip"]
        )
        assert response.json()["changed"] == 1
        assert (await _customer(client, people[0]))["tags"] == []

    async def test_set_status(self, client: httpx.AsyncClient, people: list[Customer]) -> None:
        response = await _bulk(
            client, action="set_status", selection={"q": "kowalski"}, status="blocked"
        )
        assert response.json()["changed"] == 1
        assert (await _customer(client, people[1]))["status"] == "blocked"

    async def test_set_consent(self, client: httpx.AsyncClient, people: list[Customer]) -> None:
        response = await _bulk(
            client, action="set_consent", selection=LODZ, channel="sms_marketing", granted=False
        )
        assert response.json()["changed"] == 2
        assert (await _customer(client, people[0]))["consents"]["sms_marketing"]["granted"] is False

    async def test_update_fields(self, client: httpx.AsyncClient, people: list[Customer]) -> None:
        response = await _bulk(
            client,
            action="update_fields",
            selection=LODZ,
            fields={"city": "Łódź-Bałuty", "type": "lead"},
        )
        assert response.json()["changed"] == 2
        body = await _customer(client, people[0])
        assert (body["city"], body["type"], body["version"]) == ("Łódź-Bałuty", "lead", 2)

    async def test_update_fields_refuses_contact_data(self, client: httpx.AsyncClient) -> None:
        response = await _bulk(
            client, action="update_fields", selection=LODZ, fields={"email": "a@b.pl"}
        )
        assert response.status_code == 422
        assert response.json()["errors"][0]["code"] == "not_editable"

    async def test_dry_run_counts_without_changing(
        self, client: httpx.AsyncClient, people: list[Customer]
    ) -> None:
        response = await _bulk(
            client, action="set_status", selection=LODZ, status="blocked", dry_run=True
        )
        assert response.json()["matched"] == 2 and response.json()["status"] == "dry_run"
        assert (await _customer(client, people[0]))["status"] == "active"

    async def test_empty_selection_is_refused(self, client: httpx.AsyncClient) -> None:
        response = await _bulk(client, action="set_status", selection={}, status="blocked")
        assert_problem(response, 422, "validation_failed")

    async def test_bad_filter_names_its_path(self, client: httpx.AsyncClient) -> None:
        response = await _bulk(
            client,
            action="set_status",
            selection={"filter": {"field": "city", "op": "gt", "value": 1}},
            status="blocked",
        )
        assert_problem(response, 422, "invalid_filter")
        assert response.json()["errors"][0]["loc"] == ["body", "selection", "filter", "op"]


@pytest.mark.usefixtures("people")
class TestBulkMovesTheVersion:
    """A changed customer gets a new ETag, so no client serves its copy from before (#21)."""

    @pytest.mark.parametrize(
        "action",
        [
            {"action": "add_tags", "tags": ["Promo"]},
            {"action": "remove_tags", "tags": ["VIP"]},
            {"action": "set_consent", "channel": "sms_marketing", "granted": False},
            {"action": "set_status", "status": "blocked"},
            {"action": "update_fields", "fields": {"city": "Gdańsk"}},
        ],
    )
    async def test_every_action_moves_the_etag_of_what_it_changed(
        self, client: httpx.AsyncClient, people: list[Customer], action: dict[str, Any]
    ) -> None:
        tagged, untouched = people[0], people[2]
        before = {c.id: (await client.get(f"/customers/{c.id}")).headers["etag"] for c in people}

        r = await _bulk(client, selection={"ids": [str(tagged.id)]}, **action)

        assert r.json()["changed"] == 1, r.text
        fresh = await client.get(
            f"/customers/{tagged.id}", headers={"If-None-Match": before[tagged.id]}
        )
        assert fresh.status_code == 200
        assert fresh.headers["etag"] != before[tagged.id]
        same = await client.get(
            f"/customers/{untouched.id}", headers={"If-None-Match": before[untouched.id]}
        )
        assert same.status_code == 304

    async def test_a_tag_already_there_changes_nothing(
        self, client: httpx.AsyncClient, people: list[Customer]
    ) -> None:
        before = (await client.get(f"/customers/{people[0].id}")).headers["etag"]
        r = await _bulk(
            client, action="add_tags", selection={"ids": [str(people[0].id)]}, tags=["VIP"]
        )
        assert r.json()["changed"] == 0
        assert (await client.get(f"/customers/{people[0].id}")).headers["etag"] == before


@pytest.mark.usefixtures("people")
class TestBulkDelete:
    async def test_delete_needs_the_dry_run_count(self, client: httpx.AsyncClient) -> None:
        response = await _bulk(client, action="delete", selection=LODZ)
        assert response.status_code == 409
        assert response.json()["code"] == "count_mismatch"

    async def test_delete_with_the_confirmed_count(self, client: httpx.AsyncClient) -> None:
        count = (await _bulk(client, action="delete", selection=LODZ, dry_run=True)).json()[
            "matched"
        ]
        response = await _bulk(client, action="delete", selection=LODZ, expected_count=count)
        assert response.json()["changed"] == 2
        assert (await client.get("/customers")).json()["total"] == 1

    async def test_stale_count_deletes_nothing(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        count = (await _bulk(client, action="delete", selection=LODZ, dry_run=True)).json()[
            "matched"
        ]
        await create_customer(session, ctx, last_name="Nowy", city="Łódź")
        response = await _bulk(client, action="delete", selection=LODZ, expected_count=count)
        assert response.status_code == 409
        assert (await client.get("/customers")).json()["total"] == 4


class TestBulkIsolationAndAudit:
    async def test_all_that_match_stays_in_the_tenant(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        other_tenant: Any,
        make_client: Any,
        people: list[Customer],
    ) -> None:
        other = await make_client(tenant=other_tenant)
        response = await _bulk(other, action="set_status", selection=LODZ, status="blocked")
        assert response.json()["matched"] == 0
        response = await _bulk(
            other, action="add_tags", selection={"ids": [str(p.id) for p in people]}, tags=["X"]
        )
        assert response.json()["changed"] == 0
        assert (await _customer(client, people[0]))["status"] == "active"

    async def test_one_audit_event_listed_in_each_history(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, people: list[Customer]
    ) -> None:
        await _bulk(client, action="set_status", selection=LODZ, status="inactive")
        events = await session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.tenant_id == ctx.tenant_id,
                AuditEvent.action == "customers.bulk.set_status",
            )
        )
        assert events == 1
        for person in people[:2]:
            history = (await client.get(f"/customers/{person.id}/history")).json()["items"]
            assert history[0]["action"] == "customers.bulk.set_status"

    async def test_viewer_cannot_run_bulk_actions(self, make_client: Any) -> None:
        viewer = await make_client(scopes=["customers:read"])
        assert (
            await _bulk(viewer, action="set_status", selection=LODZ, status="blocked")
        ).status_code == 403


class TestLargeSelectionsRunAsJobs:
    async def test_large_selection_is_queued_and_the_job_applies_it(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        jobs: InMemoryQueue,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        for i in range(5):
            session.add(Customer(tenant_id=ctx.tenant_id, last_name=f"P{i}", city="Łódź"))
        await session.flush()
        response = await _bulk(client, action="set_status", selection=LODZ, status="blocked")
        body = response.json()
        assert body["status"] == "queued" and body["matched"] == 5
        assert [j.function for j in jobs.jobs] == ["run_bulk_job"]
        progress = (await client.get(f"/jobs/{body['job_id']}")).json()
        assert (progress["status"], progress["total"], progress["done"]) == ("queued", 5, 0)

    async def test_other_tenant_cannot_read_the_job(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        make_client: Any,
        other_tenant: Any,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 0)
        session.add(Customer(tenant_id=ctx.tenant_id, last_name="P", city="Łódź"))
        await session.flush()
        job_id = (
            await _bulk(client, action="set_status", selection=LODZ, status="blocked")
        ).json()["job_id"]
        other = await make_client(tenant=other_tenant)
        assert_problem(await other.get(f"/jobs/{job_id}"), 404, "job_not_found")
