"""Undoing a voucher's last redemption at the till, within the tenant's few minutes: the
balance comes back, the redemption stays (marked undone, audited) and no figure counts it."""

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.stats_days import service as stats_days
from app.tenants import service as tenants
from app.vouchers.codes import normalize_code
from app.vouchers.counters import move_counters
from app.vouchers.errors import (
    NotLastRedemption,
    RedemptionAlreadyUndone,
    RedemptionNotFound,
    UndoWindowPassed,
    VoucherNotFound,
)
from app.vouchers.models import Voucher, VoucherRedemption
from app.vouchers.redeem import Redeemed

UNDO_ERRORS = (
    VoucherNotFound,
    RedemptionNotFound,
    UndoWindowPassed,
    NotLastRedemption,
    RedemptionAlreadyUndone,
)


async def undo_redemption(
    session: AsyncSession, ctx: Context, code: str, redemption_id: uuid.UUID
) -> Redeemed:
    """Give the redemption's amount back to the voucher (a percent voucher is usable again)
    if it is the voucher's last one and younger than `redemption_undo_minutes`."""
    code = normalize_code(code)
    voucher = await session.scalar(
        select(Voucher)
        .where(Voucher.tenant_id == ctx.tenant_id, Voucher.code == code)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if voucher is None:
        raise VoucherNotFound(f"No voucher with the code {code!r}.")
    redemption = await session.scalar(
        select(VoucherRedemption).where(
            VoucherRedemption.tenant_id == ctx.tenant_id,
            VoucherRedemption.voucher_id == voucher.id,
            VoucherRedemption.id == redemption_id,
        )
    )
    if redemption is None:
        raise RedemptionNotFound(f"Voucher {code} has no redemption {redemption_id}.")
    if redemption.undone_at is not None:
        raise RedemptionAlreadyUndone(f"It was undone at {redemption.undone_at:%Y-%m-%d %H:%M}.")
    last = await session.scalar(
        select(VoucherRedemption.id)
        .where(
            VoucherRedemption.tenant_id == ctx.tenant_id,
            VoucherRedemption.voucher_id == voucher.id,
            VoucherRedemption.undone_at.is_(None),
        )
        .order_by(VoucherRedemption.redeemed_at.desc(), VoucherRedemption.id.desc())
        .limit(1)
    )
    if last != redemption.id:
        raise NotLastRedemption("A later redemption of this voucher came after it.")
    minutes = (await tenants.get(session, ctx.tenant_id)).redemption_undo_minutes
    now = datetime.now(UTC)
    if minutes == 0 or now - redemption.redeemed_at > timedelta(minutes=minutes):
        raise UndoWindowPassed(
            f"A redemption can be undone for {minutes} minute(s); this one is older."
            if minutes
            else "This business does not undo redemptions."
        )
    used_up = voucher.status == "redeemed"
    voucher.balance = (
        voucher.initial_value if voucher.kind == "percent" else voucher.balance + redemption.amount
    )
    if used_up:
        voucher.status = "active"
    voucher.updated_at = now
    redemption.undone_at = now
    redemption.undone_by = ctx.principal.label
    await session.flush()
    await move_counters(
        session, ctx.tenant_id, redemption.customer_id,
        active=1 if used_up else 0, redeemed=-1 if used_up else 0, amount=-redemption.amount,
    )  # fmt: skip
    # A redemption stamped before local midnight may sit in a closed, cached day.
    zone = ZoneInfo(ctx.tenant.timezone)
    day = redemption.redeemed_at.astimezone(zone).date()
    if day < now.astimezone(zone).date():
        await stats_days.forget_days(session, ctx.tenant_id, ctx.tenant.timezone, [day])
    await audit.record(
        session, ctx, "voucher.redemption_undone", "voucher", voucher.id,
        meta={"code": voucher.code, "redemption_id": str(redemption.id),
              "amount": str(redemption.amount), "customer_id": str(redemption.customer_id)},
    )  # fmt: skip
    return Redeemed(redemption, voucher, False)
