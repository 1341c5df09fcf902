"""Redeeming a voucher at the till: what a redemption may take, and once per transaction_ref."""

import uuid
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.core.errors import ValidationFailed
from app.transactions import service as transactions
from app.vouchers.codes import normalize_code
from app.vouchers.counters import move_counters
from app.vouchers.errors import (
    AmountExceedsPurchase,
    DiscountMismatch,
    PurchaseAmountRequired,
    PurchaseAmountTooSmall,
    TransactionRefReused,
    VoucherCancelled,
    VoucherExpired,
    VoucherNotFound,
    VoucherNotYetValid,
    VoucherOverspent,
    VoucherUsedUp,
)
from app.vouchers.events import emit_voucher
from app.vouchers.models import Voucher, VoucherRedemption
from app.vouchers.schemas import RedeemIn

CENT = Decimal("0.01")

REDEEM_ERRORS = (
    VoucherNotFound,
    VoucherExpired,
    VoucherNotYetValid,
    VoucherCancelled,
    VoucherUsedUp,
    VoucherOverspent,
    TransactionRefReused,
    PurchaseAmountRequired,
    PurchaseAmountTooSmall,
    DiscountMismatch,
    AmountExceedsPurchase,
)


class Redeemed(NamedTuple):
    redemption: VoucherRedemption
    voucher: Voucher
    replayed: bool


