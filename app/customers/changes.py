"""What a write of a customer leaves behind in its transaction: the audit event and the
outbound events (customer.created|updated|deleted, consent.granted|withdrawn).

Payloads hold ids and the changed fields with their new values (app/events/catalogue.py): a
consumer that wants the whole record reads GET /customers/{id}."""

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.events import outbox


async def consent_events(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    customer_id: uuid.UUID,
    before: dict[str, bool],
    after: dict[str, bool],
    source: str | None,
) -> None:
    """consent.granted / consent.withdrawn for each channel whose state changed."""
    for channel in sorted(after):
        if before.get(channel) != after[channel]:
            kind = "consent.granted" if after[channel] else "consent.withdrawn"
            data = {"customer_id": customer_id, "kind": channel, "source": source}
            await outbox.emit(session, tenant_id, kind, data, subject_id=customer_id)


async def created(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, after: dict[str, Any], source: str
) -> None:
    changes = audit.diff({}, after)
    await audit.record(session, ctx, "customer.created", "customer", customer_id, changes=changes)
    data = {"id": customer_id, "source": source}
    await outbox.emit(session, ctx.tenant_id, "customer.created", data, subject_id=customer_id)
    await consent_events(
        session, ctx.tenant_id, customer_id, {}, after.get("consents") or {}, source
    )


async def updated(
    session: AsyncSession,
    ctx: Context,
    customer_id: uuid.UUID,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    changes = audit.diff(before, after)
    await audit.record(session, ctx, "customer.updated", "customer", customer_id, changes=changes)
    data = {"id": customer_id, "changed": {k: new for k, (_, new) in changes.items()}}
    await outbox.emit(session, ctx.tenant_id, "customer.updated", data, subject_id=customer_id)
    await consent_events(
        session,
        ctx.tenant_id,
        customer_id,
        before.get("consents") or {},
        after.get("consents") or {},
        ctx.principal.kind,
    )


async def deleted(
    session: AsyncSession, ctx: Context, customer_id: uuid.UUID, facts: dict[str, Any]
) -> None:
    await audit.record(session, ctx, "customer.deleted", "customer", customer_id, meta=facts)
    await outbox.emit(
        session, ctx.tenant_id, "customer.deleted", {"id": customer_id}, subject_id=customer_id
    )
