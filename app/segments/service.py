"""Segments: saved filters (tree, quick search, columns, sort); member counts on demand."""

import uuid
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.core.context import Context
from app.core.errors import Conflict, NotFound, ValidationFailed
from app.customers import search
from app.customers.filters.parse_text import parse_text
from app.customers.filters.registry import fields_for
from app.segments.models import Segment
from app.segments.schemas import SegmentIn, SegmentOut, SegmentPatch

MAX_SEGMENTS = 500


class SegmentNotFound(NotFound):
    code = "segment_not_found"
    title = "Segment not found"


class SegmentExists(Conflict):
    code = "segment_exists"
    title = "A segment with this name already exists"


async def get_segment(
    session: AsyncSession, tenant_id: uuid.UUID, segment_id: uuid.UUID
) -> Segment:
    segment = await session.scalar(
        select(Segment).where(Segment.tenant_id == tenant_id, Segment.id == segment_id)
    )
    if segment is None:
        raise SegmentNotFound(f"No segment {segment_id}.")
    return segment


async def resolve(
    session: AsyncSession, ctx: Context, selection: search.Selection
) -> search.Selection:
    """The selection with its segment's filter and q in it, for search to compile (404 for
    a segment that is gone); a selection without a segment is returned as it is."""
    if selection.segment_id is None or selection.segment is not None:
        return selection
    segment = await get_segment(session, ctx.tenant_id, selection.segment_id)
    return replace(selection, segment=search.SegmentFilter(filter=segment.filter, q=segment.q))


async def _canonical(session: AsyncSession, ctx: Context, values: dict[str, Any]) -> dict[str, Any]:
    """Store the tree form; check filter, q, sort and columns against the registry."""
    fields = await fields_for(session, ctx.tenant_id)
    if "filter" in values:
        # Only a filter that was given: a PATCH of the name alone keeps the segment's filter.
        raw = values["filter"]
        if isinstance(raw, str):
            raw = parse_text(raw) if raw.strip() else None
        if raw:
            search.parse_filter(raw, fields, ["body", "filter"])
        values["filter"] = raw or None
    if values.get("q"):
        search.check_q(values["q"])
    if values.get("sort"):
        search.sort_keys(
            values["sort"], search.sortable_columns(fields, search.filter_env(ctx)), None
        )
    unknown = [c for c in values.get("columns") or [] if c not in fields]
    if unknown:
        raise ValidationFailed.field(
            ["body", "columns"], "unknown_column", f"Unknown column(s): {', '.join(unknown)}."
        )
    return values


async def _check_name(
    session: AsyncSession, tenant_id: uuid.UUID, name: str, keep: uuid.UUID | None
) -> None:
    other = await session.scalar(
        select(Segment.id).where(Segment.tenant_id == tenant_id, Segment.name_key == name.lower())
    )
    if other is not None and other != keep:
        raise SegmentExists(f"There is already a segment called {name!r}.")


async def create_segment(session: AsyncSession, ctx: Context, body: SegmentIn) -> Segment:
    values = await _canonical(session, ctx, body.model_dump())
    values["description"] = values.get("description") or None
    await _check_name(session, ctx.tenant_id, body.name, None)
    count = await session.scalar(
        select(func.count()).select_from(Segment).where(Segment.tenant_id == ctx.tenant_id)
    )
    if (count or 0) >= MAX_SEGMENTS:
        raise ValidationFailed.field(
            ["body"], "too_many_segments", f"A tenant has at most {MAX_SEGMENTS} segments."
        )
    segment = Segment(
        tenant_id=ctx.tenant_id,
        name_key=body.name.lower(),
        created_by=ctx.principal.label,
        **values,
    )
    session.add(segment)
    await session.flush()
    await audit.record(
        session, ctx, "segment.created", "segment", segment.id, meta={"name": segment.name}
    )
    return segment


async def update_segment(
    session: AsyncSession, ctx: Context, segment_id: uuid.UUID, body: SegmentPatch
) -> Segment:
    segment = await get_segment(session, ctx.tenant_id, segment_id)
    values = await _canonical(session, ctx, body.model_dump(exclude_unset=True))
    if values.get("name"):
        await _check_name(session, ctx.tenant_id, values["name"], segment.id)
        segment.name_key = values["name"].lower()
    for key, value in values.items():
        if key == "name" and not value:
            continue
        if key == "description":
            value = value or None
        setattr(segment, key, value if key != "columns" else value or [])
    segment.updated_at = datetime.now(UTC)
    segment.version += 1
    await session.flush()
    await audit.record(
        session, ctx, "segment.updated", "segment", segment.id, meta={"name": segment.name}
    )
    return segment


async def delete_segment(session: AsyncSession, ctx: Context, segment_id: uuid.UUID) -> None:
    segment = await get_segment(session, ctx.tenant_id, segment_id)
    await session.delete(segment)
    await session.flush()
    await audit.record(
        session, ctx, "segment.deleted", "segment", segment_id, meta={"name": segment.name}
    )


async def list_segments(session: AsyncSession, tenant_id: uuid.UUID) -> list[Segment]:
    rows = await session.scalars(
        select(Segment).where(Segment.tenant_id == tenant_id).order_by(Segment.name_key)
    )
    return list(rows)


async def count_members(
    session: AsyncSession, ctx: Context, segment_id: uuid.UUID
) -> search.SearchTotal:
    """How many customers the segment has now: what its customer list's `total` says."""
    selection = await resolve(session, ctx, search.Selection(segment_id=segment_id))
    return await search.count_matches(session, ctx, selection)


async def to_out(
    session: AsyncSession, ctx: Context, segment: Segment, *, with_count: bool = True
) -> SegmentOut:
    """The segment; its member count only for one segment, never for a list (issue #18:
    a list of 500 segments was 500 counts for one cheap request)."""
    count = (
        await search.count(
            session,
            ctx,
            search.Selection(
                segment_id=segment.id,
                segment=search.SegmentFilter(filter=segment.filter, q=segment.q),
            ),
        )
        if with_count
        else None
    )
    return SegmentOut(
        id=segment.id,
        name=segment.name,
        description=segment.description,
        filter=segment.filter,
        q=segment.q,
        columns=list(segment.columns or []),
        sort=segment.sort,
        member_count=count,
        created_by=segment.created_by,
        created_at=segment.created_at,
        updated_at=segment.updated_at,
    )
