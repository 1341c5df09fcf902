import uuid

from fastapi import APIRouter, Request, Response, status

from app.auth.deps import CustomersRead, VouchersScope
from app.core.deps import SessionDep, read_connection
from app.core.errors import responses
from app.core.pagination import Page, PageDep
from app.customers.service import CustomerNotFound
from app.customers.service import get_customer as get_customer_row
from app.loyalty import service as loyalty
from app.transactions import service
from app.transactions.schemas import (
    BatchItemResult,
    LocationIn,
    LocationOut,
    TransactionBatchIn,
    TransactionBatchOut,
    TransactionIn,
    TransactionOut,
    TransactionRecorded,
)

router = APIRouter(tags=["transactions"])
locations_router = APIRouter(prefix="/locations", tags=["locations"])

_RECORD_ERRORS = (
    CustomerNotFound,
    *loyalty.TRANSACTION_ERRORS,
    service.CustomerAmbiguous,
    service.UnknownLocation,
    service.CurrencyMismatch,
)


@router.post(
    "/transactions",
    response_model=TransactionRecorded,
    status_code=status.HTTP_201_CREATED,
    responses={
        200: {"model": TransactionRecorded, "description": "A replay of a known external_ref"},
        **responses(*_RECORD_ERRORS),
    },
)
async def record_transaction(
    body: TransactionIn,
    request: Request,
    session: SessionDep,
    ctx: VouchersScope,
    response: Response,
) -> TransactionRecorded:
    """Record a purchase or refund from the till or the shop; a known external_ref is a no-op (200)."""
    row, replayed, result = await service.record_sale(
        session, lambda: read_connection(request), ctx, body
    )
    if replayed:
        response.status_code = status.HTTP_200_OK
    return TransactionRecorded(**row.model_dump(), replayed=replayed, loyalty=result)


@router.post("/transactions/batch", response_model=TransactionBatchOut)
async def record_transaction_batch(
    body: TransactionBatchIn, session: SessionDep, ctx: VouchersScope
) -> TransactionBatchOut:
    """Ingest up to 1,000 transactions (nightly sync); each line succeeds or fails on its own."""
    results: list[BatchItemResult] = await service.record_batch(session, ctx, body)
    return TransactionBatchOut(**service.batch_counts(results), results=results)


@router.get(
    "/customers/{customer_id:uuid}/transactions",
    response_model=Page[TransactionOut],
    responses=responses(CustomerNotFound),
)
async def customer_transactions(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead, paging: PageDep
) -> Page[TransactionOut]:
    """The customer's purchases and refunds, newest first."""
    await get_customer_row(session, ctx.tenant_id, customer_id)
    rows, total = await service.list_customer_transactions(
        session, ctx.tenant_id, customer_id, paging
    )
    return Page(
        items=[TransactionOut.model_validate(t) for t in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@locations_router.get("", response_model=list[LocationOut])
async def list_locations(session: SessionDep, ctx: CustomersRead) -> list[LocationOut]:
    """Every point of sale of the tenant, by code."""
    return [
        LocationOut.model_validate(x) for x in await service.list_locations(session, ctx.tenant_id)
    ]


@locations_router.post(
    "",
    response_model=LocationOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(service.LocationExists),
)
async def create_location(body: LocationIn, session: SessionDep, ctx: VouchersScope) -> LocationOut:
    """Add a point of sale; the till sends its code with transactions and redemptions."""
    return LocationOut.model_validate(await service.create_location(session, ctx, body))
