"""Quick search `q`: its terms, each found by text (one trigram index) or by id (a card, an
external id), and what ranks first (an exact email, phone, card or external id)."""

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Select,
    Text,
    Uuid,
    and_,
    any_,
    column,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.sqltypes import NullType

from app.core.citus import on_citus
from app.core.context import Context
from app.core.errors import ValidationFailed
from app.customers.filters.compile_sql import like_escape
from app.customers.models import SEARCH_JOINERS, Card, Customer
from app.customers.normalize import phone_digits, try_normalize_phone

MAX_Q_LENGTH = 500
MAX_Q_TERMS = 10
MIN_TRIGRAM = 3
CARD_MATCH_LIMIT = 1_000
# Above this many customers found by text, listing their ids costs more than testing rows in
# the list's order until a page is full (the terms are common, so a page fills fast).
TEXT_MATCH_LIMIT = 5_000
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
    # Terms so common that their customers are found by testing rows, not from the index:
    # about this many match them (the planner's estimate), so counting them exactly is slow.
    many: int | None = None
    # How many customers match, when the condition is just the customers listed from the index.
    listed: int | None = None
    # Whether the condition holds customers listed from the index (a list to start from).
    listed_any: bool = False


@dataclass(frozen=True)
class _TermText:
    """How a term is found by text: a LIKE pattern on `search_text` (the trigram index), the
    phone's digits confirming a phone spelt with separators, or a whole phone number; for a
    word with joins (`anna.kowal`), the pattern of it without them, which the index serves
    better (`joined_pattern`)."""

    pattern: str
    digits: str | None = None
    phone: str | None = None
    joined: str | None = None

    def index_patterns(self) -> list[str]:
        """What the index is asked for: the pattern, and the one without joins (implied by it:
        `search_text` holds its words again without them), whose trigrams cross the joins."""
        return [self.pattern] if self.joined is None else [self.pattern, self.joined]

    def like(self) -> ColumnElement[bool]:
        """As a plain condition: tested row by row (an index under row security cannot)."""
        found: ColumnElement[bool] = search_text().like(func.kt_unaccent(self.pattern), escape="\\")
        if self.digits is not None:
            found = and_(found, self.digits_confirm())
        return found

    def digits_confirm(self) -> ColumnElement[bool]:
        return func.kt_digits(Customer.phone).like(f"%{self.digits}%")

    def condition(self) -> ColumnElement[bool]:
        found = self.like()
        return or_(found, Customer.phone == self.phone) if self.phone else found


@dataclass(frozen=True)
class _TextGroup:
    """Terms found together by one index scan (`kt_search_text_ids`), and their customers:
    None when more than `TEXT_MATCH_LIMIT` match, or when asked not to read the index."""

    terms: tuple[_TermText, ...]
    ids: list[uuid.UUID] | None = None
    estimate: int | None = None

    def condition(self) -> ColumnElement[bool]:
        if self.ids is None:
            return and_(*(t.condition() for t in self.terms))
        found = Customer.id == any_(literal(self.ids, ARRAY(Uuid())))
        confirms = [t.digits_confirm() for t in self.terms if t.digits is not None]
        found = and_(found, *confirms)
        phones = [t.phone for t in self.terms if t.phone]
        # A group holds one term with a whole phone number, or only terms without one.
        return or_(found, Customer.phone == phones[0]) if phones else found


def _text_groups(texts: Sequence[_TermText]) -> list[_TextGroup]:
    """The terms without a whole phone number in one group (the index intersects them); each
    with one in its own (its customers are those found by text, or by the phone's index)."""
    plain = tuple(t for t in texts if not t.phone)
    groups = [_TextGroup(plain)] if plain else []
    return groups + [_TextGroup((t,)) for t in texts if t.phone]


