"""The SDK's verify_signature accepts what the app's dispatcher really sends (and nothing else),
through a secret rotation's grace period."""

import json
import time

import pytest
from kartoteka_client.webhooks import SignatureVerificationError, verify_signature

from app.core.context import Context
from app.core.db import unit_of_work
from app.webhooks import service
from app.webhooks.dispatcher import dispatch_tenant
from app.webhooks.schemas import WebhookIn
from app.webhooks.sending import make_client
from tests.webhooks.conftest import Receiver, receiver, system_ctx  # noqa: F401 (fixtures)


async def _dispatch(ctx: Context) -> None:
    async with make_client() as client:
        assert (await dispatch_tenant(client, ctx.tenant_id))["delivered"] == 1


async def test_a_delivery_verifies_with_the_sdk_before_and_after_a_rotation(
    system_ctx: Context,  # noqa: F811
    receiver: Receiver,  # noqa: F811
) -> None:
    async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
        endpoint = await service.create_endpoint(
            s, system_ctx, WebhookIn(url=receiver.url, events=["customer.created"])
        )
        endpoint_id, old_secret = endpoint.id, endpoint.secret
    async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
        await service.ping(s, system_ctx, endpoint_id)
    await _dispatch(system_ctx)
    first = receiver.requests[-1]
    header = first["headers"]["kartoteka-signature"]
    stamp = verify_signature(old_secret, header, first["body"])
    assert abs(stamp - time.time()) < 60
    assert json.loads(first["body"])["type"] == "webhook.ping"
    with pytest.raises(SignatureVerificationError):
        verify_signature("whsec_not-the-secret", header, first["body"])
    with pytest.raises(SignatureVerificationError):
        verify_signature(old_secret, header, first["body"] + b" ")

    async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
        rotated = await service.rotate_secret(s, system_ctx, endpoint_id)
        new_secret = rotated.secret
    async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
        await service.ping(s, system_ctx, endpoint_id)
    await _dispatch(system_ctx)
    second = receiver.requests[-1]
    header = second["headers"]["kartoteka-signature"]
    # During the grace period both secrets sign: a receiver on either one accepts it.
    verify_signature(new_secret, header, second["body"])
    verify_signature(old_secret, header, second["body"])
    verify_signature([new_secret, "whsec_spare"], header, second["body"])
