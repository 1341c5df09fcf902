import asyncio
import os
import uuid
from datetime import UTC, date, datetime, timedelta

import httpx
from sqlalchemy import func, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.scopes import ROLE_SCOPES, SCOPES
from app.core import db as core_db
from app.core.context import Context, Principal, TenantInfo
from app.loyalty import crons, levels, programme, reconcile
from app.loyalty.ledger import lock_account
from app.loyalty.models import LoyaltyLot
from app.main import create_app
from tests.factories import create_customer
from tests.loyalty.conftest import buy, set_programme


class TestExpiry:
    async def test_lots_expire_first_in_first_out(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "100")
        await buy(client, c.id, "50")
        first_lot = update(LoyaltyLot).where(
            LoyaltyLot.tenant_id == ctx.tenant_id, LoyaltyLot.points == 100
        )
        # The first lot expires sooner: a redemption takes its 30 from it (FIFO).
        await session.execute(first_lot.values(expires_at=datetime.now(UTC) + timedelta(days=1)))
        await client.post(f"/customers/{c.id}/points/redeem", json={"points": 30})
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert points["expiring_next"]["points"] == 70
        await session.execute(first_lot.values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        assert await crons.tenants_with_programme(session) == [ctx.tenant_id] or (
            ctx.tenant_id in await crons.tenants_with_programme(session)
        )
        assert await crons.settle_lots(session, ctx.tenant_id) == 70
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert (points["balance"], points["expired_total"]) == (50, 70)
        ledger = (await client.get(f"/customers/{c.id}/points/ledger")).json()
        assert ledger["items"][0]["kind"] == "expire"
        assert (await reconcile.check(session, ctx.tenant_id)).drifted == []

    async def test_pending_lots_mature(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, pending_days=7)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "40")
        # Due by the transaction's clock, which the cron reads (now() is the test's start: a
        # slow cluster can take more than a second to get here).
        await session.execute(
            update(LoyaltyLot)
            .where(LoyaltyLot.tenant_id == ctx.tenant_id)
            .values(available_at=func.now() - timedelta(seconds=1))
        )
        await crons.settle_lots(session, ctx.tenant_id)
        points = (await client.get(f"/customers/{c.id}/points")).json()
        assert (points["balance"], points["pending"]) == (40, 0)
        assert (await reconcile.check(session, ctx.tenant_id)).drifted == []


