"""A customer's ETag and what an `If-Match` must name."""

import hashlib

from app.customers.models import Customer
from app.customers.schemas import CustomerOut


def etag(customer: CustomerOut, body: bytes | None = None) -> str:
    """`"id.version.digest"`: the version is the record's edits (what `If-Match` checks), the
    digest the whole representation, aggregates included, so that a sale or a redemption, which
    moves the totals but not the version, still ends a cached copy (`If-None-Match`)."""
    if body is None:
        body = customer.model_dump_json().encode()
    digest = hashlib.blake2b(body, digest_size=6).hexdigest()
    return f'"{customer.id}.{customer.version}.{digest}"'


def matches_version(if_match: str, customer: Customer) -> bool:
    """Whether an `If-Match` names the customer's current version (`*` does, as any digest)."""
    sent = if_match.strip()
    if sent == "*":
        return True
    parts = sent.removeprefix("W/").strip('"').split(".")
    return len(parts) in (2, 3) and parts[:2] == [str(customer.id), str(customer.version)]
