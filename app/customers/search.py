"""Finding customers: quick search `q`, the filter language, sorting, page and cursor paging.

`selection_where` is the one place that turns "filter / q / segment / ids" into a tenant-
scoped condition; search, segments, bulk actions and export all go through it.
"""

import base64
import hashlib
import hmac
import json
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, false, func, literal, or_, select, true, union_all
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement, ColumnElement

from app.core.config import get_settings
from app.core.context import Context
from app.core.errors import AppError, ValidationFailed
from app.customers.filters.ast import InvalidFilter as InvalidFilter
from app.customers.filters.ast import Node, parse_tree
from app.customers.filters.compile_sql import compile_filter, like_escape, tag_names
from app.customers.filters.parse_text import parse_text
from app.customers.filters.registry import FieldDef, FilterEnv, fields_for, sortable_columns
from app.customers.models import Card, Customer
from app.customers.normalize import phone_digits, try_normalize_phone
from app.tags.models import Tag

MAX_SORT_KEYS = 4
MAX_Q_LENGTH = 500
MAX_Q_TERMS = 10
DEFAULT_SORT = "-created_at"
MIN_TRIGRAM = 3
CARD_MATCH_LIMIT = 1_000
# `total` is exact up to this many matches; beyond it, the planner's estimate (flagged).
COUNT_CAP = 10_000
COUNT_BUDGET_MS = 60
# With a larger estimate (2 of the planner's 100 histogram samples), skip counting.
ESTIMATE_ONLY_ABOVE = 2 * COUNT_CAP
_PHONEISH = re.compile(r"^[\d\s()+\-./]+$")


class InvalidCursor(AppError):
    status = 400
    code = "invalid_cursor"
    title = "The cursor is not valid"


@dataclass(frozen=True)
class SegmentFilter:
    """A saved segment's conditions, as `segments.service.resolve` reads them."""

    filter: Any = None
    q: str | None = None


class UnresolvedSegment(RuntimeError):
    """A selection names a segment nobody resolved: a bug in the caller, not a 4xx."""


@dataclass(frozen=True)
class Selection:
    """Which customers: explicit ids, or all that match a filter, quick search or segment.

    A segment is resolved into `segment` (its filter and q) by `segments.service.resolve`
    before search sees the selection: segments build on search, never the other way."""

    filter: Any = None
    q: str | None = None
    segment_id: uuid.UUID | None = None
    ids: Sequence[uuid.UUID] | None = None
    segment: SegmentFilter | None = None


def filter_env(ctx: Context, now: datetime | None = None) -> FilterEnv:
    try:
        tz = ZoneInfo(ctx.tenant.timezone)
    except (KeyError, ValueError):
        tz = ZoneInfo("UTC")
    return FilterEnv(tenant_id=ctx.tenant_id, tz=tz, now=now or datetime.now(UTC))


def parse_filter(
    raw: Any, fields: Mapping[str, FieldDef], loc: list[str | int] | None = None
) -> Node | None:
    """A validated tree from the JSON tree or its text form; None for no filter."""
    if raw is None or (isinstance(raw, str) and not raw.strip()) or raw == {}:
        return None
    tree = parse_text(raw) if isinstance(raw, str) else raw
    return parse_tree(tree, fields, loc)


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


def _text_condition(term: str) -> ColumnElement[bool]:
    """The term found in `search_text` (the trigram index)."""
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
    condition = _terms_condition([_text_condition(t) for t in terms], by_id)
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


async def _plan_for_search(session: AsyncSession) -> None:
    """Plan every query of this transaction for its own values, without JIT.

    asyncpg prepares statements and PostgreSQL switches a prepared statement to a generic plan
    after five runs; a generic plan cannot see the search pattern or the filter's values and
    picks one plan for "kowalski" and "a" alike. JIT costs 100-300 ms on any plan whose
    estimate is large, more than these queries take.
    """
    await session.execute(
        select(
            func.set_config("plan_cache_mode", "force_custom_plan", True),
            func.set_config("jit", "off", True),
        )
    )


async def _compile(session: AsyncSession, node: Node, env: FilterEnv) -> ColumnElement[bool]:
    """The filter's condition, its tag names resolved to ids first (one small query)."""
    names = tag_names(node)
    tag_ids: dict[str, uuid.UUID] = {}
    if names:
        rows = await session.execute(
            select(Tag.name_key, Tag.id).where(
                Tag.tenant_id == env.tenant_id, Tag.name_key.in_(sorted(names))
            )
        )
        tag_ids = {key: tag_id for key, tag_id in rows.all()}
    return compile_filter(node, env, tag_ids)


