"""Voucher expiry: an hourly cron marks vouchers past their end as expired."""

from typing import Any

from arq import func
from arq.cron import cron

from app.core.db import unit_of_work
from app.vouchers import service
from app.worker import CRON_JOBS, FUNCTIONS


async def expire_vouchers(ctx: dict[str, Any]) -> int:
    async with unit_of_work() as session:
        return await service.expire_vouchers(session)


FUNCTIONS.append(func(expire_vouchers, timeout=600, max_tries=3))
CRON_JOBS.append(cron(expire_vouchers, minute={5}, unique=True, timeout=600))
