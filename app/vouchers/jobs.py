"""Voucher jobs: the hourly expiry cron, and issuing to a large selection as a bulk job."""

from typing import Any

from arq import func
from arq.cron import cron

from app.core.db import unit_of_work
from app.vouchers import service


async def expire_vouchers(ctx: dict[str, Any]) -> int:
    async with unit_of_work() as session:
        return await service.expire_vouchers(session)


# Listed by app/worker.py. `POST /vouchers/issue` over more than `bulk.SYNC_LIMIT` customers
# runs in the bulk job, as the chunk action `service.issue_chunk` (wired there too).
FUNCTIONS = [func(expire_vouchers, timeout=600, max_tries=3)]
CRON_JOBS = [cron(expire_vouchers, minute={5}, unique=True, timeout=600)]
