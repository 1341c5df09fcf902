"""Quick search `q`: its terms, each found by text (one trigram index) or by id (a card, an
external id), and what ranks first (an exact email, phone, card or external id)."""

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, false, func, literal, or_, select, true, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.core.context import Context
from app.core.errors import ValidationFailed
from app.customers.filters.compile_sql import like_escape
from app.customers.models import Card, Customer
from app.customers.normalize import phone_digits, try_normalize_phone

MAX_Q_LENGTH = 500
MAX_Q_TERMS = 10
MIN_TRIGRAM = 3
CARD_MATCH_LIMIT = 1_000
_PHONEISH = re.compile(r"^[\d\s()+\-./]+$")


def search_text() -> ColumnElement[str]:
    """The stored haystack (`customers.search_text`, one trigram GIN index)."""
    return Customer.search_text  # type: ignore[return-value]


def search_terms(q: str) -> list[str]:
    """Lines (or `;`) are terms; a phone-like line is one term, other lines split into words."""
    terms: list[str] = []
    for chunk in re.split(r"[\n;]+", q):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _PHONEISH.match(chunk) and len(phone_digits(chunk)) >= 3:
            terms.append(chunk)
        else:
            terms.extend(chunk.split())
    return terms


@dataclass(frozen=True)
class QuickSearch:
    """Every term must match (`condition`); rows meeting `exact` are ranked first."""

    condition: ColumnElement[bool]
    exact: ColumnElement[bool] | None


async def _id_matches(
    session: AsyncSession, tenant_id: uuid.UUID, terms: Sequence[str], q: str
) -> tuple[list[set[uuid.UUID]], list[uuid.UUID]]:
    """For each term, the customers it names by id rather than by text: a card number starting
    with it (capped) or equal to it, or their external id. Also the customers whose card number
    is the whole search (ranked first). One query for every term."""
    parts: list[Select[Any]] = []
    for i, term in enumerate(terms):
        prefix = len(term) >= MIN_TRIGRAM
        on_card = (
            func.lower(Card.number).like(f"{like_escape(term.lower())}%", escape="\\")
            if prefix
            else Card.number == term
        )
        cards = (
            select(literal(i).label("term"), Card.customer_id, Card.number == q)
            .where(Card.tenant_id == tenant_id, on_card)
            .limit(CARD_MATCH_LIMIT)
        )
        external = select(literal(i), Customer.id, false()).where(
            Customer.tenant_id == tenant_id, Customer.external_id == term
        )
        parts += [cards, external]
    rows = (await session.execute(union_all(*parts))).all()
    per_term: list[set[uuid.UUID]] = [set() for _ in terms]
    for i, customer_id, _ in rows:
        per_term[i].add(customer_id)
    return per_term, [r[1] for r in rows if r[2]]


def _text_condition(term: str, country: str) -> ColumnElement[bool]:
    """The term found in `search_text` (the trigram index), or a whole phone number in any
    spelling the lookup API reads (`067 123 45 67` in Ukraine is +380671234567, whose digits
    do not hold the typed ones): the quick search finds what the lookup finds."""
    found = _infix_condition(term)
    phone = try_normalize_phone(term, country) if _PHONEISH.match(term) else None
    return or_(found, Customer.phone == phone) if phone else found


def _infix_condition(term: str) -> ColumnElement[bool]:
    lowered = like_escape(term.lower())
    # pg_trgm needs 3 characters for an infix; a shorter term matches the start of a word
    # (every word in search_text follows a space), which the padded trigram ` ko` serves.
    pattern = f"%{lowered}%" if len(term) >= MIN_TRIGRAM else f"% {lowered}%"
    digits = phone_digits(term)
    spelt = digits != term
    if digits.startswith("00") and _PHONEISH.match(term):
        # `0048 …`: the international call prefix, which E.164 writes as `+`.
        digits, spelt = digits[2:], True
    if len(digits) >= MIN_TRIGRAM and spelt and _PHONEISH.match(term):
        # A phone spelt with separators (`600 123`, `(600) 123`) or a call prefix: phones are
        # stored in E.164 and their digits end search_text, so the index finds the run of
        # digits and the phone itself confirms it (not an email's digits).
        return and_(
            search_text().like(f"%{digits}%"),
            func.kt_digits(Customer.phone).like(f"%{digits}%"),
        )
    # words, and bare digits (which search_text's phone digits also hold)
    return search_text().like(func.kt_unaccent(pattern), escape="\\")


def _terms_condition(
    texts: Sequence[ColumnElement[bool]], by_id: Sequence[set[uuid.UUID]]
) -> ColumnElement[bool]:
    """Every term matches, by text or by id (card, external id).

    Written as "all by text, or one of the few customers named by id": every text condition
    then sits in one trigram index scan, which intersects them in the index. Per term
    (`text OR id`), the planner can use the index for one term only and rechecks the other
    on every row the first one matches (tens of thousands for `jan kowal`).
    """
    all_text = and_(*texts)
    named = set().union(*by_id)
    if not named:
        return all_text
    per_term = [
        or_(text, Customer.id.in_(sorted(ids))) if ids else text
        for text, ids in zip(texts, by_id, strict=True)
    ]
    return or_(all_text, and_(Customer.id.in_(sorted(named)), *per_term))


def check_q(q: str) -> list[str]:
    """The terms of a quick search, or a 422 when it is too long or has too many terms."""
    if len(q.strip()) > MAX_Q_LENGTH:
        raise ValidationFailed.field(
            ["q"], "q_too_long", f"Search at most {MAX_Q_LENGTH} characters."
        )
    terms = search_terms(q.strip())
    if len(terms) > MAX_Q_TERMS:
        raise ValidationFailed.field(
            ["q"], "too_many_terms", f"Search at most {MAX_Q_TERMS} terms."
        )
    return terms


async def quick_search(session: AsyncSession, q: str, ctx: Context) -> QuickSearch:
    """The condition (every term must match) and what ranks first: exact email/phone/card/id."""
    q = q.strip()
    terms = check_q(q)
    if not terms:
        return QuickSearch(true(), None)
    by_id, exact_cards = await _id_matches(session, ctx.tenant_id, terms, q)
    condition = _terms_condition([_text_condition(t, ctx.tenant.country) for t in terms], by_id)
    exact: list[ColumnElement[bool]] = [
        Customer.email == q.lower(),
        Customer.external_id == q,
    ]
    if exact_cards:
        exact.append(Customer.id.in_(exact_cards))
    phone = try_normalize_phone(q, ctx.tenant.country) if _PHONEISH.match(q) else None
    if phone:
        exact.append(Customer.phone == phone)
    return QuickSearch(condition, or_(*exact))
