import uuid

from fastapi import APIRouter, status

from app.auth.deps import CustomersRead, CustomersWrite
from app.core.deps import SessionDep
from app.core.errors import responses
from app.core.pagination import PageDep
from app.customers import search
from app.customers import service as customers
from app.customers.search_schemas import CustomerCount, SearchPage
from app.segments import service
from app.segments.schemas import SegmentIn, SegmentOut, SegmentPatch

router = APIRouter(prefix="/segments", tags=["segments"])


@router.get("", response_model=list[SegmentOut])
async def list_segments(session: SessionDep, ctx: CustomersRead) -> list[SegmentOut]:
    """Every saved segment, without member counts (`GET /segments/{id}/count` each)."""
    return [
        await service.to_out(session, ctx, s, with_count=False)
        for s in await service.list_segments(session, ctx.tenant_id)
    ]


@router.get(
    "/{segment_id:uuid}/count",
    response_model=CustomerCount,
    responses=responses(service.SegmentNotFound, search.InvalidFilter),
)
async def count_segment(
    segment_id: uuid.UUID, session: SessionDep, ctx: CustomersRead
) -> CustomerCount:
    """How many customers the segment has now (its customer list's `total`)."""
    total = await service.count_members(session, ctx, segment_id)
    return CustomerCount(total=total.total, total_is_estimate=total.is_estimate)


@router.post(
    "",
    response_model=SegmentOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(service.SegmentExists, search.InvalidFilter),
)
async def create_segment(body: SegmentIn, session: SessionDep, ctx: CustomersWrite) -> SegmentOut:
    """Save a filter, quick search, columns and sort as a named segment."""
    segment = await service.create_segment(session, ctx, body)
    return await service.to_out(session, ctx, segment)


@router.get(
    "/{segment_id:uuid}", response_model=SegmentOut, responses=responses(service.SegmentNotFound)
)
async def get_segment(segment_id: uuid.UUID, session: SessionDep, ctx: CustomersRead) -> SegmentOut:
    """One segment with its live member count."""
    return await service.to_out(
        session, ctx, await service.get_segment(session, ctx.tenant_id, segment_id)
    )


@router.patch(
    "/{segment_id:uuid}",
    response_model=SegmentOut,
    responses=responses(service.SegmentNotFound, service.SegmentExists, search.InvalidFilter),
)
async def update_segment(
    segment_id: uuid.UUID, body: SegmentPatch, session: SessionDep, ctx: CustomersWrite
) -> SegmentOut:
    """Change the fields given."""
    segment = await service.update_segment(session, ctx, segment_id, body)
    return await service.to_out(session, ctx, segment)


@router.delete(
    "/{segment_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(service.SegmentNotFound),
)
async def delete_segment(segment_id: uuid.UUID, session: SessionDep, ctx: CustomersWrite) -> None:
    """Delete a segment (its customers stay)."""
    await service.delete_segment(session, ctx, segment_id)


@router.get(
    "/{segment_id:uuid}/customers",
    response_model=SearchPage,
    responses=responses(service.SegmentNotFound, search.InvalidCursor),
)
async def segment_customers(
    segment_id: uuid.UUID,
    session: SessionDep,
    ctx: CustomersRead,
    paging: PageDep,
    sort: str | None = None,
    cursor: str | None = None,
) -> SearchPage:
    """The segment's members, in its saved sort unless `sort` is given."""
    segment = await service.get_segment(session, ctx.tenant_id, segment_id)
    result = await search.search_customers(
        session,
        ctx,
        search.Selection(
            segment_id=segment_id,
            segment=search.SegmentFilter(filter=segment.filter, q=segment.q),
        ),
        sort=sort or segment.sort,
        page=paging.page,
        page_size=paging.page_size,
        cursor=cursor,
    )
    return SearchPage(
        items=await customers.to_out(session, ctx.tenant_id, result.rows),
        total=result.total,
        total_is_estimate=result.total_is_estimate,
        page=None if cursor else paging.page,
        page_size=paging.page_size,
        next_cursor=result.next_cursor,
        has_more=result.has_more,
    )
