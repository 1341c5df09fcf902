"""Voucher jobs: the hourly expiry cron, and issuing to a large selection as a bulk job."""

from typing import Any

from arq import func
from arq.cron import cron

from app.core import tenancy
from app.core.db import unit_of_work
from app.vouchers import service


async def expire_vouchers(ctx: dict[str, Any]) -> int:
    """Tenant by tenant (`tenancy.all_tenant_ids`), each in its own transaction with its
    tenant set."""
    async with unit_of_work() as session:
        tenant_ids = await tenancy.all_tenant_ids(session)
    expired = 0
    for tenant_id in tenant_ids:
        async with unit_of_work(tenant_id=tenant_id) as session:
            expired += await service.expire_vouchers(session, tenant_id)
    return expired


# Listed by app/worker.py. `POST /vouchers/issue` over more than `bulk.SYNC_LIMIT` customers
# runs in the bulk job, as the chunk action `service.issue_chunk` (wired there too).
FUNCTIONS = [func(expire_vouchers, timeout=600, max_tries=3)]
CRON_JOBS = [cron(expire_vouchers, minute={5}, unique=True, timeout=600)]