@dataclass
class _Matches:
    """What `_matches` found: per term, the customers named by card or external id; the
    customers whose card number is the whole search; per text group, its customers."""

    by_id: list[set[uuid.UUID]]
    exact_cards: list[uuid.UUID]
    groups: list[_TextGroup]
    indexed: bool  # whether the groups were looked up in the index

    @property
    def many(self) -> int | None:
        """About how many match the terms too common to list (`QuickSearch.many`)."""
        common = [
            max(g.estimate or 0, TEXT_MATCH_LIMIT + 1)
            for g in self.groups
            if self.indexed and g.ids is None
        ]
        return min(common) if common else None

    @property
    def listed(self) -> int | None:
        """How many match, when the condition is just one group's listed customers."""
        if not self.indexed or len(self.groups) != 1 or any(self.by_id):
            return None
        group = self.groups[0]
        if group.ids is None or any(t.digits or t.phone for t in group.terms):
            return None
        return len(group.ids)


async def _matches(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    terms: Sequence[str],
    texts: Sequence[_TermText],
    q: str,
    index: bool,
) -> _Matches:
    """For each term, the customers it names by id rather than by text: a card number starting
    with it (capped) or equal to it, or their external id; with `index`, also each text group's
    customers, from the trigram index.

    Under row-level security the trigram indexes serve LIKE only through the SECURITY DEFINER
    functions of migration 0038, which read the policy's own tenant setting.
    """
    by_function: list[Select[Any]] = []  # run on their own: see below
    by_table: list[Select[Any]] = []
    # On Citus the owner may not read placements the app's role wrote in the same transaction
    # ("modified in this transaction by a different user"): there rows are tested instead.
    definer = not await on_citus(session)
    index = index and definer
    for i, term in enumerate(terms):
        prefix = f"{like_escape(term.lower())}%"
        if len(term) >= MIN_TRIGRAM and not definer:
            by_table.append(
                select(literal(i), Card.customer_id, Card.number == q)
                .where(Card.tenant_id == tenant_id, func.lower(Card.number).like(prefix))
                .limit(CARD_MATCH_LIMIT)
            )
        elif len(term) >= MIN_TRIGRAM:
            found = func.kt_card_prefix_customers(prefix, CARD_MATCH_LIMIT).table_valued(
                column("customer_id", Uuid()), column("number", Text())
            )
            by_function.append(select(literal(i), found.c.customer_id, found.c.number == q))
        else:
            by_table.append(
                select(literal(i), Card.customer_id, Card.number == q).where(
                    Card.tenant_id == tenant_id, Card.number == term
                )
            )
        by_table.append(
            select(literal(i), Customer.id, false()).where(
                Customer.tenant_id == tenant_id, Customer.external_id == term
            )
        )
    # Apart: Citus would send a statement that also reads a shard to that shard's node, and
    # the functions' own statements cannot run there (a distributed query from a shard).
    rows = [
        row
        for parts in (by_table, by_function)
        if parts
        for row in (await session.execute(union_all(*parts))).all()
    ]
    per_term: list[set[uuid.UUID]] = [set() for _ in terms]
    for i, customer_id, _ in rows:
        per_term[i].add(customer_id)
    groups = _text_groups(texts)
    if index and groups:
        groups = await _listed_groups(session, groups)
    return _Matches(per_term, [r[1] for r in rows if r[2]], groups, index)


async def _listed_groups(session: AsyncSession, groups: list[_TextGroup]) -> list[_TextGroup]:
    """Each group with its customers from the trigram index (`kt_search_text_ids`), unless the
    index found too many (or estimated so: none listed), and the estimate. One statement, a row
    per group: its ids come as one array, untyped, to be bound again as they are (thousands of
    rows through the ORM's result cost more than the index scan)."""
    parts: list[Select[Any]] = []
    for g, group in enumerate(groups):
        patterns = literal([p for t in group.terms for p in t.index_patterns()], ARRAY(Text()))
        found = func.kt_search_text_ids(patterns, TEXT_MATCH_LIMIT).table_valued(
            column("customer_id", Uuid()), column("estimate", BigInteger())
        )
        agg = func.array_agg(found.c.customer_id, type_=NullType()).filter(
            found.c.customer_id.is_not(None)
        )
        parts.append(select(literal(g), agg, func.max(found.c.estimate)))
    listed = []
    for g, ids, estimate in sorted((await session.execute(union_all(*parts))).all()):
        ids = list(ids or [])
        over = estimate is None or estimate > TEXT_MATCH_LIMIT or len(ids) > TEXT_MATCH_LIMIT
        listed.append(_TextGroup(groups[g].terms, None if over else ids, estimate))
    return listed


