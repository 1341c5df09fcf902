"""Signatures, like Stripe's: `Kartoteka-Signature: t=<unix time>,v1=<hex HMAC-SHA256>`.

The HMAC is taken with the endpoint's secret (the whole `whsec_…` string, UTF-8) over
`"<t>.<raw body>"`. During a rotation's grace period a second `v1=` is appended, made with the
previous secret, so a consumer holding either secret accepts the delivery. Consumers check
that one `v1` matches and that `t` is recent (5 minutes), against replays.
"""

import hashlib
import hmac
import secrets
import time

SIGNATURE_HEADER = "Kartoteka-Signature"
SECRET_PREFIX = "whsec_"
TOLERANCE_SECONDS = 300


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secrets_: list[str], body: bytes, timestamp: int | None = None) -> str:
    t = int(time.time()) if timestamp is None else timestamp
    return ",".join([f"t={t}", *(f"v1={sign(s, t, body)}" for s in secrets_)])


def verify(
    secret: str,
    header: str,
    body: bytes,
    *,
    tolerance: int = TOLERANCE_SECONDS,
    now: int | None = None,
) -> bool:
    """The consumer's check (as docs/integrations.md shows it): one v1 matches, t is recent."""
    pairs = [part.split("=", 1) for part in header.split(",") if "=" in part]
    stamps = [v for k, v in pairs if k == "t"]
    if len(stamps) != 1 or not stamps[0].isdigit():
        return False
    t = int(stamps[0])
    if abs((int(time.time()) if now is None else now) - t) > tolerance:
        return False
    expected = sign(secret, t, body)
    return any(k == "v1" and hmac.compare_digest(v, expected) for k, v in pairs)
