from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse

from app.auth.deps import CustomersRead
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customers import duplicates, search, service
from app.customers.filters.ast import InvalidFilter
from app.customers.filters.registry import NO_VALUE_OPS, fields_for
from app.customers.search_schemas import (
    CountRequest,
    CustomerCount,
    DuplicateGroup,
    DuplicateList,
    FieldInfo,
    FieldList,
    FilterQuery,
    QuickSearchQuery,
    SearchFieldsPage,
    SearchPage,
    SearchRequest,
)

router = APIRouter(prefix="/customers", tags=["customers"])


@router.get("/fields", response_model=FieldList)
async def list_fields(session: SessionDep, ctx: CustomersRead) -> FieldList:
    """Every field you can filter and sort by, with labels, type, operators and enum values."""
    fields = await fields_for(session, ctx.tenant_id)
    return FieldList(
        items=[
            FieldInfo(
                name=f.name,
                label=f.label(ctx.locale),
                labels=dict(f.labels),
                type=f.type,
                operators=list(f.operators),
                no_value_operators=[op for op in f.operators if op in NO_VALUE_OPS],
                enum_values=list(f.enum_values) or None,
                sortable=f.sortable and f.sql is not None,
                filterable=f.filterable,
            )
            for f in fields.values()
        ]
    )


@router.post(
    "/search",
    # With `fields`, each item holds only those (and `id`).
    response_model=SearchPage | SearchFieldsPage,
    responses=responses(InvalidFilter, search.InvalidCursor),
)
async def search_customers(
    body: SearchRequest, session: SessionDep, ctx: CustomersRead
) -> SearchPage | JSONResponse:
    """Customers matching a filter (tree or text) and quick search, by page or by cursor."""
    result = await search.search_customers(
        session,
        ctx,
        search.Selection(filter=body.filter, q=body.q),
        sort=body.sort,
        page=body.page,
        page_size=body.page_size,
        cursor=body.cursor,
        with_total=body.include_total,
    )
    page = SearchPage(
        items=await service.to_out(session, ctx.tenant_id, result.rows),
        total=result.total,
        total_is_estimate=result.total_is_estimate,
        page=None if body.cursor else body.page,
        page_size=body.page_size,
        next_cursor=result.next_cursor,
        has_more=result.has_more,
    )
    if not body.fields:
        return page
    keep = {*body.fields, "id"}
    data: dict[str, Any] = page.model_dump(mode="json")
    data["items"] = [{k: v for k, v in item.items() if k in keep} for item in data["items"]]
    return JSONResponse(data)


def _count_out(count: search.SearchTotal) -> CustomerCount:
    return CustomerCount(total=count.total, total_is_estimate=count.is_estimate)


@router.get("/count", response_model=CustomerCount, responses=responses(InvalidFilter))
async def count_customers(
    session: SessionDep, ctx: CustomersRead, filter: FilterQuery = None, q: QuickSearchQuery = None
) -> CustomerCount:
    """How many customers `GET /customers` with this `filter` and `q` lists (its `total`)."""
    selection = search.Selection(filter=filter, q=q)
    return _count_out(await search.count_matches(session, ctx, selection))


@router.post("/search/count", response_model=CustomerCount, responses=responses(InvalidFilter))
async def count_search(
    body: CountRequest, session: SessionDep, ctx: CustomersRead
) -> CustomerCount:
    """How many customers `POST /customers/search` with this filter and `q` lists (its `total`)."""
    selection = search.Selection(filter=body.filter, q=body.q)
    return _count_out(await search.count_matches(session, ctx, selection))


@router.get("/duplicates", response_model=DuplicateList)
async def list_duplicates(
    session: SessionDep,
    ctx: CustomersRead,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DuplicateList:
    """Groups of likely duplicates to review: same phone, email, card or external id, or name."""
    groups = await duplicates.duplicate_groups(session, ctx, limit)
    ids = list({cid for _, _, members in groups for cid in members})
    rows = await search.search_customers(
        session,
        ctx,
        search.Selection(ids=ids),
        sort=None,
        page=1,
        page_size=max(len(ids), 1),
        with_total=False,
    )
    outs = {o.id: o for o in await service.to_out(session, ctx.tenant_id, rows.rows)}
    return DuplicateList(
        items=[
            DuplicateGroup(
                reason=reason, key=key, customers=[outs[c] for c in members if c in outs]
            )
            for reason, key, members in groups
        ]
    )
