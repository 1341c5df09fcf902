"""The dispatcher's arq jobs: a cron every second over the tenants with due deliveries, and a
job per tenant queued after a ping, a replay or a re-activation (ahead of the cron)."""

import uuid
from typing import Any

import structlog
from arq.cron import CronJob, cron

from app.webhooks.dispatcher import dispatch_all, dispatch_tenant
from app.webhooks.sending import make_client
from app.webhooks.service import DISPATCH_TENANT_JOB

log = structlog.get_logger()


def _client(ctx: dict[str, Any]) -> Any:
    if "webhooks_client" not in ctx:
        ctx["webhooks_client"] = make_client()
    return ctx["webhooks_client"]


async def dispatch_webhooks(ctx: dict[str, Any]) -> dict[str, Any]:
    """The cron: every tenant with deliveries due. arq's own lines for it are dropped
    (`QUIET_JOBS`): it runs every second; a run that sent something says so here."""
    totals = await dispatch_all(_client(ctx))
    if totals["delivered"] or totals["failed"]:
        log.info("webhooks.dispatched", **totals)
    return totals


async def dispatch_tenant_webhooks(ctx: dict[str, Any], tenant_id: str) -> dict[str, int]:
    return await dispatch_tenant(_client(ctx), uuid.UUID(tenant_id))


def open_client(ctx: dict[str, Any]) -> None:
    """At the worker's start: the first delivery does not wait for the clients to be built."""
    _client(ctx)


async def close_client(ctx: dict[str, Any]) -> None:
    client = ctx.pop("webhooks_client", None)
    if client is not None:
        await client.aclose()


assert dispatch_tenant_webhooks.__name__ == DISPATCH_TENANT_JOB
FUNCTIONS = [dispatch_tenant_webhooks]
CRON_JOBS: list[CronJob] = [
    # Deliveries are written by the outbox with every change; a second is the latency bound.
    cron(dispatch_webhooks, second=set(range(60)), unique=True, timeout=300, run_at_startup=True)
]
# arq's start and finish lines of the every-second cron are dropped (app.core.job_logs);
# its failures still show.
QUIET_JOBS = {job.name for job in CRON_JOBS}
