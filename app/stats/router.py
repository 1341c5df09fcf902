import re
import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status
from pydantic import BaseModel, BeforeValidator, Field
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.deps import AdminOnly, CustomersRead
from app.core.context import Context
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customers.filters.ast import InvalidFilter
from app.jobs.limits import TooManyJobs
from app.segments.service import SegmentNotFound
from app.stats import consents, service
from app.stats import queue as stats_queue
from app.stats.schemas import ConsentStats, Granularity, Overview, Preset
from app.transactions.service import UnknownLocation

router = APIRouter(prefix="/stats", tags=["stats"])


def _iso_day(value: object) -> object:
    # The spec says `format: date`; pydantic alone would also take "0" as a Unix timestamp.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("Use a date as YYYY-MM-DD.")
    return value


IsoDay = Annotated[date, BeforeValidator(_iso_day)]
FromQuery = Annotated[
    IsoDay | None, Query(alias="from", description="First day (custom preset), local")
]
ToQuery = Annotated[
    IsoDay | None, Query(alias="to", description="Last day, inclusive (custom preset)")
]


ExcludeImported = Annotated[
    bool,
    Query(
        description="Leave out the customers an import created (and their sales, vouchers and "
        "consents), so one import does not flatten the charts; sales without a customer stay"
    ),
]


class JobQueued(BaseModel):
    job: str = Field(description="The job's function", examples=["recompute_rfm"])
    id: uuid.UUID = Field(description="Its progress: `GET /jobs/{id}`")
    status: str = Field(examples=["queued"], description="queued or running")


@router.get(
    "/overview",
    response_model=Overview,
    responses=responses(UnknownLocation, InvalidFilter, SegmentNotFound),
)
async def stats_overview(
    session: SessionDep,
    ctx: CustomersRead,
    preset: Preset = "last_30_days",
    granularity: Granularity = "day",
    start: FromQuery = None,
    end: ToQuery = None,
    location: Annotated[str | None, Query(max_length=64, description="A location code")] = None,
    customer_filter: Annotated[
        str | None,
        Query(
            alias="filter",
            max_length=4000,
            description="Only customers matching this filter (text form), e.g. `city = Kraków`",
        ),
    ] = None,
    segment_id: Annotated[
        uuid.UUID | None, Query(description="Only customers of this segment")
    ] = None,
    exclude_imported: ExcludeImported = False,
) -> Overview:
    """New customers, revenue, transactions and vouchers over time, with the previous period."""
    return await service.overview(
        session,
        ctx,
        preset=preset,
        granularity=granularity,
        start=start,
        end=end,
        location=location,
        customer_filter=customer_filter,
        segment_id=segment_id,
        exclude_imported=exclude_imported,
    )


@router.get("/consents", response_model=ConsentStats)
async def stats_consents(
    session: SessionDep,
    ctx: CustomersRead,
    preset: Preset = "last_30_days",
    start: FromQuery = None,
    end: ToQuery = None,
    exclude_imported: ExcludeImported = False,
) -> ConsentStats:
    """Customers with each consent granted, and the grants and withdrawals in the period."""
    return await consents.consents(
        session, ctx, preset=preset, start=start, end=end, exclude_imported=exclude_imported
    )


_ALREADY_QUEUED: dict[str, Any] = {
    "model": JobQueued,
    "description": "The job already queued or running for this tenant",
}


@router.post(
    "/rfm/recompute",
    response_model=JobQueued,
    status_code=status.HTTP_202_ACCEPTED,
    responses={200: _ALREADY_QUEUED, **responses(TooManyJobs)},
)
async def recompute_rfm(session: SessionDep, ctx: AdminOnly, response: Response) -> JobQueued:
    """Recompute RFM scores and segments for this tenant now (as a job); while one is
    queued or running it is returned (200) instead of queueing another."""
    return await _queue(session, ctx, response, "recompute_rfm")


@router.post(
    "/reconcile",
    response_model=JobQueued,
    status_code=status.HTTP_202_ACCEPTED,
    responses={200: _ALREADY_QUEUED, **responses(TooManyJobs)},
)
async def reconcile(session: SessionDep, ctx: AdminOnly, response: Response) -> JobQueued:
    """Recompute every customer aggregate from the source rows and fix any drift (as a job);
    while one is queued or running it is returned (200) instead of queueing another."""
    return await _queue(session, ctx, response, "reconcile_aggregates")


async def _queue(
    session: AsyncSession, ctx: Context, response: Response, function: str
) -> JobQueued:
    job, created = await stats_queue.queue_once(session, ctx, function)
    if not created:
        response.status_code = status.HTTP_200_OK
    return JobQueued(job=function, id=job.id, status=job.status)
