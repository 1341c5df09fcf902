"""Voucher jobs: the hourly expiry cron, and issuing to a large selection as a bulk job."""

from typing import Any

from arq import func
from arq.cron import cron

from app.bulk import service as bulk
from app.core.db import unit_of_work
from app.jobs import recovery
from app.vouchers import service
from app.worker import CRON_JOBS, FUNCTIONS


async def expire_vouchers(ctx: dict[str, Any]) -> int:
    async with unit_of_work() as session:
        return await service.expire_vouchers(session)


FUNCTIONS.append(func(expire_vouchers, timeout=600, max_tries=3))
CRON_JOBS.append(cron(expire_vouchers, minute={5}, unique=True, timeout=600))

# `POST /vouchers/issue` over more than `bulk.SYNC_LIMIT` customers runs in `run_bulk_job`.
bulk.JOB_ACTIONS[service.ISSUE_ACTION] = service.issue_chunk
recovery.RESUMERS["vouchers.issue"] = bulk.pending_run