async def _selection(
    session: AsyncSession,
    ctx: Context,
    selection: Selection,
    fields: Mapping[str, FieldDef] | None,
    loc: list[str | int] | None,
) -> tuple[ColumnElement[bool], QuickSearch | None]:
    await _plan_for_search(session)
    fields = fields if fields is not None else await fields_for(session, ctx.tenant_id)
    env = filter_env(ctx)
    parts: list[ColumnElement[bool]] = [Customer.tenant_id == ctx.tenant_id]
    if selection.ids is not None:
        parts.append(Customer.id.in_(list(selection.ids)) if selection.ids else false())
    if selection.segment_id is not None:
        segment = selection.segment
        if segment is None:
            raise UnresolvedSegment(f"segment {selection.segment_id} was not resolved")
        node = parse_filter(segment.filter, fields, ["segment", "filter"])
        if node is not None:
            parts.append(await _compile(session, node, env))
        if segment.q:
            parts.append((await quick_search(session, segment.q, ctx)).condition)
    node = parse_filter(selection.filter, fields, loc or ["filter"])
    if node is not None:
        parts.append(await _compile(session, node, env))
    quick = None
    if selection.q:
        quick = await quick_search(session, selection.q, ctx)
        parts.append(quick.condition)
    return and_(*parts), quick


async def selection_where(
    session: AsyncSession,
    ctx: Context,
    selection: Selection,
    *,
    fields: Mapping[str, FieldDef] | None = None,
    loc: list[str | int] | None = None,
) -> ColumnElement[bool]:
    """The tenant-scoped condition for a selection (ids AND segment AND filter AND q).

    Also sets this transaction up to plan each query for its values (see `_plan_for_search`).
    """
    return (await _selection(session, ctx, selection, fields, loc))[0]


# --- sorting and cursors --------------------------------------------------------------


@dataclass(frozen=True)
class SortKey:
    name: str
    expr: Any
    desc: bool


def sort_keys(text: str | None, allowed: Mapping[str, Any], rank: Any | None) -> list[SortKey]:
    keys = [k.strip() for k in (text or DEFAULT_SORT).split(",") if k.strip()]
    if len(keys) > MAX_SORT_KEYS:
        raise ValidationFailed.field(
            ["sort"], "invalid_sort", f"Sort by at most {MAX_SORT_KEYS} fields."
        )
    out = [SortKey("_rank", rank, False)] if rank is not None else []
    for key in keys:
        name = key.lstrip("-+")
        if name not in allowed:
            raise ValidationFailed.field(
                ["sort"],
                "invalid_sort",
                f"Cannot sort by {name!r}; sortable: {', '.join(sorted(allowed))}.",
            )
        out.append(SortKey(name, allowed[name], key.startswith("-")))
    last_desc = bool(keys) and keys[-1].startswith("-")
    out.append(SortKey("id", Customer.id, last_desc))
    return out


def _secret() -> bytes:
    return get_settings().derived_key("cursor")


def _encode_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, bool):
        return ["b", value]
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, Decimal):
        return ["n", str(value)]
    if isinstance(value, datetime):
        return ["t", value.isoformat()]
    if isinstance(value, date):
        return ["d", value.isoformat()]
    if isinstance(value, uuid.UUID):
        return ["u", str(value)]
    return ["s", str(value)]


def _decode_value(raw: Any) -> Any:
    if raw is None:
        return None
    kind, value = raw
    decoders: dict[str, Callable[[Any], Any]] = {
        "b": bool,
        "i": int,
        "n": Decimal,
        "t": datetime.fromisoformat,
        "d": date.fromisoformat,
        "u": uuid.UUID,
        "s": str,
    }
    return decoders[kind](value)


