"""Webhook endpoints: create (the secret shown once), change, rotate, ping, deliveries, replay."""

import uuid
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core import jobs
from app.core.config import get_settings
from app.core.context import Context
from app.core.errors import Conflict, NotFound
from app.events.models import Event, WebhookDelivery, WebhookEndpoint
from app.events.schemas import event_id
from app.webhooks.schemas import DeliveryOut, WebhookIn, WebhookPatch
from app.webhooks.signing import new_secret
from app.webhooks.ssrf import check_url_or_422

MAX_ENDPOINTS = 20
DISPATCH_TENANT_JOB = "dispatch_tenant_webhooks"


class WebhookNotFound(NotFound):
    code = "webhook_not_found"
    title = "Webhook endpoint not found"


class DeliveryNotFound(NotFound):
    code = "delivery_not_found"
    title = "Delivery not found"


class TooManyWebhooks(Conflict):
    code = "too_many_webhooks"
    title = "Too many webhook endpoints"


def queue_dispatch(session: AsyncSession, tenant_id: uuid.UUID) -> None:
    """Deliver the tenant's due deliveries soon after the commit, ahead of the cron."""
    jobs.enqueue(
        session, DISPATCH_TENANT_JOB, job_id=f"webhooks:{tenant_id}", tenant_id=str(tenant_id)
    )


async def list_endpoints(session: AsyncSession, tenant_id: uuid.UUID) -> list[WebhookEndpoint]:
    rows = await session.scalars(
        select(WebhookEndpoint)
        .where(WebhookEndpoint.tenant_id == tenant_id)
        .order_by(WebhookEndpoint.created_at, WebhookEndpoint.id)
    )
    return list(rows)


async def get_endpoint(
    session: AsyncSession, tenant_id: uuid.UUID, endpoint_id: uuid.UUID
) -> WebhookEndpoint:
    endpoint = await session.scalar(
        select(WebhookEndpoint).where(
            WebhookEndpoint.tenant_id == tenant_id, WebhookEndpoint.id == endpoint_id
        )
    )
    if endpoint is None:
        raise WebhookNotFound()
    return endpoint


async def create_endpoint(session: AsyncSession, ctx: Context, body: WebhookIn) -> WebhookEndpoint:
    """A new endpoint; its `secret` is in the returned object this once."""
    await check_url_or_422(body.url, allow_private=get_settings().webhooks_private_allowed)
    count = await session.scalar(
        select(func.count()).where(WebhookEndpoint.tenant_id == ctx.tenant_id)
    )
    if (count or 0) >= MAX_ENDPOINTS:
        raise TooManyWebhooks(f"A business may have at most {MAX_ENDPOINTS} webhook endpoints.")
    endpoint = WebhookEndpoint(
        tenant_id=ctx.tenant_id,
        url=body.url,
        events=body.events,
        description=body.description,
        active=body.active,
        secret=new_secret(),
    )
    session.add(endpoint)
    await session.flush()
    await session.refresh(endpoint)
    await audit.record(
        session, ctx, "webhook.created", "webhook", endpoint.id,
        meta={"url": body.url, "events": body.events},
    )  # fmt: skip
    return endpoint


async def update_endpoint(
    session: AsyncSession, ctx: Context, endpoint_id: uuid.UUID, body: WebhookPatch
) -> WebhookEndpoint:
    endpoint = await get_endpoint(session, ctx.tenant_id, endpoint_id)
    values = body.model_dump(exclude_unset=True)
    if values.get("url") is not None:
        await check_url_or_422(values["url"], allow_private=get_settings().webhooks_private_allowed)
    before = {k: getattr(endpoint, k) for k in values}
    for key, value in values.items():
        if value is not None or key == "description":
            setattr(endpoint, key, value)
    if values.get("active") is True:
        # Switched on again: a fresh start, its queued deliveries are due now.
        endpoint.failing_since = None
        endpoint.disabled_reason = None
        await session.execute(
            update(WebhookDelivery)
            .where(
                WebhookDelivery.tenant_id == ctx.tenant_id,
                WebhookDelivery.endpoint_id == endpoint_id,
                WebhookDelivery.status == "pending",
            )
            .values(next_attempt_at=func.now())
        )
        queue_dispatch(session, ctx.tenant_id)
    endpoint.updated_at = func.now()
    await session.flush()
    await session.refresh(endpoint)
    changes = audit.diff(before, {k: getattr(endpoint, k) for k in values})
    await audit.record(session, ctx, "webhook.updated", "webhook", endpoint.id, changes=changes)
    return endpoint


async def delete_endpoint(session: AsyncSession, ctx: Context, endpoint_id: uuid.UUID) -> None:
    endpoint = await get_endpoint(session, ctx.tenant_id, endpoint_id)
    await session.delete(endpoint)
    await session.flush()
    await audit.record(
        session, ctx, "webhook.deleted", "webhook", endpoint_id, meta={"url": endpoint.url}
    )