def _term_text(term: str, country: str) -> _TermText:
    """The term found in `search_text`, or a whole phone number in any spelling the lookup API
    reads (`067 123 45 67` in Ukraine is +380671234567, whose digits do not hold the typed
    ones): the quick search finds what the lookup finds."""
    phone = try_normalize_phone(term, country) if _PHONEISH.match(term) else None
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
        return _TermText(f"%{digits}%", digits, phone)
    # words, and bare digits (which search_text's phone digits also hold)
    return _TermText(pattern, None, phone, joined_pattern(term))


# Letters that `kt_unaccent` turns into letters only (never into a joiner): the Latin-1 and
# Latin Extended-A letters but `ŉ` (unaccented `'n`), and Cyrillic.
_PLAIN_LETTERS = re.compile(r"^[\x00-\x7f\u00c0-\u0148\u014a-\u017f\u0400-\u04ff]*$")
_UNJOIN = str.maketrans("", "", SEARCH_JOINERS)


def joined_pattern(term: str) -> str | None:
    """`%anna.kowal%` again without the characters that join a word's parts (`%annakowal%`),
    when the term has them: `search_text` holds its words again without them, so every
    customer the term matches also matches this one, and its trigrams cross the joins.

    Only for terms of plain letters (`_PLAIN_LETTERS`), as `search_text` drops the joiners after
    removing accents: a character that `kt_unaccent` made into a joiner would be dropped there
    and kept here."""
    lowered = term.lower()
    if not _PLAIN_LETTERS.match(lowered) or any(c.isspace() for c in lowered):
        return None
    unjoined = lowered.translate(_UNJOIN)
    if unjoined == lowered or len(unjoined) < MIN_TRIGRAM:
        return None
    return f"%{like_escape(unjoined)}%"


def _terms_condition(
    groups: Sequence[_TextGroup], texts: Sequence[_TermText], by_id: Sequence[set[uuid.UUID]]
) -> ColumnElement[bool]:
    """Every term matches, by text or by id (card, external id).

    Written as "all by text, or one of the few customers named by id": the text conditions
    are then found together (one index scan intersects them). Per term (`text OR id`), the
    planner could use the index for one term only and recheck the other on every row the
    first one matches (tens of thousands for `jan kowal`).
    """
    all_text = and_(*(g.condition() for g in groups))
    named = set().union(*by_id)
    if not named:
        return all_text
    per_term = [
        or_(text.condition(), Customer.id.in_(sorted(ids))) if ids else text.condition()
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


async def quick_search(
    session: AsyncSession, q: str, ctx: Context, *, index: bool = True
) -> QuickSearch:
    """The condition (every term must match) and what ranks first: exact email/phone/card/id.

    `index=False` when the search narrows a few known customers: their rows are tested
    directly instead of the tenant's matches being listed first.
    """
    q = q.strip()
    terms = check_q(q)
    if not terms:
        return QuickSearch(true(), None)
    texts = [_term_text(t, ctx.tenant.country) for t in terms]
    found = await _matches(session, ctx.tenant_id, terms, texts, q, index)
    condition = _terms_condition(found.groups, texts, found.by_id)
    exact_cards = found.exact_cards
    exact: list[ColumnElement[bool]] = [
        Customer.email == q.lower(),
        Customer.external_id == q,
    ]
    if exact_cards:
        exact.append(Customer.id.in_(exact_cards))
    phone = try_normalize_phone(q, ctx.tenant.country) if _PHONEISH.match(q) else None
    if phone:
        exact.append(Customer.phone == phone)
    listed_any = any(g.ids is not None for g in found.groups)
    return QuickSearch(condition, or_(*exact), found.many, found.listed, listed_any)
