"""After an erasure commits: what lives outside the database about the person goes too."""

import uuid
from typing import Any

import structlog
from arq.cron import CronJob, cron
from sqlalchemy import select

from app.core.db import unit_of_work
from app.imports.models import Import
from app.imports.storage import get_storage
from app.privacy.erasure import finished_import_statuses
from app.privacy.retention import purge_expired

log = structlog.get_logger()
_IDEMPOTENCY_PREFIX = "idem:"


async def scrub_erased_subject(
    ctx: dict[str, Any], tenant_id: str, customer_id: str, import_ids: list[str]
) -> dict[str, int]:
    """Drop the tenant's stored idempotent responses that mention the customer, and the
    upload files of finished imports that held the person. Safe to run again (arq retries)."""
    redis = ctx["redis"]
    needle = customer_id.encode()
    responses = 0
    async for key in redis.scan_iter(match=f"{_IDEMPOTENCY_PREFIX}{tenant_id}:*", count=500):
        body = await redis.get(key)
        if body and needle in body:
            responses += await redis.delete(key)
    files = 0
    if import_ids:
        async with unit_of_work(tenant_id=uuid.UUID(tenant_id)) as session:
            keys = list(
                await session.scalars(
                    select(Import.storage_key).where(
                        Import.tenant_id == uuid.UUID(tenant_id),
                        Import.id.in_([uuid.UUID(i) for i in import_ids]),
                        Import.status.in_(finished_import_statuses()),
                    )
                )
            )
        storage = get_storage()
        for key in keys:
            storage.delete(key)
            files += 1
    log.info("privacy.erasure_scrubbed", responses=responses, files=files)
    return {"idempotent_responses": responses, "upload_files": files}


FUNCTIONS = [scrub_erased_subject]
CRON_JOBS: list[CronJob] = [
    cron(purge_expired, hour={3}, minute={30}, unique=True, timeout=3600, run_at_startup=False)
]