def _fingerprint(selection_key: Any, sort: str | None) -> str:
    blob = json.dumps([selection_key, sort or DEFAULT_SORT], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def encode_cursor(values: Sequence[Any], fingerprint: str) -> str:
    payload = json.dumps({"k": [_encode_value(v) for v in values], "f": fingerprint}).encode()
    body = base64.urlsafe_b64encode(payload).rstrip(b"=")
    sig = base64.urlsafe_b64encode(hmac.new(_secret(), body, "sha256").digest()[:16]).rstrip(b"=")
    return f"{body.decode()}.{sig.decode()}"


def decode_cursor(cursor: str, fingerprint: str, count: int) -> list[Any]:
    try:
        body, sig = cursor.encode().split(b".")
        expected = base64.urlsafe_b64encode(
            hmac.new(_secret(), body, "sha256").digest()[:16]
        ).rstrip(b"=")
        if not hmac.compare_digest(sig, expected):
            raise ValueError("bad signature")
        payload = json.loads(base64.urlsafe_b64decode(body + b"=" * (-len(body) % 4)))
        values = [_decode_value(v) for v in payload["k"]]
    except (ValueError, KeyError, TypeError):
        raise InvalidCursor("The cursor was changed or is not from this API.") from None
    if payload.get("f") != fingerprint or len(values) != count:
        raise InvalidCursor("The cursor belongs to a different filter, search or sort.")
    return values


def _after(keys: Sequence[SortKey], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows after `values` in the sort order (ASC puts NULLs last, DESC first: PostgreSQL's)."""
    options: list[ColumnElement[bool]] = []
    for i, key in enumerate(keys):
        equal = [
            (k.expr.is_(None) if v is None else k.expr == v)
            for k, v in zip(keys[:i], values[:i], strict=True)
        ]
        value = values[i]
        if key.desc:
            beyond = key.expr.is_not(None) if value is None else key.expr < value
        else:
            beyond = false() if value is None else or_(key.expr > value, key.expr.is_(None))
        options.append(and_(*equal, beyond))
    return or_(*options)


@dataclass
class SearchResult:
    rows: list[Customer]
    total: int | None
    next_cursor: str | None
    total_is_estimate: bool = False
    has_more: bool = False


@dataclass(frozen=True)
class SearchTotal:
    total: int
    is_estimate: bool


class _Explain(Executable, ClauseElement):
    """`EXPLAIN (FORMAT JSON) <select>`: the planner's row estimate, without running it."""

    inherit_cache = False

    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement


@compiles(_Explain, "postgresql")
def _compile_explain(element: _Explain, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN (FORMAT JSON) " + str(compiler.process(element.statement, **kw))


async def estimate_count(session: AsyncSession, where: ColumnElement[bool]) -> int:
    """The planner's estimate of the matches: one planning, no rows read."""
    plan = await session.scalar(_Explain(select(Customer.id).where(where)))
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"]) if plan else 0


async def capped_count(
    session: AsyncSession, where: ColumnElement[bool], budget_ms: int = COUNT_BUDGET_MS
) -> int | None:
    """Matches counted up to COUNT_CAP + 1 rows; None when that takes longer than the budget.

    Runs in a savepoint under its own statement timeout, restored afterwards.
    """
    capped = select(literal(1)).select_from(Customer).where(where).limit(COUNT_CAP + 1)
    try:
        async with session.begin_nested():
            previous = (
                await session.execute(
                    select(
                        func.current_setting("statement_timeout"),
                        func.set_config("statement_timeout", str(budget_ms), True),
                    )
                )
            ).scalar_one()
            n = await session.scalar(select(func.count()).select_from(capped.subquery()))
            await session.execute(select(func.set_config("statement_timeout", previous, True)))
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "57014":  # query_canceled
            raise
        return None
    return n or 0


async def match_total(
    session: AsyncSession, where: ColumnElement[bool], at_least: int = 0
) -> tuple[int, bool]:
    """(total, is_estimate) of the customers matching `where`.

    Exact when counting up to COUNT_CAP fits its time budget; otherwise the planner's
    estimate, never below `at_least` (rows known to exist). Counting a million matches
    exactly would read a million rows on every page.
    """
    estimate = await estimate_count(session, where)
    if estimate <= ESTIMATE_ONLY_ABOVE:
        n = await capped_count(session, where)
        if n is not None and n <= COUNT_CAP:
            return n, False
        if n is not None:
            at_least = max(at_least, n)
    return max(estimate, at_least), True


async def page_total(
    session: AsyncSession, where: ColumnElement[bool], seen: int, more: bool
) -> tuple[int, bool]:
    """(total, is_estimate) for a page that showed rows up to `seen` and maybe `more`:
    exact without a query when the page reaches the end, else `match_total`."""
    if not more:
        return seen, False
    return await match_total(session, where, seen + 1)


async def count_matches(session: AsyncSession, ctx: Context, selection: Selection) -> SearchTotal:
    """The `total` a page of this selection would carry, on its own: the list can ask for
    rows without it and show the count when it arrives (two queries in parallel)."""
    where = await selection_where(session, ctx, selection)
    total, estimate = await match_total(session, where)
    return SearchTotal(total, estimate)


def _rows_query(
    where: ColumnElement[bool],
    keys: Sequence[SortKey],
    after: Sequence[Any] | None,
    offset: int = 0,
    limit: int | None = None,
) -> Select[Any]:
    """A page of customers with their sort-key values (labelled k0, k1, ...).

    The page's ids are found first over narrow rows (id and keys), then their full rows
    are read: sorting or skipping thousands of wide rows for page 200 spills to disk.
    """
    inner = select(
        Customer.tenant_id.label("tid"),
        Customer.id.label("cid"),
        *(k.expr.label(f"k{i}") for i, k in enumerate(keys)),
    )
    inner = inner.where(where)
    if after is not None:
        inner = inner.where(_after(keys, after))
    inner = inner.order_by(*(k.expr.desc() if k.desc else k.expr.asc() for k in keys))
    page = inner.offset(offset).limit(limit).subquery("page")
    cols = [page.c[f"k{i}"] for i in range(len(keys))]
    return (
        select(Customer, *cols)
        .join(page, (Customer.tenant_id == page.c.tid) & (Customer.id == page.c.cid))
        .order_by(*(c.desc() if k.desc else c.asc() for c, k in zip(cols, keys, strict=True)))
    )


async def search_customers(
    session: AsyncSession,
    ctx: Context,
    selection: Selection,
    *,
    sort: str | None,
    page: int,
    page_size: int,
    cursor: str | None = None,
    with_total: bool = True,
) -> SearchResult:
    """A page of matching customers (page number or cursor), with `total` in page mode.

    Quick search without a sort ranks exact email/phone/card/external-id matches first: they
    are found by their unique indexes and listed first; the rest follows in the default
    order, which an index serves, so no query sorts the whole match set.
    """
    fields = await fields_for(session, ctx.tenant_id)
    env = filter_env(ctx)
    where, quick = await _selection(session, ctx, selection, fields, None)
    keys = sort_keys(sort, sortable_columns(fields, env), None)
    ranked = quick is not None and quick.exact is not None and not sort
    exact: list[uuid.UUID] = []
    if ranked and quick is not None and quick.exact is not None:
        exact = list(
            await session.scalars(select(Customer.id).where(where, quick.exact).limit(100))
        )
    fingerprint = _fingerprint(
        [
            selection.filter,
            selection.q,
            str(selection.segment_id),
            [str(i) for i in selection.ids or []],
        ],
        sort,
    )
    first = where & Customer.id.in_(exact) if exact else None
    rest = where & Customer.id.not_in(exact) if exact else where
    limit = page_size + 1
    found: list[tuple[int, Any]] = []  # (rank, row)
    if cursor:
        values = decode_cursor(cursor, fingerprint, len(keys) + ranked)
        after: Sequence[Any] | None
        rank, after = (values[0], values[1:]) if ranked else (1, values)
        if rank == 0:  # still among the exact matches; the rest follows from its start
            if first is not None:
                query = _rows_query(first, keys, after, limit=limit)
                found += [(0, r) for r in (await session.execute(query)).all()]
            after = None
        if len(found) < limit:
            query = _rows_query(rest, keys, after, limit=limit - len(found))
            found += [(1, r) for r in (await session.execute(query)).all()]
    else:
        offset = (page - 1) * page_size
        if first is not None:
            top = (await session.execute(_rows_query(first, keys, None))).all()
            found += [(0, r) for r in top[offset : offset + limit]]
            offset = max(0, offset - len(top))
        if len(found) < limit:
            query = _rows_query(rest, keys, None, offset, limit - len(found))
            found += [(1, r) for r in (await session.execute(query)).all()]
    more = len(found) > page_size
    found = found[:page_size]
    seen = (page - 1) * page_size + len(found)
    next_cursor = None
    if more and found:
        rank, last = found[-1]
        values = [last[i + 1] for i in range(len(keys))]
        next_cursor = encode_cursor([rank, *values] if ranked else values, fingerprint)
    total, estimate = None, False
    if with_total and not cursor:
        if found or page == 1:
            total, estimate = await page_total(session, where, seen, more)
        else:  # past the end: count what there is
            total, estimate = await match_total(session, where)
    return SearchResult([r[0] for _, r in found], total, next_cursor, estimate, more)


async def count(session: AsyncSession, ctx: Context, selection: Selection) -> int:
    where = await selection_where(session, ctx, selection)
    return await session.scalar(select(func.count()).select_from(Customer).where(where)) or 0
