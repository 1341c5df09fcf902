"""Opening points balances from the old system: mapped by header, checked per row, written
into the loyalty ledger at commit."""

from typing import Any

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from app.imports.mapping import suggest_target
from app.loyalty import reconcile
from app.loyalty.models import LoyaltyAccount, LoyaltyEntry, LoyaltyLot
from tests.factories import create_customer
from tests.imports.conftest import RunJobs, Upload


async def _run(client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, data: bytes,
               **options: Any) -> dict[str, Any]:  # fmt: skip
    imp = await upload(data)
    if options:
        r = await client.put(f"/imports/{imp['id']}/mapping", json={**imp["mapping"], **options})
        assert r.status_code == 200, r.text
    await client.post(f"/imports/{imp['id']}/preview")
    await run_jobs()
    assert (await client.get(f"/imports/{imp['id']}")).json()["status"] == "validated"
    await client.post(f"/imports/{imp['id']}/commit")
    await run_jobs()
    got: dict[str, Any] = (await client.get(f"/imports/{imp['id']}")).json()
    return got


async def _account(session: AsyncSession, tenant_id: Any, email: str) -> LoyaltyAccount | None:
    session.expire_all()
    customer = await session.scalar(
        select(Customer).where(Customer.tenant_id == tenant_id, Customer.email == email)
    )
    assert customer is not None
    return await session.scalar(
        select(LoyaltyAccount).where(
            LoyaltyAccount.tenant_id == tenant_id, LoyaltyAccount.customer_id == customer.id
        )
    )


class TestMapping:
    @pytest.mark.parametrize("header", ["Punkty", "Бонусы", "Бали", "Points", "Баллы", "Bonuses"])
    def test_points_headers_suggest_the_opening_balance(self, header: str) -> None:
        assert suggest_target(header, {}) == "opening_points"


class TestCommit:
    async def test_opening_points_become_an_opening_lot_and_balance(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs,
        session: AsyncSession, ctx: Context,
    ) -> None:  # fmt: skip
        data = b"E-mail;Punkty\na@example.pl;1 200\nb@example.pl;0\nc@example.pl;\n"
        imp = await _run(client, upload, run_jobs, data)
        assert imp["status"] == "completed"
        assert imp["mapping"]["columns"]["Punkty"] == "opening_points"
        a = await _account(session, ctx.tenant_id, "a@example.pl")
        assert a is not None
        assert (a.balance, a.pending, a.earned_total) == (1200, 0, 1200)
        assert a.last_accrual_at is not None
        entries = list(await session.scalars(select(LoyaltyEntry).where(
            LoyaltyEntry.tenant_id == ctx.tenant_id, LoyaltyEntry.customer_id == a.customer_id)))  # fmt: skip
        assert [(e.kind, e.points, e.ref) for e in entries] == [
            ("opening", 1200, f"opening:import:{imp['id']}")
        ]
        lot = await session.scalar(select(LoyaltyLot).where(
            LoyaltyLot.tenant_id == ctx.tenant_id, LoyaltyLot.entry_id == entries[0].id))  # fmt: skip
        assert lot is not None
        assert (lot.points, lot.remaining, lot.pending) == (1200, 1200, False)
        # Zero or no points: no account is made, no entry written.
        assert await _account(session, ctx.tenant_id, "b@example.pl") is None
        assert await _account(session, ctx.tenant_id, "c@example.pl") is None
        checked = await reconcile.check(session, ctx.tenant_id)
        assert (checked.accounts_checked, checked.drifted) == (1, [])

    async def test_an_updated_customer_gets_points_and_its_debt_is_settled_first(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs,
        session: AsyncSession, ctx: Context,
    ) -> None:  # fmt: skip
        c = await create_customer(session, ctx, email="d@example.pl")
        await session.execute(
            text("INSERT INTO loyalty_accounts (tenant_id, customer_id, debt) VALUES (:t, :c, 30)"),
            {"t": ctx.tenant_id, "c": c.id},
        )
        await session.commit()
        data = b"E-mail;Points\nd@example.pl;100\n"
        imp = await _run(client, upload, run_jobs, data, on_duplicate="update")
        assert imp["counts"]["updated"] == 1
        a = await _account(session, ctx.tenant_id, "d@example.pl")
        assert a is not None
        assert (a.balance, a.debt, a.earned_total) == (70, 0, 100)

    async def test_a_skipped_customer_gets_no_points(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs,
        session: AsyncSession, ctx: Context,
    ) -> None:  # fmt: skip
        await create_customer(session, ctx, email="e@example.pl")
        await session.commit()
        imp = await _run(client, upload, run_jobs, b"E-mail;Points\ne@example.pl;100\n")
        assert imp["counts"]["skipped"] == 1
        assert await _account(session, ctx.tenant_id, "e@example.pl") is None


class TestValidation:
    @pytest.mark.parametrize("value", ["-5", "12.5", "abc", "1234567890123"])
    async def test_a_value_that_is_no_whole_non_negative_number_is_a_row_error(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, value: str
    ) -> None:
        imp = await upload(f"E-mail;Punkty\nf@example.pl;{value}\ng@example.pl;5\n".encode())
        await client.post(f"/imports/{imp['id']}/preview")
        await run_jobs()
        got = (await client.get(f"/imports/{imp['id']}")).json()
        assert got["counts"]["invalid"] == 1
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [(e["row"], e["column"], e["code"]) for e in errors] == [
            (1, "Punkty", "invalid_points")
        ]