def percent_discount(percent: Decimal, purchase: Decimal) -> Decimal:
    """`percent` % of the purchase, to the cent, halves up (as a till rounds a discount)."""
    return (purchase * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def amount_to_take(voucher: Voucher, body: RedeemIn) -> Decimal:
    """What the redemption takes: the amount off an amount voucher, or a percent voucher's
    discount computed from the purchase; raises when the till's figures do not add up."""
    purchase = body.purchase_amount
    if voucher.kind == "percent":
        if purchase is None:
            raise PurchaseAmountRequired.field(
                ["body", "purchase_amount"],
                PurchaseAmountRequired.code,
                "Give the purchase amount: a percent voucher's discount is computed from it.",
            )
        discount = percent_discount(voucher.initial_value, purchase)
        if discount == 0:
            raise PurchaseAmountTooSmall.field(
                ["body", "purchase_amount"],
                PurchaseAmountTooSmall.code,
                f"{voucher.initial_value}% of {purchase} is less than a cent.",
            )
        if body.amount is not None and body.amount != discount:
            raise DiscountMismatch.field(
                ["body", "amount"],
                DiscountMismatch.code,
                f"{voucher.initial_value}% of {purchase} is {discount}, not {body.amount}.",
            )
        return discount
    if body.amount is None:
        raise ValidationFailed.field(
            ["body", "amount"], "amount_required", "Give the amount to take off the voucher."
        )
    if purchase is not None and body.amount > purchase:
        raise AmountExceedsPurchase.field(
            ["body", "amount"],
            AmountExceedsPurchase.code,
            f"The amount {body.amount} is more than the purchase {purchase}.",
        )
    return body.amount.quantize(CENT)


# The balance check and the write are one statement (the row is locked already, the check
# stays as the guard): a percent voucher is used once, an amount one never goes below zero.
_REDEEM = text("""
UPDATE vouchers SET
  balance = CASE WHEN kind = 'percent' THEN 0 ELSE balance - :amount END,
  status = CASE WHEN kind = 'percent' OR balance = :amount THEN 'redeemed' ELSE status END,
  updated_at = now()
WHERE tenant_id = :tenant_id AND id = :id AND status = 'active'
  AND (kind = 'percent' OR balance >= :amount)
  AND (valid_from IS NULL OR valid_from <= now())
  AND (valid_until IS NULL OR valid_until > now())
RETURNING customer_id, status
""")


async def redeem(session: AsyncSession, ctx: Context, code: str, body: RedeemIn) -> Redeemed:
    """Take the amount (or the percent discount) off the voucher; a known transaction_ref of
    this voucher with the same amounts answers with its first redemption and takes nothing."""
    code = normalize_code(code)
    location_id = await transactions.location_id_for(session, ctx.tenant_id, body.location)
    # The voucher's row lock queues every redemption of it, a retry behind its first call:
    # once that commits, the retry's next statement (a fresh snapshot) finds its row. The
    # unique index on the reference is the guarantee should anything skip the lock.
    voucher = await session.scalar(
        select(Voucher)
        .where(Voucher.tenant_id == ctx.tenant_id, Voucher.code == code)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    if voucher is None:
        raise VoucherNotFound(f"No voucher with the code {code!r}.")
    if body.transaction_ref is not None:
        first = await _by_ref(session, ctx.tenant_id, voucher.id, body.transaction_ref)
        if first is not None:
            return Redeemed(_replayed(first, voucher, body), voucher, True)
    _check_usable(voucher)
    amount = amount_to_take(voucher, body)
    row = (
        await session.execute(
            _REDEEM, {"tenant_id": ctx.tenant_id, "id": voucher.id, "amount": amount}
        )
    ).one_or_none()
    if row is None:
        _check_usable(voucher)
        raise VoucherOverspent(
            f"Voucher {voucher.code} has {voucher.balance} left; asked for {amount}.",
            extensions={"max_amount": voucher.balance},
        )
    customer_id, status = row
    redemption = VoucherRedemption(
        tenant_id=ctx.tenant_id,
        voucher_id=voucher.id,
        customer_id=customer_id,
        amount=amount,
        purchase_amount=None
        if body.purchase_amount is None
        else body.purchase_amount.quantize(CENT),
        transaction_ref=body.transaction_ref,
        location_id=location_id,
        redeemed_at=datetime.now(UTC),
    )
    session.add(redemption)
    await session.flush()
    used_up = status == "redeemed"
    await move_counters(
        session, ctx.tenant_id, customer_id,
        active=-1 if used_up else 0, redeemed=1 if used_up else 0, amount=amount,
    )  # fmt: skip
    await session.refresh(voucher)
    await emit_voucher(
        session, ctx, "voucher.redeemed", voucher,
        redemption_id=redemption.id, amount=amount, remaining=voucher.balance,
    )  # fmt: skip
    return Redeemed(redemption, voucher, False)


async def _by_ref(
    session: AsyncSession, tenant_id: uuid.UUID, voucher_id: uuid.UUID, ref: str
) -> VoucherRedemption | None:
    return await session.scalar(
        select(VoucherRedemption).where(
            VoucherRedemption.tenant_id == tenant_id,
            VoucherRedemption.voucher_id == voucher_id,
            VoucherRedemption.transaction_ref == ref,
        )
    )


def _replayed(first: VoucherRedemption, voucher: Voucher, body: RedeemIn) -> VoucherRedemption:
    """The first redemption of this reference, if the retry sends the same amounts."""
    amount = amount_to_take(voucher, body)
    if (first.amount, first.purchase_amount) != (amount, body.purchase_amount):
        raise TransactionRefReused.field(
            ["body", "transaction_ref"],
            TransactionRefReused.code,
            f"{body.transaction_ref!r} took {first.amount} (purchase {first.purchase_amount}) "
            "off this voucher; a retry sends the same amounts.",
        )
    return first


def _check_usable(voucher: Voucher) -> None:
    """Refuse a voucher that is not active or not valid now (its row is locked: as read)."""
    now = datetime.now(UTC)
    code = voucher.code
    if voucher.status == "cancelled":
        raise VoucherCancelled(f"Voucher {code} was cancelled.")
    if voucher.status == "redeemed":
        raise VoucherUsedUp(f"Voucher {code} has been fully redeemed.")
    if voucher.status == "expired" or (voucher.valid_until and voucher.valid_until <= now):
        raise VoucherExpired(f"Voucher {code} expired on {voucher.valid_until}.")
    if voucher.valid_from and voucher.valid_from > now:
        raise VoucherNotYetValid(f"Voucher {code} is valid from {voucher.valid_from}.")


async def redeem_voucher(
    session: AsyncSession, ctx: Context, code: str, body: RedeemIn
) -> tuple[VoucherRedemption, Voucher]:
    """`redeem` without the replay flag."""
    redemption, voucher, _ = await redeem(session, ctx, code, body)
    return redemption, voucher
