"""The demo seed writes money the way the API would accept it."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.demo.transactions import seed_vouchers_and_transactions
from app.transactions.models import Transaction
from app.vouchers.models import Voucher, VoucherRedemption
from app.vouchers.redeem import percent_discount
from tests.factories import create_customer


class TestSeededMoney:
    async def test_percent_redemptions_are_the_discount_on_their_purchase(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        # About 3 % of seeded vouchers are percent ones used up (by the customer id's hash):
        # 200 customers make a run without any vanishingly rare (40 missed one run in ~30).
        for _ in range(200):
            await create_customer(session, ctx)
        await seed_vouchers_and_transactions(session, tenant.id, 200)
        rows = (
            await session.execute(
                select(
                    Voucher.initial_value,
                    VoucherRedemption.amount,
                    VoucherRedemption.purchase_amount,
                )
                .join(
                    Voucher,
                    (Voucher.tenant_id == VoucherRedemption.tenant_id)
                    & (Voucher.id == VoucherRedemption.voucher_id),
                )
                .where(VoucherRedemption.tenant_id == tenant.id, Voucher.kind == "percent")
            )
        ).all()
        assert rows
        for percent, amount, purchase in rows:
            assert purchase is not None and percent_discount(percent, purchase) == amount

    async def test_every_amount_is_in_the_tenants_currency(
        self, session: AsyncSession, ctx: Context, tenant: TenantInfo
    ) -> None:
        for _ in range(10):
            await create_customer(session, ctx)
        await seed_vouchers_and_transactions(session, tenant.id, 10)
        currencies = set(
            await session.scalars(
                select(Transaction.currency).where(Transaction.tenant_id == tenant.id)
            )
        ) | set(
            await session.scalars(
                select(Voucher.currency).where(
                    Voucher.tenant_id == tenant.id, Voucher.kind == "amount"
                )
            )
        )
        assert currencies == {tenant.currency}
