"""Verify a Kartoteka webhook (hand-written; `make clients` keeps this file).

Every delivery carries `Kartoteka-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`: the HMAC is
taken with the endpoint's secret (the whole `whsec_…` string, as UTF-8) over
`"<t>.<raw request body>"`. While a secret is being rotated the header has one `v1=` per valid
secret, so a receiver that holds either the old or the new secret accepts the delivery.

    from kartoteka_client.webhooks import SIGNATURE_HEADER, verify_signature

    verify_signature(secret, request.headers[SIGNATURE_HEADER], await request.body())

Pass the raw body exactly as received: a body parsed and serialised again does not match.
"""

import hashlib
import hmac
import time
from collections.abc import Iterable

SIGNATURE_HEADER = "Kartoteka-Signature"
DEFAULT_TOLERANCE = 300


class SignatureVerificationError(ValueError):
    """The delivery is not proven to come from Kartoteka: reject it (answer 400)."""


def compute_signature(secret: str, timestamp: int, body: bytes | str) -> str:
    """The hex HMAC-SHA256 of `"<timestamp>.<body>"` under `secret`."""
    raw = body.encode() if isinstance(body, str) else body
    return hmac.new(secret.encode(), f"{timestamp}.".encode() + raw, hashlib.sha256).hexdigest()


def signature_header(secrets: Iterable[str], body: bytes | str, timestamp: int | None = None) -> str:
    """A header value as Kartoteka sends it (for tests of a receiver)."""
    t = int(time.time()) if timestamp is None else timestamp
    return ",".join([f"t={t}", *(f"v1={compute_signature(s, t, body)}" for s in secrets)])


def verify_signature(
    secret: str | Iterable[str],
    header: str,
    body: bytes | str,
    tolerance: int = DEFAULT_TOLERANCE,
    *,
    now: float | None = None,
) -> int:
    """Check a `Kartoteka-Signature` header against the raw body; return its timestamp.

    `secret` may be several secrets (the receiver's own rotation). Raises
    `SignatureVerificationError` when the header is malformed, when no `v1` matches, or when
    `t` is more than `tolerance` seconds away from now (a replayed delivery); `tolerance=0`
    turns the time check off.
    """
    secrets = [secret] if isinstance(secret, str) else list(secret)
    if not secrets:
        raise SignatureVerificationError("no secret to verify with")
    pairs = [part.strip().split("=", 1) for part in header.split(",") if "=" in part]
    stamps = [value for key, value in pairs if key == "t"]
    if len(stamps) != 1 or not stamps[0].isdigit():
        raise SignatureVerificationError("the header has no single t=<unix time>")
    timestamp = int(stamps[0])
    candidates = [value for key, value in pairs if key == "v1"]
    if not candidates:
        raise SignatureVerificationError("the header has no v1 signature")
    current = time.time() if now is None else now
    if tolerance > 0 and abs(current - timestamp) > tolerance:
        raise SignatureVerificationError(f"the timestamp is more than {tolerance} s away")
    expected = [compute_signature(s, timestamp, body) for s in secrets]
    # Every pair is compared (no early exit), each in constant time.
    matched = [hmac.compare_digest(v, e) for v in candidates for e in expected]
    if not any(matched):
        raise SignatureVerificationError("no v1 signature matches the secret")
    return timestamp
