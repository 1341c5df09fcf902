"""Finding customers: quick search `q`, the filter language, sorting, page and cursor paging.

`selection_where` is the one place that turns "filter / q / segment / ids" into a tenant-
scoped condition; search, segments, bulk actions and export all go through it.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, and_, case, exists, false, func, literal, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.core.config import get_settings
from app.core.context import Context
from app.core.errors import AppError, ValidationFailed
from app.customers.filters.ast import InvalidFilter as InvalidFilter
from app.customers.filters.ast import Node, parse_tree
from app.customers.filters.compile_sql import compile_filter, like_escape
from app.customers.filters.parse_text import parse_text
from app.customers.filters.registry import FieldDef, FilterEnv, fields_for, sortable_columns
from app.customers.models import Card, Customer
from app.customers.normalize import phone_digits, try_normalize_phone

MAX_SORT_KEYS = 4
MAX_Q_LENGTH = 500
MAX_Q_TERMS = 10
DEFAULT_SORT = "-created_at"
_PHONEISH = re.compile(r"^[\d\s()+\-./]+$")


class InvalidCursor(AppError):
    status = 400
    code = "invalid_cursor"
    title = "The cursor is not valid"


@dataclass(frozen=True)
class Selection:
    """Which customers: explicit ids, or all that match a filter, quick search or segment."""

    filter: Any = None
    q: str | None = None
    segment_id: uuid.UUID | None = None
    ids: Sequence[uuid.UUID] | None = None


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
    # Must match the expression of ix_customers_tenant_id_search (migration 0002_search).
    return func.kt_customer_search_text(
        Customer.first_name,
        Customer.last_name,
        Customer.middle_name,
        Customer.company_name,
        Customer.email,
        Customer.city,
    )


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


def _term_condition(term: str, tenant_id: uuid.UUID) -> ColumnElement[bool]:
    pattern = f"%{like_escape(term.lower())}%"
    options: list[ColumnElement[bool]] = [
        search_text().like(func.kt_unaccent(literal(pattern)), escape="\\"),
        Customer.external_id == term,
        exists(
            select(Card.id).where(
                Card.tenant_id == tenant_id,
                Card.customer_id == Customer.id,
                func.lower(Card.number).like(f"{like_escape(term.lower())}%", escape="\\"),
            )
        ),
    ]
    digits = phone_digits(term)
    if len(digits) >= 3 and _PHONEISH.match(term):
        # Phones are stored in E.164: a fragment in any spelling is a run of digits.
        options.append(func.kt_digits(Customer.phone).like(f"%{digits}%"))
    return or_(*options)


def quick_search(q: str, ctx: Context) -> tuple[ColumnElement[bool], ColumnElement[int]]:
    """The condition (every term must match) and a rank: exact email/phone/card/id first."""
    q = q.strip()
    if len(q) > MAX_Q_LENGTH:
        raise ValidationFailed.field(
            ["q"], "q_too_long", f"Search at most {MAX_Q_LENGTH} characters."
        )
    terms = search_terms(q)
    if len(terms) > MAX_Q_TERMS:
        raise ValidationFailed.field(
            ["q"], "too_many_terms", f"Search at most {MAX_Q_TERMS} terms."
        )
    if not terms:
        return true(), literal(1)
    condition = and_(*(_term_condition(t, ctx.tenant_id) for t in terms))
    exact: list[ColumnElement[bool]] = [
        Customer.email == q.lower(),
        Customer.external_id == q,
        exists(
            select(Card.id).where(
                Card.tenant_id == ctx.tenant_id, Card.customer_id == Customer.id, Card.number == q
            )
        ),
    ]
    phone = try_normalize_phone(q, ctx.tenant.country) if _PHONEISH.match(q) else None
    if phone:
        exact.append(Customer.phone == phone)
    rank: ColumnElement[int] = case((or_(*exact), 0), else_=1)
    return condition, rank


async def selection_where(
    session: AsyncSession,
    ctx: Context,
    selection: Selection,
    *,
    fields: Mapping[str, FieldDef] | None = None,
    loc: list[str | int] | None = None,
) -> ColumnElement[bool]:
    """The tenant-scoped condition for a selection (ids AND segment AND filter AND q)."""
    fields = fields if fields is not None else await fields_for(session, ctx.tenant_id)
    env = filter_env(ctx)
    parts: list[ColumnElement[bool]] = [Customer.tenant_id == ctx.tenant_id]
    if selection.ids is not None:
        parts.append(Customer.id.in_(list(selection.ids)) if selection.ids else false())
    if selection.segment_id is not None:
        from app.segments import service as segments  # segments build on search

        segment = await segments.get_segment(session, ctx.tenant_id, selection.segment_id)
        node = parse_filter(segment.filter, fields, ["segment", "filter"])
        if node is not None:
            parts.append(compile_filter(node, env))
        if segment.q:
            parts.append(quick_search(segment.q, ctx)[0])
    node = parse_filter(selection.filter, fields, loc or ["filter"])
    if node is not None:
        parts.append(compile_filter(node, env))
    if selection.q:
        parts.append(quick_search(selection.q, ctx)[0])
    return and_(*parts)


def selected_ids(where: ColumnElement[bool]) -> Select[Any]:
    return select(Customer.id).where(where)


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
    explicit = os.environ.get("KARTOTEKA_SECRET_KEY")
    if explicit:
        return explicit.encode()
    return hashlib.sha256(b"kartoteka-cursor:" + get_settings().database_url.encode()).digest()


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
    """A page of matching customers (page number or cursor), with `total` in page mode."""
    fields = await fields_for(session, ctx.tenant_id)
    env = filter_env(ctx)
    where = await selection_where(session, ctx, selection, fields=fields)
    rank = quick_search(selection.q, ctx)[1] if selection.q and not sort else None
    keys = sort_keys(sort, sortable_columns(fields, env), rank)
    fingerprint = _fingerprint(
        [
            selection.filter,
            selection.q,
            str(selection.segment_id),
            [str(i) for i in selection.ids or []],
        ],
        sort,
    )
    query = select(Customer, *(k.expr.label(f"k{i}") for i, k in enumerate(keys))).where(where)
    order = [k.expr.desc() if k.desc else k.expr.asc() for k in keys]
    if cursor:
        query = query.where(_after(keys, decode_cursor(cursor, fingerprint, len(keys))))
    else:
        query = query.offset((page - 1) * page_size)
    result = (await session.execute(query.order_by(*order).limit(page_size + 1))).all()
    more = len(result) > page_size
    result = result[:page_size]
    next_cursor = None
    if more and result:
        last = result[-1]
        next_cursor = encode_cursor([last[i + 1] for i in range(len(keys))], fingerprint)
    total = None
    if with_total and not cursor:
        total = await session.scalar(select(func.count()).select_from(Customer).where(where)) or 0
    return SearchResult([r[0] for r in result], total, next_cursor)


async def count(session: AsyncSession, ctx: Context, selection: Selection) -> int:
    where = await selection_where(session, ctx, selection)
    return await session.scalar(select(func.count()).select_from(Customer).where(where)) or 0
