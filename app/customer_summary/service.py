"""Customer 360: the record, aggregates, RFM, active vouchers, last transactions, history."""

import uuid

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.audit import service as audit
from app.audit.models import AuditEvent
from app.core.pagination import PageParams
from app.customers import service as customers
from app.customers.models import Customer
from app.customers.schemas import CustomerOut, HistoryEntry
from app.transactions import service as transactions
from app.transactions.schemas import TransactionOut
from app.vouchers import service as vouchers
from app.vouchers.schemas import VoucherOut

ACTIVE_VOUCHERS = 20
LAST_TRANSACTIONS = 10
RECENT_HISTORY = 10


class CustomerSummary(BaseModel):
    customer: CustomerOut
    active_vouchers: list[VoucherOut]
    last_transactions: list[TransactionOut]
    recent_history: list[HistoryEntry]


async def customer_summary(
    session: AsyncSession, tenant_id: uuid.UUID, customer_id: uuid.UUID
) -> CustomerSummary:
    """Everything the profile page shows, in a handful of indexed queries."""
    # populate_existing: the aggregates are moved by SQL UPDATEs, never through the ORM.
    customer = await session.scalar(
        select(Customer)
        .where(Customer.tenant_id == tenant_id, Customer.id == customer_id)
        .execution_options(populate_existing=True)
    )
    if customer is None:
        raise customers.CustomerNotFound(f"No customer {customer_id}.")
    out = (await customers.to_out(session, tenant_id, [customer]))[0]
    active, _ = await vouchers.list_vouchers(
        session, tenant_id, PageParams(page=1, page_size=ACTIVE_VOUCHERS),
        status="active", customer_id=customer_id,
    )  # fmt: skip
    recent, _ = await transactions.list_customer_transactions(
        session, tenant_id, customer_id, PageParams(page=1, page_size=LAST_TRANSACTIONS)
    )
    history = await session.scalars(
        audit.customer_history_query(tenant_id, customer_id, customer.import_id)
        .order_by(AuditEvent.id.desc())
        .limit(RECENT_HISTORY)
    )
    return CustomerSummary(
        customer=out,
        active_vouchers=[VoucherOut.model_validate(v) for v in active],
        last_transactions=[TransactionOut.model_validate(t) for t in recent],
        recent_history=[HistoryEntry.model_validate(h) for h in history],
    )
