"""The per-day cache behind `/stats/overview`: the same Overview as the live computation,
dropped by whatever changes a past day, and kept per tenant."""

import random
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, get_args
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core import tenancy
from app.core.context import Context, TenantInfo
from app.customers import service as customers
from app.merge import service as merge
from app.stats import service
from app.stats.schemas import Granularity, Preset
from app.stats_days import service as stats_days
from app.transactions import service as transactions
from app.transactions.schemas import CustomerRef, LocationIn, TransactionBatchIn, TransactionIn
from app.vouchers import service as vouchers
from app.vouchers.schemas import RedeemIn, VoucherCreate
from tests.factories import create_customer

# Europe/Warsaw leaves summer time on 25 October 2026; "now" is a week later.
NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
FROM = datetime(2026, 8, 20, tzinfo=UTC)


async def _set(session: AsyncSession, table: str, column: str, id_: uuid.UUID, at: Any) -> None:
    await session.execute(
        text(f"UPDATE {table} SET {column} = :at WHERE id = :id"), {"at": at, "id": id_}
    )


def _at(rng: random.Random, until: datetime = NOW + timedelta(days=2)) -> datetime:
    return FROM + timedelta(seconds=rng.randrange(int((until - FROM).total_seconds())))


async def _random_base(session: AsyncSession, ctx: Context, seed: int) -> list[str]:
    """Customers, sales, refunds, vouchers and redemptions at random instants from August to
    just after NOW (some on the DST day, some later today, some in the future), at two
    locations or none. Returns the location codes."""
    rng = random.Random(seed)
    codes = ["A", "B"]
    for code in codes:
        await transactions.create_location(session, ctx, LocationIn(code=code, name=code))
    people = []
    for _ in range(12):
        c = await create_customer(session, ctx)
        await _set(session, "customers", "created_at", c.id, _at(rng))
        people.append(c.id)
    dst_day = datetime(2026, 10, 24, 21, 0, tzinfo=UTC)
    for i in range(160):
        at = dst_day + timedelta(minutes=rng.randrange(0, 26 * 60)) if i % 8 == 0 else _at(rng)
        amount = Decimal(rng.randrange(-2000, 20000)) / 100 or Decimal(1)
        body = TransactionIn(
            customer=CustomerRef(id=rng.choice(people)),
            amount=amount,
            occurred_at=at,
            location=rng.choice([*codes, None]),
        )
        await transactions.record_transaction(session, ctx, body)
    for _ in range(25):
        v = await vouchers.create_voucher(session, ctx, VoucherCreate(value=Decimal(100)))
        await _set(session, "vouchers", "created_at", v.id, _at(rng))
        if rng.random() < 0.7:
            loc = rng.choice([*codes, None])
            r, _ = await vouchers.redeem_voucher(
                session, ctx, v.code, RedeemIn(amount=Decimal(rng.randrange(1, 90)), location=loc)
            )
            await _set(session, "voucher_redemptions", "redeemed_at", r.id, _at(rng))
    return codes


async def _both(session: AsyncSession, ctx: Context, **kw: Any) -> tuple[dict[str, Any], ...]:
    cached = await service.overview(session, ctx, **kw)
    live = await service.overview(session, ctx, live=True, **kw)
    return cached.model_dump(mode="json"), live.model_dump(mode="json")


async def _cached_days(session: AsyncSession, tenant_id: uuid.UUID) -> int:
    return int(
        await session.scalar(
            text("SELECT count(*) FROM stats_days WHERE tenant_id = :t"), {"t": tenant_id}
        )
        or 0
    )


