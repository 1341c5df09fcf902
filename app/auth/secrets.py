"""Passwords (argon2) and bearer tokens that carry their tenant.

A token is `kt_<tenant id, base64url>_<32 random bytes, base64url>`. Only a SHA-256 of the
token is stored: the secret has 256 bits of entropy, so a slow hash adds nothing but
latency to every API call, while passwords (low entropy) get argon2.
"""

import base64
import hashlib
import hmac
import secrets
import uuid

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
TOKEN_PREFIX = "kt_"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A fixed hash to verify against when the user does not exist, so timing doesn't tell.
DUMMY_PASSWORD_HASH = _hasher.hash("not-a-real-password")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_token(tenant_id: uuid.UUID) -> str:
    return f"{TOKEN_PREFIX}{_b64(tenant_id.bytes)}_{_b64(secrets.token_bytes(32))}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_tenant(token: str) -> uuid.UUID | None:
    """The tenant a token belongs to, or None if it is not of our shape."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    try:
        # base64url may itself contain "_", so the tenant part is read by its fixed width.
        head, sep = token[3:25], token[25:26]
        if sep != "_":
            return None
        return uuid.UUID(bytes=base64.urlsafe_b64decode(head + "=="))
    except ValueError:
        return None


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def display_prefix(token: str) -> str:
    """What lists show of a key: `kt_` and the start of its random part, which tells keys of
    one tenant apart (the part before it is the tenant, the same in all of them)."""
    return TOKEN_PREFIX + token[26:34]
