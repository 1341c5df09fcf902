"""Taking an erased person's email and phone out of saved segments (GDPR art. 17).

A segment saved as "email = zofia@example.pl" would keep the address after its owner was
erased. The filter's conditions that name the value lose it (the value becomes
`ERASED`, which matches no one, as the erased person's row no longer does either), and the
quick-search text loses the word. Which segments changed is returned; nothing else moves.
"""

import re
import uuid
from typing import Any

from sqlalchemy import Text, cast, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.segments.models import Segment

ERASED = "[erased]"
_MIN_PHONE_DIGITS = 6  # fewer digits could be a postcode or an amount, not this phone
_PHONE_LIKE = re.compile(r"\+?[\d\s\-().]+")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _names(value: str, email: str | None, phone: str | None) -> bool:
    """Whether a filter value or search word names the person: the email in any case, or
    the phone written any way (spaces, dashes, with or without its country code)."""
    text = value.strip().lower()
    if email and text == email.lower():
        return True
    if phone and _PHONE_LIKE.fullmatch(text):
        digits = _digits(text)
        return len(digits) >= _MIN_PHONE_DIGITS and _digits(phone).endswith(digits)
    return False


def _scrub_tree(node: Any, email: str | None, phone: str | None) -> Any:
    if isinstance(node, dict):
        return {
            k: _scrub_value(v, email, phone) if k == "value" else _scrub_tree(v, email, phone)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_scrub_tree(v, email, phone) for v in node]
    return node


def _scrub_value(value: Any, email: str | None, phone: str | None) -> Any:
    if isinstance(value, str):
        return ERASED if _names(value, email, phone) else value
    if isinstance(value, list):
        return [_scrub_value(v, email, phone) for v in value]
    return value


def _scrub_q(q: str, email: str | None, phone: str | None) -> str:
    return " ".join(w for w in q.split() if not _names(w, email, phone)) if q else q


async def scrub_erased(
    session: AsyncSession, tenant_id: uuid.UUID, email: str | None, phone: str | None
) -> list[uuid.UUID]:
    """Remove the erased email and phone from the tenant's segments; the ids changed."""
    needles = [n for n in (email, phone and _digits(phone)[-_MIN_PHONE_DIGITS:]) if n]
    if not needles:
        return []
    # Candidates only, found in SQL: a segment whose filter or q text (spaces and dashes
    # dropped) holds the email or the phone's last digits; the walk below decides.
    text_of = func.lower(func.concat(cast(Segment.filter, Text), " ", func.coalesce(Segment.q, "")))
    squeezed = func.regexp_replace(text_of, r"[\s\-]", "", "g")
    rows = await session.scalars(
        select(Segment)
        .where(
            Segment.tenant_id == tenant_id,
            or_(*(squeezed.contains(n.lower(), autoescape=True) for n in needles)),
        )
        .with_for_update()
    )
    changed = []
    for segment in rows:
        new_filter = _scrub_tree(segment.filter, email, phone)
        new_q = _scrub_q(segment.q or "", email, phone) or None
        if new_filter != segment.filter or new_q != segment.q:
            segment.filter, segment.q = new_filter, new_q
            segment.version += 1
            changed.append(segment.id)
    await session.flush()
    return changed