class TestCacheMatchesLive:
    async def test_every_preset_granularity_and_location(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        assert ctx.tenant.timezone == "Europe/Warsaw"
        codes = await _random_base(session, ctx, seed=6)
        customs = [(date(2026, 10, 20), date(2026, 10, 30)), (date(2026, 9, 1), date(2026, 11, 6))]
        compared = 0
        for location in (None, *codes):
            for granularity in get_args(Granularity):
                for preset in get_args(Preset):
                    ranges = customs if preset == "custom" else [(None, None)]
                    for start, end in ranges:
                        kw = dict(
                            preset=preset, granularity=granularity, start=start, end=end,
                            location=location, now=NOW,
                        )  # fmt: skip
                        cold, live = await _both(session, ctx, **kw)  # type: ignore[arg-type]
                        warm, _ = await _both(session, ctx, **kw)  # type: ignore[arg-type]
                        assert cold == live, (preset, granularity, location, start)
                        assert warm == live, (preset, granularity, location, start)
                        compared += 1
        assert compared == 3 * 3 * 6
        # The cache holds closed days only (the previous period of the September range starts
        # in July), and the figures are not all zero.
        last = await session.scalar(
            text("SELECT max(day) FROM stats_days WHERE tenant_id = :t"), {"t": ctx.tenant_id}
        )
        assert last == date(2026, 11, 1)
        month, _ = await _both(
            session, ctx, preset="custom", granularity="month", start=date(2026, 8, 20),
            end=date(2026, 11, 4), now=NOW,
        )  # fmt: skip
        assert month["totals"]["transactions"] > 50
        assert month["totals"]["vouchers_redeemed"] > 5

    async def test_first_half_hour_after_midnight_is_still_live(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        late = datetime(2026, 11, 1, 22, 50, tzinfo=UTC)  # 23:50 in Warsaw, 1 November
        await transactions.record_transaction(
            session,
            ctx,
            TransactionIn(customer=CustomerRef(id=c.id), amount=Decimal(5), occurred_at=late),
        )
        just_after = datetime(2026, 11, 1, 23, 10, tzinfo=UTC)  # 00:10 on 2 November
        kw: dict[str, Any] = {"preset": "last_7_days", "granularity": "day", "now": just_after}
        cached, live = await _both(session, ctx, **kw)
        assert cached == live
        days = await session.scalars(
            text("SELECT day FROM stats_days WHERE tenant_id = :t"), {"t": ctx.tenant_id}
        )
        assert date(2026, 11, 1) not in set(days)


def _today_minus(ctx: Context, n: int) -> datetime:
    """Noon, n local days ago (real time: the invalidation compares with the real today)."""
    return datetime.now(UTC) - timedelta(days=n)


async def _overview(session: AsyncSession, ctx: Context) -> dict[str, Any]:
    cached, live = await _both(session, ctx, preset="last_7_days", granularity="day")
    assert cached == live
    return cached


class TestInvalidation:
    async def test_back_dated_transaction_changes_the_next_overview(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        before = await _overview(session, ctx)
        assert await _cached_days(session, ctx.tenant_id) > 0
        body = TransactionIn(
            customer=CustomerRef(id=c.id), amount=Decimal("12.30"), occurred_at=_today_minus(ctx, 3)
        )
        await transactions.record_transaction(session, ctx, body)
        after = await _overview(session, ctx)
        assert (before["totals"]["revenue"], after["totals"]["revenue"]) == ("0.00", "12.30")

    async def test_back_dated_batch_changes_the_next_overview(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        await _overview(session, ctx)
        items = [
            TransactionIn(
                customer=CustomerRef(id=c.id), amount=Decimal(10), occurred_at=_today_minus(ctx, n)
            )
            for n in (2, 2, 4)
        ]
        await transactions.record_batch(session, ctx, TransactionBatchIn(items=items))
        assert (await _overview(session, ctx))["totals"]["transactions"] == 3

    async def test_todays_sale_leaves_the_cache_alone(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        await _overview(session, ctx)
        cached = await _cached_days(session, ctx.tenant_id)
        body = TransactionIn(customer=CustomerRef(id=c.id), amount=Decimal(7))
        await transactions.record_transaction(session, ctx, body)
        assert await _cached_days(session, ctx.tenant_id) == cached
        assert (await _overview(session, ctx))["totals"]["revenue"] == "7.00"

    async def test_deleted_customer_leaves_new_customers(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        c = await create_customer(session, ctx)
        await _set(session, "customers", "created_at", c.id, _today_minus(ctx, 2))
        assert (await _overview(session, ctx))["totals"]["new_customers"] == 1
        await customers.delete_customer(session, ctx, c.id)
        assert (await _overview(session, ctx))["totals"]["new_customers"] == 0

    async def test_merged_customer_leaves_new_customers(
        self, session: AsyncSession, ctx: Context
    ) -> None:
        target = await create_customer(session, ctx)
        source = await create_customer(session, ctx)
        for c, n in ((target, 5), (source, 3)):
            await _set(session, "customers", "created_at", c.id, _today_minus(ctx, n))
        assert (await _overview(session, ctx))["totals"]["new_customers"] == 2
        await merge.merge(session, ctx, target.id, [source.id], {}, dry_run=False)
        assert (await _overview(session, ctx))["totals"]["new_customers"] == 1


class TestCacheIsolation:
    async def test_tenants_have_their_own_days(
        self,
        session: AsyncSession,
        ctx: Context,
        other_tenant: TenantInfo,
        make_client: Any,
        client: httpx.AsyncClient,
    ) -> None:
        c = await create_customer(session, ctx)
        await _set(session, "customers", "created_at", c.id, _today_minus(ctx, 2))
        params = {"preset": "last_7_days"}
        mine = (await client.get("/stats/overview", params=params)).json()
        other = await make_client(tenant=other_tenant)
        theirs = (await other.get("/stats/overview", params=params)).json()
        assert (mine["totals"]["new_customers"], theirs["totals"]["new_customers"]) == (1, 0)
        # The 13 closed days of the two windows are cached; in the grace hour after local
        # midnight yesterday is still open (`first_open_day`), so 12.
        tz = ZoneInfo(ctx.tenant.timezone)
        now = datetime.now(UTC)
        closed = 13 - (now.astimezone(tz).date() - stats_days.first_open_day(tz, now)).days
        # The test's session worked for the tenant of the last request: each in turn.
        async with tenancy.as_tenant(session, ctx.tenant_id):
            assert await _cached_days(session, ctx.tenant_id) >= closed
        async with tenancy.as_tenant(session, other_tenant.id):
            assert await _cached_days(session, other_tenant.id) >= closed
        # A back-dated sale of one tenant drops only its own days.
        body = TransactionIn(
            customer=CustomerRef(id=c.id), amount=Decimal(3), occurred_at=_today_minus(ctx, 1)
        )
        async with tenancy.as_tenant(session, other_tenant.id):
            kept = await _cached_days(session, other_tenant.id)
        async with tenancy.as_tenant(session, ctx.tenant_id):
            await transactions.record_transaction(session, ctx, body)
        async with tenancy.as_tenant(session, other_tenant.id):
            assert await _cached_days(session, other_tenant.id) == kept
        theirs = (await other.get("/stats/overview", params=params)).json()
        assert theirs["totals"]["revenue"] == "0.00"


@pytest.mark.parametrize("location", ["A", "B"])
async def test_location_keeps_figures_without_location(
    session: AsyncSession, ctx: Context, location: str
) -> None:
    """With a location, revenue and redemptions are that location's; new customers and
    vouchers issued have no location and are counted whole, cached or live."""
    for code in ("A", "B"):
        await transactions.create_location(session, ctx, LocationIn(code=code, name=code))
    c = await create_customer(session, ctx)
    await _set(session, "customers", "created_at", c.id, _today_minus(ctx, 3))
    for code, amount, n in (("A", "10", 2), ("B", "25", 3), (None, "40", 1)):
        body = TransactionIn(
            customer=CustomerRef(id=c.id),
            amount=Decimal(amount),
            occurred_at=_today_minus(ctx, n),
            location=code,
        )
        await transactions.record_transaction(session, ctx, body)
    cached, live = await _both(
        session, ctx, preset="last_7_days", granularity="week", location=location
    )
    assert cached == live
    assert cached["totals"]["revenue"] == {"A": "10.00", "B": "25.00"}[location]
    assert cached["totals"]["new_customers"] == 1


class TestFillJob:
    async def test_job_caches_the_closed_days_of_the_default_dashboard(
        self, committed_tenant: TenantInfo
    ) -> None:
        from app.core import db as core_db
        from app.stats import jobs

        tid = str(committed_tenant.id)
        filled = await jobs.fill_stats_days({}, tenant_id=tid)
        assert filled[tid] == jobs.FILL_DAYS  # one no-location row per empty day
        assert await jobs.fill_stats_days({}, tenant_id=tid) == {tid: jobs.FILL_DAYS}
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            days = await _cached_days(s, committed_tenant.id)
        assert days == jobs.FILL_DAYS