class TestBirthday:
    async def test_birthday_bonus_once_on_the_tenants_local_day(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, birthday_bonus=100)
        c = await create_customer(session, ctx, birth_date="1990-03-15")
        other = await create_customer(session, ctx, birth_date="1990-03-16")
        # 23:30 UTC on 14 March is already 15 March in Warsaw (the test tenant's zone).
        moment = datetime(2027, 3, 14, 23, 30, tzinfo=UTC)
        assert await crons.birthday_bonuses(session, ctx.tenant_id, moment) == 1
        assert await crons.birthday_bonuses(session, ctx.tenant_id, moment) == 0
        assert (await client.get(f"/customers/{c.id}/points")).json()["balance"] == 100
        assert (await client.get(f"/customers/{other.id}/points")).json()["balance"] == 0

    async def test_28_february_of_a_common_year_holds_29_february_of_any_year(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        # Found by date (every year's day from the earliest birth date): a birth year before
        # 1900 too, and 29 February only from leap years.
        await set_programme(client, birthday_bonus=100)
        born = ["1896-02-29", "2000-02-29", "1990-02-28", "1990-03-01", "1991-02-27"]
        for i, birth in enumerate(born):
            await create_customer(session, ctx, birth_date=birth, email=f"leap{i}@example.pl")
        moment = datetime(2027, 2, 28, 12, 0, tzinfo=UTC)
        assert await crons.birthday_bonuses(session, ctx.tenant_id, moment) == 3

    def test_leap_day_birthdays_on_28_february(self) -> None:
        assert crons.birthday_matches(date(2000, 2, 29), date(2027, 2, 28))
        assert not crons.birthday_matches(date(2000, 2, 29), date(2028, 2, 28))


class TestLevels:
    async def test_downgrade_only_after_grace(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        await set_programme(client, level_window_days=30, level_grace_days=10)
        c = await create_customer(session, ctx)
        await buy(client, c.id, "600")
        assert (await client.get(f"/customers/{c.id}/points")).json()["level"]["name"] == "Gold"
        rules = (await programme.required(session, ctx.tenant_id)).rules
        account = await lock_account(session, ctx.tenant_id, c.id)
        later = datetime.now(UTC) + timedelta(days=31)  # the window no longer holds the sale
        assert not await levels.recompute(session, rules, account, later)
        assert account.level == "Gold" and account.below_level_since == later
        assert not await levels.recompute(session, rules, account, later + timedelta(days=9))
        assert await levels.recompute(session, rules, account, later + timedelta(days=10))
        assert account.level is None
        history = (await client.get(f"/customers/{c.id}/points/levels")).json()
        assert [(h["from_level"], h["to_level"], h["reason"]) for h in history] == [
            ("Gold", None, "grace_ended"),
            (None, "Gold", "qualified"),
        ]

    async def test_nightly_run_decides_every_account_in_one_pass(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        """Gold keeps Gold; a lapsed Gold starts its grace, then drops after it; a customer whose
        points were bought before the window loses Silver; a level the rules dropped is gone."""
        await set_programme(client, level_window_days=30, level_grace_days=10)
        gold, lapsed, silver, renamed = [await create_customer(session, ctx) for _ in range(4)]
        for c, amount in ((gold, "600"), (lapsed, "700"), (silver, "150"), (renamed, "200")):
            await buy(client, c.id, amount)
        # A moment, not `created_at - interval`: Citus refuses a stable function of a column
        # in an UPDATE's SET (the entries were all written just now).
        entries = text(
            "UPDATE loyalty_entries SET created_at = :at"
            " WHERE tenant_id = :t AND customer_id = ANY(:ids)"
        )
        await session.execute(
            entries,
            {
                "t": ctx.tenant_id,
                "ids": [lapsed.id, silver.id],
                "at": datetime.now(UTC) - timedelta(days=40),
            },
        )
        await session.execute(
            text("UPDATE loyalty_accounts SET level = 'Bronze' WHERE customer_id = :c"),
            {"c": renamed.id},
        )
        now = datetime.now(UTC)

        async def state() -> dict[uuid.UUID, tuple[str | None, bool]]:
            rows = await session.execute(
                text("SELECT customer_id, level, below_level_since IS NOT NULL"
                     " FROM loyalty_accounts WHERE tenant_id = :t"), {"t": ctx.tenant_id},
            )  # fmt: skip
            return {r[0]: (r[1], r[2]) for r in rows}

        # Bronze is no level of the rules: the customer's figure decides at once (Silver).
        assert await crons.recompute_levels(session, ctx.tenant_id, now) == 1
        assert await state() == {
            gold.id: ("Gold", False), lapsed.id: ("Gold", True), silver.id: ("Silver", True),
            renamed.id: ("Silver", False),
        }  # fmt: skip
        assert await crons.recompute_levels(session, ctx.tenant_id, now + timedelta(days=9)) == 0
        # Back within the window for the lapsed one: the grace period ends without a change.
        await buy(client, lapsed.id, "550")
        assert (await state())[lapsed.id] == ("Gold", False)
        assert await crons.recompute_levels(session, ctx.tenant_id, now + timedelta(days=10)) == 1
        assert (await state())[silver.id] == (None, False)
        history = (await client.get(f"/customers/{silver.id}/points/levels")).json()
        assert [(h["from_level"], h["to_level"], h["reason"]) for h in history] == [
            ("Silver", None, "grace_ended"),
            (None, "Silver", "qualified"),
        ]
        renamed_history = (await client.get(f"/customers/{renamed.id}/points/levels")).json()
        assert renamed_history[0]["from_level"] == "Bronze"


class TestConcurrentRedemption:
    async def test_racing_redemptions_never_overspend(self, committed_tenant: TenantInfo) -> None:
        """Ten tills redeem 30 points each from a balance of 100 at the same moment."""
        from redis.asyncio import Redis

        owner = Context(
            tenant=committed_tenant,
            principal=Principal("user", uuid.uuid4(), "o@t", "owner", ROLE_SCOPES["owner"]),
        )
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            _, token = await auth_service.create_api_key(
                s, committed_tenant.id, name="pos", scopes=sorted(SCOPES), created_by="tests"
            )
            c = await create_customer(s, owner)
        app = create_app()
        app.state.redis = Redis.from_url(os.environ["REDIS_URL"])
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        ) as api:
            await set_programme(api)
            await api.post(f"/customers/{c.id}/points/adjust", json={"points": 100, "reason": "x"})
            results = await asyncio.gather(
                *(
                    api.post(f"/customers/{c.id}/points/redeem", json={"points": 30})
                    for _ in range(10)
                )
            )
            balance = (await api.get(f"/customers/{c.id}/points")).json()["balance"]
        await app.state.redis.aclose()
        assert sorted(r.status_code for r in results).count(200) == 3
        assert {r.json()["code"] for r in results if r.status_code != 200} == {
            "insufficient_points"
        }
        assert balance == 10
        async with core_db.unit_of_work(tenant_id=committed_tenant.id) as s:
            assert (await reconcile.check(s, committed_tenant.id)).drifted == []
            left = await s.scalar(
                text("SELECT sum(remaining) FROM loyalty_lots WHERE tenant_id = :t"),
                {"t": committed_tenant.id},
            )
            assert left == 10
