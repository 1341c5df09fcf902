"""A customer's discount (percent, optional amount limit per period that staff can lift) and
promotional credits (money-like, granted and used, with history), as in GoCRM."""

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.customers.service import get_customer
from app.loyalty.errors import DiscountLimitReached, InsufficientCredit
from app.loyalty.ledger import lock_account, now_of
from app.loyalty.models import LoyaltyAccount, LoyaltyCreditEntry

CENT = Decimal("0.01")


class DiscountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    percent: Decimal = Field(ge=0, le=100, decimal_places=2)
    limit: Decimal | None = Field(default=None, gt=0, max_digits=14, decimal_places=2,
                                  description="Most discount money per period; none: no limit")  # fmt: skip
    period: Literal["week", "month", "year"] = "month"


class DiscountOut(BaseModel):
    percent: Decimal
    limit: Decimal | None
    period: str
    used: Decimal = Field(description="Discount given in the current period")
    limit_lifted: bool = Field(description="Staff lifted the limit for the current period")


class DiscountUseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    purchase_amount: Decimal = Field(gt=0, max_digits=14, decimal_places=2)


class DiscountUseOut(DiscountOut):
    discount: Decimal = Field(description="The discount on this purchase, within the limit")


class CreditIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    amount: Decimal = Field(description="Granted (> 0) or used (< 0)", max_digits=14,
                            decimal_places=2)  # fmt: skip
    reason: str | None = Field(default=None, max_length=500)

    @field_validator("amount")
    @classmethod
    def _not_zero(cls, value: Decimal) -> Decimal:
        if value == 0:
            raise ValueError("grant or use a non-zero amount")
        return value


class CreditEntryOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    amount: Decimal
    reason: str | None
    actor_label: str
    created_at: datetime


class CreditsOut(BaseModel):
    balance: Decimal
    items: list[CreditEntryOut]


def _period_start(now: datetime, period: str) -> datetime:
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period == "year":
        return day.replace(month=1, day=1)
    if period == "month":
        return day.replace(day=1)
    return day - timedelta(days=day.weekday())


def _roll(account: LoyaltyAccount, now: datetime) -> None:
    """A new period: nothing used yet, the lift ends."""
    start = _period_start(now, account.discount_period)
    if account.discount_period_start != start:
        account.discount_period_start = start
        account.discount_used = Decimal(0)
        account.discount_limit_lifted = False


def discount_out(account: LoyaltyAccount) -> DiscountOut:
    return DiscountOut(
        percent=account.discount_percent, limit=account.discount_limit,
        period=account.discount_period, used=account.discount_used,
        limit_lifted=account.discount_limit_lifted,
    )  # fmt: skip


async def _locked(session: AsyncSession, ctx: Context, customer_id: uuid.UUID) -> LoyaltyAccount:
    await get_customer(session, ctx.tenant_id, customer_id)
    account = await lock_account(session, ctx.tenant_id, customer_id)
    _roll(account, await now_of(session))
    return account


async def set_discount(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, body: DiscountIn
) -> DiscountOut:
    account = await _locked(session, ctx, customer_id)
    before = discount_out(account).model_dump()
    account.discount_percent, account.discount_limit = body.percent, body.limit
    if account.discount_period != body.period:
        account.discount_period = body.period
        _roll(account, await now_of(session))
    await session.flush()
    after = discount_out(account).model_dump()
    await audit.record(session, ctx, "loyalty.discount_set", "customer", customer_id,
                       changes=audit.diff(before, after))  # fmt: skip
    return discount_out(account)


async def lift_limit(session: AsyncSession, ctx: Context, customer_id: uuid.UUID) -> DiscountOut:
    """Staff lift the limit for the rest of the current period."""
    account = await _locked(session, ctx, customer_id)
    account.discount_limit_lifted = True
    await session.flush()
    await audit.record(session, ctx, "loyalty.discount_limit_lifted", "customer", customer_id)
    return discount_out(account)


async def use_discount(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, body: DiscountUseIn
) -> DiscountUseOut:
    """The discount on a purchase, counted against the period's limit (under the lock)."""
    account = await _locked(session, ctx, customer_id)
    discount = (body.purchase_amount * account.discount_percent / 100).quantize(CENT)
    if account.discount_limit is not None and not account.discount_limit_lifted:
        left = max(account.discount_limit - account.discount_used, Decimal(0))
        if left == 0 and discount > 0:
            raise DiscountLimitReached(
                f"{account.discount_used} of {account.discount_limit} used this period."
            )
        discount = min(discount, left)
    account.discount_used += discount
    await session.flush()
    return DiscountUseOut(**discount_out(account).model_dump(), discount=discount)


async def move_credit(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, body: CreditIn
) -> CreditsOut:
    account = await _locked(session, ctx, customer_id)
    if body.amount < 0 and -body.amount > account.promo_credit_balance:
        raise InsufficientCredit(
            f"{account.promo_credit_balance} of promotional credit left; asked for {-body.amount}."
        )
    account.promo_credit_balance += body.amount
    session.add(
        LoyaltyCreditEntry(
            tenant_id=ctx.tenant_id, customer_id=customer_id, amount=body.amount,
            reason=body.reason, actor_label=ctx.principal.label,
            # The moment it is written: two moves in one transaction keep their order.
            created_at=func.clock_timestamp(),
        )
    )  # fmt: skip
    await session.flush()
    await audit.record(
        session, ctx, "loyalty.credit_granted" if body.amount > 0 else "loyalty.credit_used",
        "customer", customer_id, meta={"amount": body.amount, "reason": body.reason},
    )  # fmt: skip
    return await credits(session, ctx, customer_id)


async def credits(session: AsyncSession, ctx: Context, customer_id: uuid.UUID) -> CreditsOut:
    await get_customer(session, ctx.tenant_id, customer_id)
    balance = await session.scalar(
        select(LoyaltyAccount.promo_credit_balance).where(
            LoyaltyAccount.tenant_id == ctx.tenant_id, LoyaltyAccount.customer_id == customer_id
        )
    )
    rows = await session.scalars(
        select(LoyaltyCreditEntry)
        .where(
            LoyaltyCreditEntry.tenant_id == ctx.tenant_id,
            LoyaltyCreditEntry.customer_id == customer_id,
        )
        .order_by(LoyaltyCreditEntry.created_at.desc(), LoyaltyCreditEntry.id)
        .limit(200)
    )
    return CreditsOut(
        balance=balance or Decimal(0), items=[CreditEntryOut.model_validate(r) for r in rows]
    )
