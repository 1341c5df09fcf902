import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from arq.connections import RedisSettings
from arq.worker import Worker
from sqlalchemy import func, select, text

from app.core import db as core_db
from app.core.config import get_settings
from app.core.context import Context, Principal, TenantInfo
from app.core.errors import AppError
from app.customers.models import Customer
from app.demo.transactions import seed_vouchers_and_transactions
from app.stats import aggregates, jobs
from app.transactions import service as transactions
from app.transactions.schemas import CustomerRef, TransactionIn
from app.vouchers import service as vouchers
from app.vouchers.schemas import RedeemIn, VoucherCreate
from tests.factories import create_customer

OWNER = Principal(
    kind="user", id=uuid.uuid4(), label="owner@test", role="owner", scopes=frozenset({"admin"})
)


async def _event(
    ctx: Context, rng: random.Random, people: list[uuid.UUID], codes: list[str]
) -> None:
    """One random till event in its own committed unit of work; refusals are expected."""
    roll = rng.random()
    try:
        async with core_db.unit_of_work(tenant_id=ctx.tenant_id) as s:
            if roll < 0.55:
                at = datetime(2026, 3, 1, tzinfo=UTC) + timedelta(hours=rng.randrange(0, 96))
                amount = Decimal(rng.randrange(-3000, 20000)) / 100 or Decimal(1)
                ref = f"R{rng.randrange(0, 40)}" if rng.random() < 0.5 else None
                body = TransactionIn(
                    customer=CustomerRef(id=rng.choice(people)),
                    amount=amount,
                    occurred_at=at,
                    external_ref=ref,
                )
                await transactions.record_transaction(s, ctx, body)
            elif roll < 0.85:
                await vouchers.redeem_voucher(
                    s, ctx, rng.choice(codes), RedeemIn(amount=Decimal(rng.randrange(1, 60)))
                )
            elif roll < 0.92:
                await vouchers.cancel_voucher(s, ctx, rng.choice(codes))
            else:
                await vouchers.assign_voucher(s, ctx, rng.choice(codes), rng.choice(people))
    except AppError:
        pass


class TestReconciliation:
    async def test_zero_drift_after_random_concurrent_events(
        self, committed_tenant: TenantInfo
    ) -> None:
        ctx = Context(tenant=committed_tenant, principal=OWNER)
        rng = random.Random(20261123)
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            people = [(await create_customer(s, ctx)).id for _ in range(4)]
            codes = []
            for i in range(12):
                owner = people[i % 4] if i < 8 else None
                v = await vouchers.create_voucher(
                    s, ctx, VoucherCreate(value=Decimal(100), customer_id=owner)
                )
                codes.append(v.code)
        for _ in range(4):
            await asyncio.gather(*(_event(ctx, rng, people, codes) for _ in range(25)))
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            drift = await aggregates.reconcile(s, committed_tenant.id, fix=False)
            count = await s.scalar(
                text("SELECT count(*) FROM transactions WHERE tenant_id = :t"),
                {"t": committed_tenant.id},
            )
        assert count and count > 20
        assert drift.customers == 0

    async def test_job_reports_and_fixes_drift(self, committed_tenant: TenantInfo) -> None:
        ctx = Context(tenant=committed_tenant, principal=OWNER)
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            c = await create_customer(s, ctx)
            body = TransactionIn(customer=CustomerRef(id=c.id), amount=Decimal(40))
            await transactions.record_transaction(s, ctx, body)
            await s.execute(
                text("UPDATE customers SET total_spent = 1, visits = 7 WHERE id = :id"),
                {"id": c.id},
            )
        tid = str(committed_tenant.id)
        assert await jobs.reconcile_aggregates({}, tenant_id=tid, fix=False) == {tid: 1}
        assert await jobs.reconcile_aggregates({}, tenant_id=tid) == {tid: 1}
        assert await jobs.reconcile_aggregates({}, tenant_id=tid) == {tid: 0}
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            fixed = await s.get(Customer, (committed_tenant.id, c.id))
            assert fixed is not None
            assert (fixed.total_spent, fixed.visits) == (Decimal(40), 1)


class TestWorker:
    async def test_rfm_job_runs_in_a_real_worker(self, committed_tenant: TenantInfo) -> None:
        from arq import create_pool

        ctx = Context(tenant=committed_tenant, principal=OWNER)
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            c = await create_customer(s, ctx)
            await transactions.record_transaction(
                s, ctx, TransactionIn(customer=CustomerRef(id=c.id), amount=Decimal(5))
            )
        settings = RedisSettings.from_dsn(get_settings().redis_url)
        pool = await create_pool(settings)
        queue = f"kt-test-{uuid.uuid4().hex}"
        await pool.enqueue_job(
            "recompute_rfm", tenant_id=str(committed_tenant.id), _queue_name=queue
        )
        worker = Worker(
            functions=[jobs.recompute_rfm],  # type: ignore[list-item]
            burst=True, poll_delay=0, redis_settings=settings, queue_name=queue,
        )  # fmt: skip
        await worker.main()
        await worker.close()
        await pool.aclose()
        assert worker.jobs_complete == 1
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            scored = await s.get(Customer, (committed_tenant.id, c.id))
            assert scored is not None
            assert (scored.rfm_recency, scored.rfm_segment) == (1, "hibernating")


class TestSeeder:
    async def test_seeds_rows_with_exact_aggregates(
        self, session: Any, ctx: Context, tenant: TenantInfo
    ) -> None:
        for _ in range(30):
            await create_customer(session, ctx)
        counts = await seed_vouchers_and_transactions(session, tenant.id, 30)
        assert 30 * 3 <= counts["transactions"] <= 30 * 7
        assert 30 <= counts["vouchers"] <= 30 * 5
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0
        unscored = await session.scalar(
            select(func.count())
            .select_from(Customer)
            .where(Customer.tenant_id == tenant.id, Customer.rfm_segment.is_(None))
        )
        assert unscored == 0

    async def test_second_run_adds_nothing_for_seeded_customers(
        self, session: Any, ctx: Context, tenant: TenantInfo
    ) -> None:
        await create_customer(session, ctx)
        await seed_vouchers_and_transactions(session, tenant.id, 1)
        again = await seed_vouchers_and_transactions(session, tenant.id, 1)
        assert (again["transactions"], again["vouchers"]) == (0, 0)


class TestMerge:
    async def test_moved_rows_give_exact_aggregates_with_shared_visit_days(
        self, session: Any, ctx: Context, tenant: TenantInfo
    ) -> None:
        a, b = await create_customer(session, ctx), await create_customer(session, ctx)
        day = datetime(2026, 3, 10, 10, tzinfo=UTC)
        for who, hours in ((a, 0), (b, 2), (b, 30)):
            body = TransactionIn(
                customer=CustomerRef(id=who.id),
                amount=Decimal(10),
                occurred_at=day + timedelta(hours=hours),
            )
            await transactions.record_transaction(session, ctx, body)
        await vouchers.create_voucher(
            session, ctx, VoucherCreate(value=Decimal(5), customer_id=b.id)
        )
        await aggregates.move_customer_rows(session, tenant.id, [b.id], a.id)
        await session.refresh(a)
        assert (a.transactions_count, a.visits, a.total_spent, a.vouchers_assigned) == (
            3,
            2,
            Decimal(30),
            1,
        )
        assert (await aggregates.reconcile(session, tenant.id, fix=False)).customers == 0
