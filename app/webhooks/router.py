import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from app.auth.deps import AdminOnly
from app.core.deps import SessionDep
from app.core.errors import responses
from app.core.pagination import PageDep
from app.webhooks import service
from app.webhooks.schemas import (
    DeliveryOut,
    DeliveryPage,
    WebhookIn,
    WebhookList,
    WebhookOut,
    WebhookPatch,
    WebhookWithSecret,
)
from app.webhooks.service import DeliveryNotFound, TooManyWebhooks, WebhookNotFound

router = APIRouter(prefix="/webhooks", tags=["webhooks"])


@router.get("", response_model=WebhookList, responses=responses())
async def list_webhooks(session: SessionDep, ctx: AdminOnly) -> WebhookList:
    """The business's webhook endpoints (secrets are never shown again)."""
    rows = await service.list_endpoints(session, ctx.tenant_id)
    return WebhookList(items=[WebhookOut.model_validate(r) for r in rows])


@router.post(
    "", status_code=201, response_model=WebhookWithSecret, responses=responses(TooManyWebhooks)
)
async def create_webhook(body: WebhookIn, session: SessionDep, ctx: AdminOnly) -> WebhookWithSecret:
    """Add an endpoint; the response holds its signing secret, shown this once."""
    endpoint = await service.create_endpoint(session, ctx, body)
    return WebhookWithSecret.model_validate(endpoint)


@router.get("/{webhook_id}", response_model=WebhookOut, responses=responses(WebhookNotFound))
async def get_webhook(webhook_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> WebhookOut:
    """One endpoint."""
    return WebhookOut.model_validate(await service.get_endpoint(session, ctx.tenant_id, webhook_id))


@router.patch("/{webhook_id}", response_model=WebhookOut, responses=responses(WebhookNotFound))
async def update_webhook(
    webhook_id: uuid.UUID, body: WebhookPatch, session: SessionDep, ctx: AdminOnly
) -> WebhookOut:
    """Change the URL, events, description or active flag (true resumes a disabled endpoint)."""
    return WebhookOut.model_validate(await service.update_endpoint(session, ctx, webhook_id, body))


@router.delete("/{webhook_id}", status_code=204, responses=responses(WebhookNotFound))
async def delete_webhook(webhook_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> Response:
    """Remove an endpoint with its delivery log."""
    await service.delete_endpoint(session, ctx, webhook_id)
    return Response(status_code=204)


@router.post(
    "/{webhook_id}/rotate-secret",
    response_model=WebhookWithSecret,
    responses=responses(WebhookNotFound),
)
async def rotate_webhook_secret(
    webhook_id: uuid.UUID, session: SessionDep, ctx: AdminOnly
) -> WebhookWithSecret:
    """A new secret, shown once; the old one keeps signing (a second v1) for the grace period."""
    endpoint = await service.rotate_secret(session, ctx, webhook_id)
    return WebhookWithSecret.model_validate(endpoint)


@router.post(
    "/{webhook_id}/ping",
    status_code=202,
    response_model=DeliveryOut,
    responses=responses(WebhookNotFound),
)
async def ping_webhook(webhook_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> DeliveryOut:
    """Send a `webhook.ping` event now; its delivery appears in the log."""
    return await service.ping(session, ctx, webhook_id)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=DeliveryPage,
    responses=responses(WebhookNotFound),
)
async def list_webhook_deliveries(
    webhook_id: uuid.UUID,
    session: SessionDep,
    ctx: AdminOnly,
    paging: PageDep,
    status: Annotated[Literal["pending", "delivered", "failed"] | None, Query()] = None,
) -> DeliveryPage:
    """The endpoint's delivery log, newest first: status, attempts, response code and snippet."""
    items, total = await service.list_deliveries(
        session, ctx.tenant_id, webhook_id, status=status,
        page=paging.page, page_size=paging.page_size,
    )  # fmt: skip
    return DeliveryPage(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/replay",
    status_code=202,
    response_model=DeliveryOut,
    responses=responses(WebhookNotFound, DeliveryNotFound),
)
async def replay_webhook_delivery(
    webhook_id: uuid.UUID, delivery_id: int, session: SessionDep, ctx: AdminOnly
) -> DeliveryOut:
    """Send a delivery's event again (a new delivery, the same event id)."""
    return await service.replay(session, ctx, webhook_id, delivery_id)
