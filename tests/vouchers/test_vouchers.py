import asyncio
import os
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit.models import AuditEvent
from app.auth import service as auth_service
from app.auth.scopes import SCOPES
from app.bulk import jobs as bulk_jobs
from app.bulk import service as bulk_service
from app.core import db as core_db
from app.core import tenancy
from app.core.context import Context, TenantInfo
from app.core.jobs import InMemoryQueue
from app.customers.models import Customer
from app.jobs.models import Job
from app.main import create_app
from app.stats import aggregates
from app.vouchers import jobs as voucher_jobs  # noqa: F401 - registers the issue job action
from app.vouchers import service
from app.vouchers.codes import ALPHABET, generate_code
from app.vouchers.models import Voucher
from app.vouchers.schemas import IssueTerms, VoucherCreate, VoucherIssue
from tests.conftest import ClientFactory
from tests.factories import create_customer
from tests.problems import assert_problem


async def _fresh(session: AsyncSession, customer: Customer) -> Customer:
    async with tenancy.as_tenant(session, customer.tenant_id):
        await session.refresh(customer)
    return customer


async def _no_drift(session: AsyncSession, tenant: TenantInfo) -> None:
    async with tenancy.as_tenant(session, tenant.id):
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0


class TestCodes:
    def test_generated_codes_avoid_ambiguous_characters(self) -> None:
        codes = {generate_code() for _ in range(2000)}
        assert not set("".join(codes)) & set("O0I1")
        assert set("".join(codes)) <= set(ALPHABET)

    def test_generated_codes_are_unique_within_a_batch(self) -> None:
        assert len({generate_code() for _ in range(5000)}) == 5000

    async def test_generate_returns_count_unique_codes_with_prefix(
        self, client: httpx.AsyncClient
    ) -> None:
        r = await client.post(
            "/vouchers/generate", json={"count": 300, "value": "50", "prefix": "xmas-"}
        )
        assert r.status_code == 201
        codes = r.json()["codes"]
        assert len(set(codes)) == 300
        assert all(c.startswith("XMAS-") and len(c) == 13 for c in codes)

    async def test_given_code_taken_is_a_conflict(self, client: httpx.AsyncClient) -> None:
        assert (
            await client.post("/vouchers", json={"code": "SUMMER-26", "value": "10"})
        ).status_code == 201
        r = await client.post("/vouchers", json={"code": "summer-26", "value": "10"})
        assert r.status_code == 409
        assert r.json()["code"] == "voucher_code_taken"

    async def test_code_lookup_is_case_insensitive(self, client: httpx.AsyncClient) -> None:
        await client.post("/vouchers", json={"code": "Gift-ABC", "value": "10"})
        r = await client.get("/vouchers/gift-abc")
        assert r.status_code == 200
        assert r.json()["code"] == "GIFT-ABC"

    async def test_same_code_in_another_tenant_is_allowed(
        self, client: httpx.AsyncClient, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        other = await make_client(tenant=other_tenant)
        assert (
            await client.post("/vouchers", json={"code": "SAME1", "value": "5"})
        ).status_code == 201
        assert (
            await other.post("/vouchers", json={"code": "SAME1", "value": "5"})
        ).status_code == 201


class TestAssignAndCancel:
    async def test_create_for_customer_counts_assigned_and_active(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await service.create_voucher(
            session, ctx, VoucherCreate(value=Decimal(50), customer_id=c.id)
        )
        c = await _fresh(session, c)
        assert (c.vouchers_assigned, c.vouchers_active, c.vouchers_redeemed) == (1, 1, 0)
        await _no_drift(session, tenant)

    async def test_assign_moves_counters(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await client.post("/vouchers", json={"code": "ASSIGN1", "value": "20"})
        r = await client.post("/vouchers/ASSIGN1/assign", json={"customer_id": str(c.id)})
        assert r.status_code == 200
        assert r.json()["customer_id"] == str(c.id)
        c = await _fresh(session, c)
        assert (c.vouchers_assigned, c.vouchers_active) == (1, 1)
        await _no_drift(session, tenant)

    async def test_assign_to_second_customer_is_refused(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        a, b = await create_customer(session, ctx), await create_customer(session, ctx)
        await client.post(
            "/vouchers", json={"code": "ONE-OWNER", "value": "20", "customer_id": str(a.id)}
        )
        r = await client.post("/vouchers/ONE-OWNER/assign", json={"customer_id": str(b.id)})
        assert r.status_code == 409
        assert r.json()["code"] == "voucher_already_assigned"

    async def test_cancel_decrements_active(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        await client.post(
            "/vouchers", json={"code": "CANCEL1", "value": "20", "customer_id": str(c.id)}
        )
        r = await client.post("/vouchers/CANCEL1/cancel")
        assert r.json()["status"] == "cancelled"
        c = await _fresh(session, c)
        assert (c.vouchers_assigned, c.vouchers_active) == (1, 0)
        await _no_drift(session, tenant)


class TestRedeem:
    async def _voucher(self, client: httpx.AsyncClient, **body: Any) -> str:
        r = await client.post("/vouchers", json={"value": "100", **body})
        assert r.status_code == 201, r.text
        return str(r.json()["code"])

    async def test_partial_redemption_lowers_balance(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        code = await self._voucher(client, customer_id=str(c.id))
        r = await client.post(
            f"/vouchers/{code}/redeem", json={"amount": "30.50", "transaction_ref": "R1"}
        )
        assert r.status_code == 200
        assert r.json()["voucher"]["balance"] == "69.50"
        assert r.json()["voucher"]["status"] == "active"
        c = await _fresh(session, c)
        assert (c.vouchers_active, c.vouchers_redeemed, c.voucher_redeemed_amount) == (
            1,
            0,
            Decimal("30.50"),
        )
        await _no_drift(session, tenant)

    async def test_full_redemption_marks_redeemed(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        code = await self._voucher(client, customer_id=str(c.id))
        await client.post(f"/vouchers/{code}/redeem", json={"amount": "40"})
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "60"})
        assert (r.json()["voucher"]["balance"], r.json()["voucher"]["status"]) == (
            "0.00",
            "redeemed",
        )
        c = await _fresh(session, c)
        assert (c.vouchers_active, c.vouchers_redeemed, c.voucher_redeemed_amount) == (
            0,
            1,
            Decimal(100),
        )
        await _no_drift(session, tenant)

    async def test_amount_above_balance_is_overspent(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(client)
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "100.01"})
        assert r.status_code == 409
        assert r.json()["code"] == "voucher_overspent"

    async def test_used_up_voucher_refuses(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(client)
        await client.post(f"/vouchers/{code}/redeem", json={"amount": "100"})
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "1"})
        assert r.json()["code"] == "voucher_used_up"

    async def test_expired_voucher_refuses(self, client: httpx.AsyncClient) -> None:
        past = datetime.now(UTC) - timedelta(days=1)
        code = await self._voucher(
            client, valid_from=(past - timedelta(days=30)).isoformat(), valid_until=past.isoformat()
        )
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "1"})
        assert r.status_code == 409
        assert r.json()["code"] == "voucher_expired"

    async def test_not_yet_valid_voucher_refuses(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(
            client, valid_from=(datetime.now(UTC) + timedelta(days=1)).isoformat()
        )
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "1"})
        assert r.json()["code"] == "voucher_not_yet_valid"

    async def test_cancelled_voucher_refuses(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(client)
        await client.post(f"/vouchers/{code}/cancel")
        r = await client.post(f"/vouchers/{code}/redeem", json={"amount": "1"})
        assert r.json()["code"] == "voucher_cancelled"

    async def test_unknown_code_is_not_found(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/vouchers/NOPE2345/redeem", json={"amount": "1"})
        assert r.status_code == 404
        assert r.json()["code"] == "voucher_not_found"

    async def test_amount_voucher_needs_an_amount(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(client)
        r = await client.post(f"/vouchers/{code}/redeem", json={})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "amount_required"

    async def test_percent_voucher_is_used_once(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(client, kind="percent", value="15")
        r = await client.post(f"/vouchers/{code}/redeem", json={"purchase_amount": "80.00"})
        assert r.json()["voucher"]["status"] == "redeemed"
        again = await client.post(f"/vouchers/{code}/redeem", json={})
        assert again.json()["code"] == "voucher_used_up"

    async def test_idempotent_retry_redeems_once(self, client: httpx.AsyncClient) -> None:
        code = await self._voucher(client)
        key = {"Idempotency-Key": f"pos-{uuid.uuid4()}"}
        first = await client.post(f"/vouchers/{code}/redeem", json={"amount": "10"}, headers=key)
        again = await client.post(f"/vouchers/{code}/redeem", json={"amount": "10"}, headers=key)
        assert first.json() == again.json()
        assert (await client.get(f"/vouchers/{code}")).json()["balance"] == "90.00"

    async def test_location_code_is_recorded(self, client: httpx.AsyncClient) -> None:
        loc = (await client.post("/locations", json={"code": "WAW-01", "name": "Warszawa"})).json()
        code = await self._voucher(client)
        r = await client.post(
            f"/vouchers/{code}/redeem", json={"amount": "5", "location": "WAW-01"}
        )
        assert r.json()["redemption"]["location_id"] == loc["id"]

    async def test_other_tenant_cannot_redeem(
        self, client: httpx.AsyncClient, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        code = await self._voucher(client)
        other = await make_client(tenant=other_tenant)
        r = await other.post(f"/vouchers/{code}/redeem", json={"amount": "5"})
        assert r.status_code == 404

    async def test_without_vouchers_scope_is_forbidden(
        self, client: httpx.AsyncClient, make_client: Any
    ) -> None:
        code = await self._voucher(client)
        reader = await make_client(scopes=["customers:read"])
        assert (
            await reader.post(f"/vouchers/{code}/redeem", json={"amount": "5"})
        ).status_code == 403


class TestCustomerVouchers:
    async def test_lists_vouchers_with_redemptions(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        await client.post(
            "/vouchers", json={"code": "MINE-1", "value": "50", "customer_id": str(c.id)}
        )
        await client.post(
            "/vouchers/MINE-1/redeem", json={"amount": "20", "transaction_ref": "T-9"}
        )
        r = await client.get(f"/customers/{c.id}/vouchers")
        assert r.status_code == 200
        [item] = r.json()["items"]
        assert item["code"] == "MINE-1"
        assert [x["amount"] for x in item["redemptions"]] == ["20.00"]

    async def test_other_tenants_customer_is_not_found(
        self, session: AsyncSession, ctx: Context, make_client: Any, other_tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        other = await make_client(tenant=other_tenant)
        assert_problem(await other.get(f"/customers/{c.id}/vouchers"), 404, "customer_not_found")


class TestExpiry:
    async def test_expiry_job_marks_and_moves_counters(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        past = datetime.now(UTC) - timedelta(days=1)
        await service.create_voucher(
            session, ctx,
            VoucherCreate(value=Decimal(5), customer_id=c.id, valid_from=past - timedelta(days=9), valid_until=past),
        )  # fmt: skip
        assert await service.expire_vouchers(session, tenant.id) >= 1
        c = await _fresh(session, c)
        assert (c.vouchers_assigned, c.vouchers_active) == (1, 0)
        await _no_drift(session, tenant)


class TestConcurrentRedemption:
    async def test_concurrent_redemptions_never_overspend(
        self, committed_tenant: TenantInfo
    ) -> None:
        """Twelve tills redeem 30.00 each from one 100.00 voucher at the same moment."""
        from redis.asyncio import Redis

        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            _, token = await auth_service.create_api_key(
                s, committed_tenant.id, name="pos", scopes=sorted(SCOPES), created_by="tests"
            )
            owner = Context(tenant=committed_tenant, principal=auth_service_principal())
            c = await create_customer(s, owner)
            v = await service.create_voucher(
                s, owner, VoucherCreate(value=Decimal(100), customer_id=c.id)
            )
        app = create_app()
        app.state.redis = Redis.from_url(os.environ["REDIS_URL"])
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        ) as api:
            results = await asyncio.gather(
                *(api.post(f"/vouchers/{v.code}/redeem", json={"amount": "30"}) for _ in range(12))
            )
        await app.state.redis.aclose()
        statuses = sorted(r.status_code for r in results)
        assert statuses.count(200) == 3
        assert {r.json()["code"] for r in results if r.status_code != 200} == {"voucher_overspent"}
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            fresh = await service.get_voucher(s, committed_tenant.id, v.code)
            assert fresh.balance == Decimal(10)
            assert (await aggregates.reconcile(s, committed_tenant.id, fix=False)).customers == 0
            customer = await s.get(Customer, (committed_tenant.id, c.id))
            assert customer is not None
            assert customer.voucher_redeemed_amount == Decimal(90)


def auth_service_principal() -> Any:
    from app.auth.scopes import ROLE_SCOPES
    from app.core.context import Principal

    return Principal(
        kind="user", id=uuid.uuid4(), label="owner@test", role="owner", scopes=ROLE_SCOPES["owner"]
    )


@pytest.fixture(autouse=True)
def _forget_keys() -> None:
    from app.auth.deps import forget_cached_keys

    forget_cached_keys()


class TestIssueToSelection:
    async def test_one_voucher_per_filtered_customer(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        lodz = [await create_customer(session, ctx, city="Łódź") for _ in range(3)]
        other = await create_customer(session, ctx, city="Kraków")
        body = {
            "value": "25",
            "prefix": "LDZ-",
            "filter": {"field": "city", "op": "eq", "value": "Łódź"},
        }
        r = await client.post("/vouchers/issue", json=body)
        assert r.status_code == 201, r.text
        assert r.json() == {"status": "done", "matched": 3, "issued": 3, "job_id": None}
        for c in lodz:
            c = await _fresh(session, c)
            assert (c.vouchers_assigned, c.vouchers_active) == (1, 1)
        assert (await _fresh(session, other)).vouchers_assigned == 0
        codes = [
            v["code"]
            for v in (
                await client.get("/vouchers", params={"customer_id": str(lodz[0].id)})
            ).json()["items"]
        ]
        assert codes[0].startswith("LDZ-")
        assert not set(codes[0].removeprefix("LDZ-")) & set("O0I1")
        await _no_drift(session, tenant)

    async def test_bad_filter_is_invalid(self, client: httpx.AsyncClient) -> None:
        r = await client.post(
            "/vouchers/issue",
            json={"value": "5", "filter": {"field": "nope", "op": "eq", "value": 1}},
        )
        assert r.status_code == 422

    async def test_small_selection_is_audited_in_each_customers_history(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx, city="Poznań")
        r = await client.post("/vouchers/issue", json={"value": "5", "filter": "city = 'Poznań'"})
        assert r.status_code == 201, r.text
        history = (await client.get(f"/customers/{c.id}/history")).json()["items"]
        assert [e["action"] for e in history if e["action"] == "voucher.issued"] == [
            "voucher.issued"
        ]

    async def test_customers_of_another_tenant_get_nothing(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
        other_tenant: TenantInfo,
    ) -> None:
        mine = await create_customer(session, ctx, city="Łódź")
        other_ctx = Context(tenant=other_tenant, principal=ctx.principal, locale="en")
        theirs = await create_customer(session, other_ctx, city="Łódź")
        r = await client.post(
            "/vouchers/issue",
            json={"value": "5", "customer_ids": [str(mine.id), str(theirs.id)]},
        )
        assert r.json()["issued"] == 1
        assert (await _fresh(session, theirs)).vouchers_assigned == 0
        r = await client.post("/vouchers/issue", json={"value": "5", "filter": "city = 'Łódź'"})
        assert (r.json()["matched"], r.json()["issued"]) == (1, 1)
        assert (await _fresh(session, mine)).vouchers_assigned == 2
        assert (await _fresh(session, theirs)).vouchers_assigned == 0
        await _no_drift(session, tenant)
        await _no_drift(session, other_tenant)

    async def test_gone_customer_ids_are_skipped(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        c = await create_customer(session, ctx)
        terms = IssueTerms(value=Decimal(10))
        assert await service.issue_to_customers(session, ctx, terms, [c.id, uuid.uuid4()]) == 1
        await _no_drift(session, tenant)

    async def test_large_selection_answers_202_with_a_job(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        jobs: InMemoryQueue,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        people = [await create_customer(session, ctx, city="Gdańsk") for _ in range(3)]
        r = await client.post("/vouchers/issue", json={"value": "5", "filter": "city = 'Gdańsk'"})
        assert r.status_code == 202, r.text
        body = r.json()
        assert (body["status"], body["matched"], body["issued"]) == ("queued", 3, None)
        assert r.headers["Location"] == f"/api/v1/jobs/{body['job_id']}"
        job = (await client.get(f"/jobs/{body['job_id']}")).json()
        assert (job["kind"], job["status"], job["total"], job["done"]) == (
            "vouchers.issue",
            "queued",
            3,
            0,
        )
        assert [(j.function, j.kwargs) for j in jobs.jobs] == [
            ("run_bulk_job", {"bulk_job_id": body["job_id"], "tenant_id": str(ctx.tenant_id)})
        ]
        # Nothing is issued in the request.
        assert {(await _fresh(session, c)).vouchers_assigned for c in people} == {0}

    async def test_a_vouchers_key_polls_its_own_job_only(
        self,
        make_client: ClientFactory,
        session: AsyncSession,
        ctx: Context,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 1)
        for _ in range(2):
            await create_customer(session, ctx, city="Sopot")
        till = await make_client(scopes=["vouchers"])
        r = await till.post("/vouchers/issue", json={"value": "5", "filter": "city = 'Sopot'"})
        assert r.status_code == 202, r.text
        assert (await till.get(f"/jobs/{r.json()['job_id']}")).status_code == 200
        other_till = await make_client(scopes=["vouchers"])
        refused = await other_till.get(f"/jobs/{r.json()['job_id']}")
        assert refused.status_code == 403
        assert refused.json()["code"] == "forbidden"


async def _committed_customers(tenant: TenantInfo, n: int, city: str) -> list[uuid.UUID]:
    async with core_db.unit_of_work(tenant_id=tenant.id) as s:
        rows = [Customer(tenant_id=tenant.id, last_name=f"K{i}", city=city) for i in range(n)]
        s.add_all(rows)
        await s.flush()
        return [c.id for c in rows]


async def _queue_issue(tenant: TenantInfo, body: dict[str, Any]) -> uuid.UUID:
    queue = InMemoryQueue()
    async with core_db.unit_of_work(queue, tenant_id=tenant.id) as s:
        owner = Context(tenant=tenant, principal=auth_service_principal())
        result = await service.issue_to_selection(s, owner, VoucherIssue.model_validate(body))
    assert result.status == "queued" and result.job_id is not None
    assert [j.kwargs for j in queue.jobs] == [
        {"bulk_job_id": str(result.job_id), "tenant_id": str(tenant.id)}
    ]
    return result.job_id


async def _voucher_counts(tenant: TenantInfo) -> dict[uuid.UUID, int]:
    async with core_db.unit_of_work(tenant_id=tenant.id) as s:
        rows = await s.execute(
            select(Voucher.customer_id, func.count())
            .where(Voucher.tenant_id == tenant.id)
            .group_by(Voucher.customer_id)
        )
        return {customer_id: n for customer_id, n in rows.tuples()}


class TestIssueJob:
    async def test_job_issues_one_voucher_each_in_chunks_with_exact_aggregates(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        monkeypatch.setattr(bulk_service, "CHUNK", 3)
        selected = await _committed_customers(committed_tenant, 7, "Toruń")
        others = await _committed_customers(committed_tenant, 2, "Opole")
        job_id = await _queue_issue(
            committed_tenant, {"value": "20", "prefix": "TOR-", "filter": "city = 'Toruń'"}
        )
        await bulk_jobs.run_bulk_job(
            {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
        )
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            job = await s.get(Job, (committed_tenant.id, job_id))
            assert job is not None
            assert (job.kind, job.status, job.done, job.total) == (
                "vouchers.issue",
                "succeeded",
                7,
                7,
            )
            assert job.result is not None and job.result["changed"] == 7
            assert (await aggregates.reconcile(s, committed_tenant.id, fix=False)).customers == 0
            codes = list(
                await s.scalars(
                    select(Voucher.code).where(Voucher.tenant_id == committed_tenant.id)
                )
            )
            event = await s.scalar(
                select(AuditEvent).where(
                    AuditEvent.tenant_id == committed_tenant.id,
                    AuditEvent.action == "voucher.issued",
                )
            )
            assert event is not None
        assert await _voucher_counts(committed_tenant) == dict.fromkeys(selected, 1)
        assert not set(others) & set(await _voucher_counts(committed_tenant))
        assert all(c.startswith("TOR-") and not set(c[4:]) & set("O0I1") for c in codes)

    async def test_retried_job_resumes_without_duplicates(
        self, committed_tenant: TenantInfo, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(bulk_service, "SYNC_LIMIT", 2)
        monkeypatch.setattr(bulk_service, "CHUNK", 2)
        selected = await _committed_customers(committed_tenant, 5, "Sopot")
        job_id = await _queue_issue(committed_tenant, {"value": "5", "filter": "city = 'Sopot'"})
        calls = 0

        async def dies_on_second_chunk(*args: Any) -> int:
            nonlocal calls
            calls += 1
            if calls == 2:
                raise RuntimeError("worker killed")
            return await service.issue_chunk(*args)

        monkeypatch.setitem(bulk_service.JOB_ACTIONS, service.ISSUE_ACTION, dies_on_second_chunk)
        with pytest.raises(RuntimeError):
            await bulk_jobs.run_bulk_job(
                {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
            )
        assert sum((await _voucher_counts(committed_tenant)).values()) == 2
        monkeypatch.setitem(bulk_service.JOB_ACTIONS, service.ISSUE_ACTION, service.issue_chunk)
        await bulk_jobs.run_bulk_job(
            {}, bulk_job_id=str(job_id), tenant_id=str(committed_tenant.id)
        )
        assert await _voucher_counts(committed_tenant) == dict.fromkeys(selected, 1)
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            assert (await aggregates.reconcile(s, committed_tenant.id, fix=False)).customers == 0
