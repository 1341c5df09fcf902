"""Signed, login-free unsubscribe links: one per customer and channel, for the tenant's mail.

A link carries the tenant, the customer and the channel, signed with a key derived from the
server secret (HMAC-SHA256, truncated to 128 bits): it cannot be forged or pointed at another
person, and it needs no login. Opening it (GET) shows a confirmation page, so that mail
scanners that follow links withdraw nothing; the person's POST — or a mail client's RFC 8058
one-click POST — withdraws the consent, recorded with the person as its author.
"""

import base64
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.config import get_settings
from app.core.context import Context, Principal
from app.core.errors import NotFound
from app.customers import service as customers
from app.customers.schemas import CHANNELS
from app.events import outbox
from app.tenants import service as tenants

SOURCE = "unsubscribe_link"
_MAC_BYTES = 16


class InvalidLink(NotFound):
    code = "unsubscribe_link_invalid"
    title = "This unsubscribe link is not valid"


@dataclass(frozen=True)
class Link:
    tenant_id: uuid.UUID
    customer_id: uuid.UUID
    channel: str


def _mac(payload: bytes) -> bytes:
    key = get_settings().derived_key("unsubscribe-links")
    return hmac.new(key, payload, hashlib.sha256).digest()[:_MAC_BYTES]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def token(link: Link) -> str:
    payload = link.tenant_id.bytes + link.customer_id.bytes + bytes([CHANNELS.index(link.channel)])
    return f"{_b64(payload)}.{_b64(_mac(payload))}"


def read(value: str) -> Link:
    """The link a token stands for; InvalidLink if it was not made here or was altered."""
    try:
        body, mac = value.split(".", 1)
        payload = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        given = base64.urlsafe_b64decode(mac + "=" * (-len(mac) % 4))
    except (ValueError, TypeError) as exc:
        raise InvalidLink("The link is damaged: copy the whole address from the e-mail.") from exc
    if len(payload) != 33 or not hmac.compare_digest(given, _mac(payload)):
        raise InvalidLink("The link is damaged: copy the whole address from the e-mail.")
    if payload[32] >= len(CHANNELS):
        raise InvalidLink("The link names no known channel.")
    return Link(
        uuid.UUID(bytes=payload[:16]), uuid.UUID(bytes=payload[16:32]), CHANNELS[payload[32]]
    )


def links_for(base_url: str, tenant_id: uuid.UUID, customer_id: uuid.UUID) -> dict[str, str]:
    return {
        channel: f"{base_url}/unsubscribe/{token(Link(tenant_id, customer_id, channel))}"
        for channel in CHANNELS
    }


async def withdraw(session: AsyncSession, link: Link) -> str:
    """Withdraw the link's consent, as the person; the business's name for the page."""
    try:
        tenant = await tenants.get(session, link.tenant_id)
    except tenants.TenantNotFound as exc:
        raise InvalidLink("The business that sent this link no longer uses Kartoteka.") from exc
    person = Principal(kind="subject", id=link.customer_id, label=SOURCE, role=None)
    ctx = Context(tenant=tenants.info(tenant), principal=person)
    try:
        customer = await customers.get_customer(session, tenant.id, link.customer_id, lock=True)
    except customers.CustomerNotFound as exc:
        raise InvalidLink("The person this link was sent to is no longer in the base.") from exc
    if customer.erased_at is None:
        await customers.set_consents(
            session,
            tenant.id,
            customer.id,
            {link.channel: {"granted": False, "source": SOURCE}},
            {"actor_type": "subject", "actor_label": SOURCE},
        )
        customer.version += 1
        customer.updated_at = datetime.now(UTC)
        await audit.record(
            session, ctx, "consent.withdrawn", "customer", customer.id,
            changes={"consents": [None, {link.channel: False}]}, meta={"source": SOURCE},
        )  # fmt: skip
        await outbox.emit(
            session, tenant.id, "consent.withdrawn",
            {"customer_id": customer.id, "kind": link.channel, "source": SOURCE},
            subject_id=customer.id,
        )  # fmt: skip
    return tenant.name