async def rotate_secret(
    session: AsyncSession, ctx: Context, endpoint_id: uuid.UUID
) -> WebhookEndpoint:
    """A new secret (returned this once); the old one still signs for the grace period."""
    endpoint = await get_endpoint(session, ctx.tenant_id, endpoint_id)
    grace = timedelta(hours=get_settings().webhooks_rotation_grace_hours)
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = func.now() + grace
    endpoint.secret = new_secret()
    endpoint.updated_at = func.now()
    await session.flush()
    await session.refresh(endpoint)
    await audit.record(
        session, ctx, "webhook.secret_rotated", "webhook", endpoint.id,
        meta={"grace_hours": grace.total_seconds() / 3600},
    )  # fmt: skip
    return endpoint


async def _delivery_out(
    session: AsyncSession, tenant_id: uuid.UUID, ids: list[int]
) -> list[DeliveryOut]:
    rows = await session.execute(
        select(WebhookDelivery, Event.type)
        .join(
            Event,
            (Event.tenant_id == WebhookDelivery.tenant_id) & (Event.id == WebhookDelivery.event_id),
        )
        .where(WebhookDelivery.tenant_id == tenant_id, WebhookDelivery.id.in_(ids))
        .order_by(WebhookDelivery.id.desc())
    )
    return [_out(d, t) for d, t in rows.tuples()]


def _out(delivery: WebhookDelivery, event_type: str) -> DeliveryOut:
    return DeliveryOut(
        id=delivery.id,
        event_id=event_id(delivery.event_id),
        event_type=event_type,
        status=delivery.status,
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at if delivery.status == "pending" else None,
        last_attempt_at=delivery.last_attempt_at,
        response_status=delivery.response_status,
        response_snippet=delivery.response_snippet,
        error=delivery.error,
        latency_ms=delivery.latency_ms,
        created_at=delivery.created_at,
        delivered_at=delivery.delivered_at,
    )


async def ping(session: AsyncSession, ctx: Context, endpoint_id: uuid.UUID) -> DeliveryOut:
    """A `webhook.ping` event delivered to this endpoint alone (even a disabled one)."""
    endpoint = await get_endpoint(session, ctx.tenant_id, endpoint_id)
    event = Event(tenant_id=ctx.tenant_id, type="webhook.ping", data={"id": str(endpoint.id)})
    session.add(event)
    await session.flush()
    delivery = WebhookDelivery(
        tenant_id=ctx.tenant_id, endpoint_id=endpoint.id, event_id=event.id, status="pending"
    )
    session.add(delivery)
    await session.flush()
    queue_dispatch(session, ctx.tenant_id)
    return (await _delivery_out(session, ctx.tenant_id, [delivery.id]))[0]


async def list_deliveries(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    endpoint_id: uuid.UUID,
    *,
    status: str | None,
    page: int,
    page_size: int,
) -> tuple[list[DeliveryOut], int]:
    await get_endpoint(session, tenant_id, endpoint_id)
    where = [WebhookDelivery.tenant_id == tenant_id, WebhookDelivery.endpoint_id == endpoint_id]
    if status:
        where.append(WebhookDelivery.status == status)
    total = await session.scalar(select(func.count()).select_from(WebhookDelivery).where(*where))
    ids = list(
        await session.scalars(
            select(WebhookDelivery.id)
            .where(*where)
            .order_by(WebhookDelivery.id.desc())
            .offset((page - 1) * page_size)
            .limit(page_size)
        )
    )
    return await _delivery_out(session, tenant_id, ids), total or 0


async def replay(
    session: AsyncSession, ctx: Context, endpoint_id: uuid.UUID, delivery_id: int
) -> DeliveryOut:
    """Send a delivery's event again, as a new delivery (same event id: consumers dedupe)."""
    endpoint = await get_endpoint(session, ctx.tenant_id, endpoint_id)
    original = await session.scalar(
        select(WebhookDelivery).where(
            WebhookDelivery.tenant_id == ctx.tenant_id,
            WebhookDelivery.endpoint_id == endpoint.id,
            WebhookDelivery.id == delivery_id,
        )
    )
    if original is None:
        raise DeliveryNotFound()
    again = WebhookDelivery(
        tenant_id=ctx.tenant_id,
        endpoint_id=endpoint.id,
        event_id=original.event_id,
        subject_id=None,  # a replay is out of order by nature: it waits for nothing
        status="pending",
    )
    session.add(again)
    await session.flush()
    await audit.record(
        session, ctx, "webhook.delivery_replayed", "webhook", endpoint.id,
        meta={"delivery_id": delivery_id, "replay_id": again.id},
    )  # fmt: skip
    queue_dispatch(session, ctx.tenant_id)
    return (await _delivery_out(session, ctx.tenant_id, [again.id]))[0]
