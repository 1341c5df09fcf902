"""Another customer with the same phone or email: found while a form is typed
(`GET /customers/contact-matches`) and refused on a write unless the caller says
`allow_duplicate` (`duplicate_contact`). Whether a shared phone counts is the tenant's rule
(`shared_phone_allowed`); an email is one person's."""

import uuid
from typing import Any

from sqlalchemy import false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.errors import Conflict, Problem
from app.customers.models import Customer
from app.customers.names import display_name
from app.customers.normalize import InvalidContact, normalize_email, try_normalize_phone
from app.customers.schemas import ContactMatch
from app.tenants import service as tenants

MAX_MATCHES = 5


class DuplicateContactProblem(Problem):
    candidates: list[ContactMatch]


class DuplicateContact(Conflict):
    code = "duplicate_contact"
    title = "Another customer has this phone or email"
    problem_model = DuplicateContactProblem


def lenient_email(raw: str | None) -> str | None:
    """The email as the base stores it, or, while it is still being typed, lower-cased."""
    if not raw or not raw.strip():
        return None
    try:
        return normalize_email(raw)
    except InvalidContact:
        return raw.strip().lower()


async def contact_matches(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    *,
    phone: str | None,
    email: str | None,
    exclude_id: uuid.UUID | None = None,
) -> list[ContactMatch]:
    """Live (not erased) customers with this normalised phone or email, at most five."""
    if not phone and not email:
        return []
    c = Customer
    query = (
        select(c.id, display_name(), c.phone, c.email)
        .where(
            c.tenant_id == tenant_id,
            c.erased_at.is_(None),
            or_(
                c.phone == phone if phone else false(),
                c.email == email if email else false(),
            ),
        )
        .order_by(c.created_at, c.id)
        .limit(MAX_MATCHES)
    )
    if exclude_id is not None:
        query = query.where(c.id != exclude_id)
    rows = (await session.execute(query)).all()
    return [
        ContactMatch(
            customer_id=cid,
            display_name=name,
            phone=p,
            email=e,
            matched_on=[
                k for k, v, mine in (("phone", p, phone), ("email", e, email)) if mine and v == mine
            ],
        )
        for cid, name, p, e in rows
    ]


async def matches_for_input(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    country: str,
    *,
    phone: str | None,
    email: str | None,
    exclude_id: uuid.UUID | None,
) -> list[ContactMatch]:
    """Matches of what a form holds so far: a phone that is not a number yet matches nothing."""
    return await contact_matches(
        session,
        tenant_id,
        phone=try_normalize_phone(phone, country) if phone and phone.strip() else None,
        email=lenient_email(email),
        exclude_id=exclude_id,
    )


async def refuse_duplicates(
    session: AsyncSession, tenant_id: uuid.UUID, values: dict[str, Any], keep: uuid.UUID | None
) -> None:
    """409 `duplicate_contact` with the candidates when a phone or an email being written
    belongs to another live customer (a phone only when the tenant does not allow sharing)."""
    phone, email = values.get("phone"), values.get("email")
    if phone and (await tenants.get(session, tenant_id)).shared_phone_allowed:
        phone = None
    candidates = await contact_matches(
        session, tenant_id, phone=phone, email=email, exclude_id=keep
    )
    if candidates:
        on = sorted({k for m in candidates for k in m.matched_on})
        raise DuplicateContact(
            f"Another customer has this {' and '.join(on)}: open or merge them, or send "
            "`allow_duplicate=true` to save anyway.",
            extensions={"candidates": candidates},
        )
