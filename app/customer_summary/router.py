import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from app.auth.deps import CustomersRead
from app.core.deps import SessionDep
from app.core.errors import responses
from app.customer_summary.service import CustomerSummary, customer_summary
from app.customer_summary.timeline import TimelinePage, timeline
from app.customers.service import CustomerNotFound

router = APIRouter(prefix="/customers", tags=["customers"])


@router.get(
    "/{customer_id:uuid}/summary",
    response_model=CustomerSummary,
    responses=responses(CustomerNotFound),
)
async def get_customer_summary(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead
) -> CustomerSummary:
    """The profile page in one call: record, aggregates, RFM, vouchers, purchases, history."""
    return await customer_summary(session, ctx.tenant_id, customer_id)


@router.get(
    "/{customer_id:uuid}/timeline",
    response_model=TimelinePage,
    responses=responses(CustomerNotFound),
)
async def customer_timeline(
    customer_id: uuid.UUID,
    session: SessionDep,
    ctx: CustomersRead,
    cursor: Annotated[str | None, Query(max_length=200)] = None,
) -> TimelinePage:
    """The History tab: purchases, voucher events, consents, notes and changes, newest first."""
    return await timeline(session, ctx.tenant_id, customer_id, cursor)
