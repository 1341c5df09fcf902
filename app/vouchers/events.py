"""The vouchers' outbound events (payloads in app/events/catalogue.py), ordered per customer
(per voucher while it has none)."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.events import outbox
from app.vouchers.models import Voucher


async def emit_voucher(
    session: AsyncSession, ctx: Context, type_: str, voucher: Voucher, **extra: Any
) -> None:
    data: dict[str, Any] = {
        "id": voucher.id,
        "code": voucher.code,
        "customer_id": voucher.customer_id,
    }
    if type_ == "voucher.issued":
        data.update(
            value=voucher.initial_value, kind=voucher.kind, currency=voucher.currency,
            expires_at=voucher.valid_until,
        )  # fmt: skip
    data.update(extra)
    subject = voucher.customer_id or voucher.id
    await outbox.emit(session, ctx.tenant_id, type_, data, subject_id=subject)
