"""Which customers: `selection_where` is the one place that turns "filter / q / segment /
ids" into a tenant-scoped condition; search, segments, bulk actions and export all go
through it."""

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, false, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from app.core.context import Context
from app.customers.filters.ast import Node, parse_tree
from app.customers.filters.compile_sql import compile_filter, tag_names
from app.customers.filters.parse_text import parse_text
from app.customers.filters.registry import FieldDef, FilterEnv, fields_for
from app.customers.models import Customer
from app.customers.search.quick import QuickSearch, quick_search
from app.tags.models import Tag


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


async def selection_and_quick(
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
    # Given ids, a search tests their rows rather than listing the tenant's matches.
    index = selection.ids is None
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
            parts.append((await quick_search(session, segment.q, ctx, index=index)).condition)
    node = parse_filter(selection.filter, fields, loc or ["filter"])
    if node is not None:
        parts.append(await _compile(session, node, env))
    quick = None
    if selection.q:
        quick = await quick_search(session, selection.q, ctx, index=index)
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
    return (await selection_and_quick(session, ctx, selection, fields, loc))[0]
