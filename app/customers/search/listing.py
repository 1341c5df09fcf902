"""A page of customers: by page number or cursor, exact quick-search matches first."""

import uuid
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.core.context import Context
from app.customers.filters.registry import fields_for, sortable_columns
from app.customers.models import Customer
from app.customers.search.counts import match_total, page_total, quick_total
from app.customers.search.cursors import (
    SortKey,
    after_condition,
    decode_cursor,
    encode_cursor,
    sort_keys,
)
from app.customers.search.cursors import fingerprint as cursor_fingerprint
from app.customers.search.quick import QuickSearch
from app.customers.search.selection import Selection, filter_env, selection_and_quick


@dataclass
class SearchResult:
    rows: list[Customer]
    total: int | None
    next_cursor: str | None
    total_is_estimate: bool = False
    has_more: bool = False


def _rows_query(
    tenant_id: uuid.UUID,
    where: ColumnElement[bool],
    keys: Sequence[SortKey],
    after: Sequence[Any] | None,
    offset: int = 0,
    limit: int | None = None,
) -> Select[Any]:
    """A page of customers with their sort-key values (labelled k0, k1, ...).

    The page's ids are found first over narrow rows (id and keys), then their full rows
    are read: sorting or skipping thousands of wide rows for page 200 spills to disk. The
    outer read names the tenant as a constant too: joined only through `page.tid`, Citus
    would read every shard of customers instead of the tenant's one.
    """
    inner = select(
        Customer.tenant_id.label("tid"),
        Customer.id.label("cid"),
        *(k.expr.label(f"k{i}") for i, k in enumerate(keys)),
    )
    inner = inner.where(where)
    if after is not None:
        inner = inner.where(after_condition(keys, after))
    inner = inner.order_by(*(k.expr.desc() if k.desc else k.expr.asc() for k in keys))
    page = inner.offset(offset).limit(limit).subquery("page")
    cols = [page.c[f"k{i}"] for i in range(len(keys))]
    return (
        select(Customer, *cols)
        .join(page, (Customer.tenant_id == page.c.tid) & (Customer.id == page.c.cid))
        .where(Customer.tenant_id == tenant_id)
        .order_by(*(c.desc() if k.desc else c.asc() for c, k in zip(cols, keys, strict=True)))
    )


# How a page of a quick search is planned (`_planned`), by what the search found:
# - common terms (`QuickSearch.many`): by walking an index in the page's order, testing each
#   row, as a page fills after a few thousand. The planner cannot know that: under row-level
#   security it may not read LIKE's statistics and takes a default selectivity, small for two
#   terms, and then prefers testing every row and sorting the few it expects (650 ms for `anna
#   kowal` on the bench base, 1,000,000 customers) to a walk it expects to be long (70 ms with a
#   cold cache). Parallel workers cost more to start than such a walk takes.
# - customers listed from the index (at most `quick.TEXT_MATCH_LIMIT`): from the list, by the
#   primary key, then sorted. Walking the order instead and testing each row against the list
#   is a gamble the planner takes when the list is a few thousand long: 500 ms for `małgo
#   kwiatk` (2,381 customers) when they sit far down the order.
_PLANS: dict[str, dict[str, str]] = {
    "walk": {
        "enable_seqscan": "off",
        "enable_bitmapscan": "off",
        "enable_sort": "off",
        "max_parallel_workers_per_gather": "0",
    },
    "list": {"enable_indexscan": "off", "max_parallel_workers_per_gather": "0"},
}


def _plan_of(quick: QuickSearch | None) -> str | None:
    if quick is None:
        return None
    if quick.many is not None:
        return "walk"
    return "list" if quick.listed_any else None


@asynccontextmanager
async def _planned(session: AsyncSession, plan: str | None) -> AsyncIterator[None]:
    """The page's statements planned as `_PLANS[plan]` says (as the planner would have chosen
    had it known the matches), the settings restored afterwards."""
    if plan is None:
        yield
        return
    settings = _PLANS[plan]
    before = (
        await session.execute(
            text(
                "WITH before AS MATERIALIZED (SELECT "
                + ", ".join(f"current_setting('{name}') AS {name}" for name in settings)
                + ") SELECT before.*, "
                + ", ".join(f"set_config('{n}', '{v}', true)" for n, v in settings.items())
                + " FROM before"
            )
        )
    ).one()
    try:
        yield
    finally:
        await session.execute(
            select(*(func.set_config(n, before[i], True) for i, n in enumerate(settings)))
        )


async def _page(
    session: AsyncSession,
    tenant_id: uuid.UUID,
    keys: Sequence[SortKey],
    ranked: bool,
    first: ColumnElement[bool] | None,
    rest: ColumnElement[bool],
    cursor: str | None,
    page: int,
    page_size: int,
    fingerprint: str,
) -> list[tuple[int, Any]]:
    """The page's rows and one more, each with its rank (0: an exact match, listed first)."""
    limit = page_size + 1
    found: list[tuple[int, Any]] = []
    if cursor:
        values = decode_cursor(cursor, fingerprint, len(keys) + ranked)
        after: Sequence[Any] | None
        rank, after = (values[0], values[1:]) if ranked else (1, values)
        if rank == 0:  # still among the exact matches; the rest follows from its start
            if first is not None:
                query = _rows_query(tenant_id, first, keys, after, limit=limit)
                found += [(0, r) for r in (await session.execute(query)).all()]
            after = None
        if len(found) < limit:
            query = _rows_query(tenant_id, rest, keys, after, limit=limit - len(found))
            found += [(1, r) for r in (await session.execute(query)).all()]
    else:
        offset = (page - 1) * page_size
        if first is not None:
            top = (await session.execute(_rows_query(tenant_id, first, keys, None))).all()
            found += [(0, r) for r in top[offset : offset + limit]]
            offset = max(0, offset - len(top))
        if len(found) < limit:
            query = _rows_query(tenant_id, rest, keys, None, offset, limit - len(found))
            found += [(1, r) for r in (await session.execute(query)).all()]
    return found


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
    where, quick = await selection_and_quick(session, ctx, selection, fields, None)
    keys = sort_keys(sort, sortable_columns(fields, env), None)
    ranked = quick is not None and quick.exact is not None and not sort
    exact: list[uuid.UUID] = []
    if ranked and quick is not None and quick.exact is not None:
        exact = list(
            await session.scalars(select(Customer.id).where(where, quick.exact).limit(100))
        )
    fingerprint = cursor_fingerprint(
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
    async with _planned(session, _plan_of(quick)):
        found = await _page(session, ctx.tenant_id, keys, ranked, first, rest, cursor, page,
                            page_size, fingerprint)  # fmt: skip
    more = len(found) > page_size
    found = found[:page_size]
    seen = (page - 1) * page_size + len(found)
    next_cursor = None
    if more and found:
        rank, last = found[-1]
        values = [last[i + 1] for i in range(len(keys))]
        next_cursor = encode_cursor([rank, *values] if ranked else values, fingerprint)
    total, estimate = None, False
    known = quick_total(selection, quick)
    if with_total and not cursor:
        if found or page == 1:
            total, estimate = await page_total(session, where, seen, more, known)
        else:  # past the end: count what there is
            total, estimate = await match_total(session, where, 0, known)
    return SearchResult([r[0] for _, r in found], total, next_cursor, estimate, more)
