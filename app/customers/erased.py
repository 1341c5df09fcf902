"""The suppression list: identities erased at the person's request, kept as keyed hashes.

An erased customer's email, phone, card numbers and external id are remembered only as
HMAC-SHA256 digests under a key derived from the server secret and bound to the tenant, so
the list itself reveals no one; it lets the API and imports notice the same person coming
back (409 / row error `erased_subject`) unless told that the person did come back.
Rotating the server secret forgets the list (documented in docs/privacy.md).
"""

import hashlib
import hmac
import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import String, func, select, tuple_
from sqlalchemy.dialects.postgresql import BYTEA, insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from app.core.config import get_settings
from app.core.db import Base
from app.core.errors import Conflict
from app.core.types import TenantScoped

KINDS = ("email", "phone", "card", "external_id")
_BLOCK = 64  # SHA-256's block size, for HMAC's pads


class ErasedSubject(TenantScoped, Base):
    __tablename__ = "erased_subjects"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    digest: Mapped[bytes] = mapped_column(BYTEA, primary_key=True)
    erased_at: Mapped[datetime] = mapped_column(server_default=func.now())


class ErasedSubjectError(Conflict):
    code = "erased_subject"
    title = "This person's data was erased at their request"


def digest_key() -> bytes:
    return get_settings().derived_key("erased-subjects")


def digest(tenant_id: uuid.UUID, kind: str, value: str) -> bytes:
    """The keyed hash of one identity value, as stored (emails and phones are normalised
    before they are stored or compared, so no case folding here that a server's locale
    could do differently).

    The same as `DIGEST_SQL` computes in PostgreSQL for an import's staged rows."""
    message = f"{tenant_id}\x1f{kind}\x1f{value}".encode()
    return hmac.new(digest_key(), message, hashlib.sha256).digest()


def hmac_pads() -> dict[str, bytes]:
    """The digest key XORed with HMAC's inner and outer pads, for `DIGEST_SQL`."""
    key = digest_key().ljust(_BLOCK, b"\x00")  # a 32-byte key: padded, never hashed
    return {
        "k_ipad": bytes(b ^ 0x36 for b in key),
        "k_opad": bytes(b ^ 0x5C for b in key),
    }


# HMAC-SHA256 from core PostgreSQL's sha256() (no pgcrypto, which not every server ships):
# H((K ^ opad) || H((K ^ ipad) || message)). `:t` the tenant, `:kind`, `:k_ipad`/`:k_opad`
# from `hmac_pads()`; `{value}` the column holding the value.
DIGEST_SQL = (
    "sha256(CAST(:k_opad AS bytea) || sha256(CAST(:k_ipad AS bytea) || convert_to("
    "CAST(CAST(:t AS uuid) AS text) || chr(31) || CAST(:kind AS text) || chr(31) || "
    "{value}, 'UTF8')))"
)


def identities(
    email: str | None, phone: str | None, cards: Iterable[str], external_id: str | None
) -> list[tuple[str, str]]:
    """(kind, value) pairs of what identifies a person, blanks left out."""
    pairs = [("email", email), ("phone", phone), ("external_id", external_id)]
    pairs += [("card", c) for c in cards]
    return [(kind, value.strip()) for kind, value in pairs if value and value.strip()]


async def remember(
    session: AsyncSession, tenant_id: uuid.UUID, pairs: list[tuple[str, str]]
) -> None:
    if not pairs:
        return
    rows = [
        {"tenant_id": tenant_id, "kind": k, "digest": digest(tenant_id, k, v)} for k, v in pairs
    ]
    await session.execute(insert(ErasedSubject).values(rows).on_conflict_do_nothing())


async def erased_kinds(
    session: AsyncSession, tenant_id: uuid.UUID, pairs: list[tuple[str, str]]
) -> set[str]:
    """Which kinds of the given identity values belong to an erased person."""
    if not pairs:
        return set()
    wanted = [(k, digest(tenant_id, k, v)) for k, v in pairs]
    found = await session.scalars(
        select(ErasedSubject.kind).where(
            ErasedSubject.tenant_id == tenant_id,
            tuple_(ErasedSubject.kind, ErasedSubject.digest).in_(wanted),
        )
    )
    return set(found)


async def refuse_erased(
    session: AsyncSession, tenant_id: uuid.UUID, pairs: list[tuple[str, str]]
) -> None:
    """409 `erased_subject` when any value belongs to an erased person."""
    kinds = await erased_kinds(session, tenant_id, pairs)
    if kinds:
        raise ErasedSubjectError(
            f"The {', '.join(sorted(kinds))} belongs to a person whose data was erased at their "
            "request. If the person came back and asked to be registered again, repeat the "
            "request with `subject_returned=true`."
        )
