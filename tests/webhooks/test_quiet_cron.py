"""The dispatcher's every-second cron leaves arq's per-run lines out of the log, and says in
its own line what it delivered; other jobs keep arq's lines."""

import asyncio
import contextlib
import logging
import os
import uuid

import pytest
from arq import create_pool
from arq.connections import RedisSettings
from arq.worker import Worker
from structlog.testing import capture_logs

from app.core.context import Context
from app.core.db import unit_of_work
from app.core.job_logs import QuietJobs, quiet_jobs
from app.customers import service as customers
from app.customers.schemas import CustomerFields
from app.webhooks import jobs as webhooks_jobs
from app.webhooks import service
from app.webhooks.schemas import WebhookIn
from tests.webhooks.conftest import Receiver


def _arq_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "arq.worker"]


def _finished(caplog: pytest.LogCaptureFixture, job: str) -> bool:
    """Whether arq has logged the end ("← name") of a run of `job`."""
    return any("← " in line and job in line for line in _arq_lines(caplog))


class TestQuietCron:
    async def test_the_cron_runs_without_arq_lines_and_logs_its_deliveries(
        self, system_ctx: Context, receiver: Receiver, caplog: pytest.LogCaptureFixture
    ) -> None:
        async with unit_of_work(tenant_id=system_ctx.tenant_id) as s:
            await service.create_endpoint(
                s, system_ctx, WebhookIn(url=receiver.url, events=["customer.created"])
            )
            await customers.create_customer(
                s, system_ctx, CustomerFields(first_name="Cicha", email=f"c{uuid.uuid4().hex[:6]}@example.pl")
            )  # fmt: skip
        settings = RedisSettings.from_dsn(os.environ["REDIS_URL"])
        queue = f"kt-test-{uuid.uuid4().hex}"
        pool = await create_pool(settings, default_queue_name=queue)
        # A job that is not quiet, run by the same worker after the cron's first run: its
        # lines stay. Between the cron's first run (at start) and its third (at 2 s): the first
        # must have claimed the delivery by then, on a busy machine too.
        await pool.enqueue_job(
            webhooks_jobs.DISPATCH_TENANT_JOB, str(system_ctx.tenant_id), _defer_by=1.5
        )
        worker = Worker(
            functions=webhooks_jobs.FUNCTIONS,
            cron_jobs=webhooks_jobs.CRON_JOBS,
            poll_delay=0,
            redis_settings=settings,
            queue_name=queue,
            handle_signals=False,
        )
        # As the worker's start-up does (app/worker.py): the clients are ready before the cron.
        webhooks_jobs.open_client(worker.ctx)
        quiet_jobs(webhooks_jobs.QUIET_JOBS)
        try:
            with caplog.at_level(logging.INFO, logger="arq"), capture_logs() as logs:
                running = asyncio.create_task(worker.main())
                # Until the tenant's job has run and the cron at least three times (every
                # second): waited for, not counted on in a burst, however busy the machine is.
                async with asyncio.timeout(60):
                    # arq exposes counters and lines, not events, to wait on.
                    while worker.jobs_complete < 4 or not _finished(caplog, "dispatch_tenant"):  # noqa: ASYNC110
                        await asyncio.sleep(0.05)
                running.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await running
        finally:
            logging.getLogger("arq.worker").filters.clear()
            await webhooks_jobs.close_client(worker.ctx)
            await worker.close()
            await pool.delete(queue)
            await pool.aclose()
        lines = _arq_lines(caplog)
        runs = [line for line in lines if "→ " in line or "← " in line]
        assert worker.jobs_failed == 0
        assert len(receiver.requests) == 1
        assert not [line for line in runs if "cron:dispatch_webhooks" in line]
        assert len([line for line in runs if "dispatch_tenant_webhooks" in line]) == 2
        # The cron's first run delivered it and said so; the later runs, with nothing of this
        # test's to send, log nothing (unless an earlier test left a delivery due: the cron
        # scans every tenant of the database).
        dispatched = [e for e in logs if e["event"] == "webhooks.dispatched"]
        assert dispatched[0]["delivered"] >= 1
        assert len(dispatched) < 3

    def test_failures_and_other_lines_of_a_quiet_job_pass(self) -> None:
        quiet = QuietJobs({"cron:dispatch_webhooks"})

        def record(level: int, msg: str, *args: object) -> logging.LogRecord:
            return logging.LogRecord("arq.worker", level, __file__, 1, msg, args, None)

        name = "cron:dispatch_webhooks"
        assert not quiet.filter(record(logging.INFO, "%6.2fs → %s(%s)%s", 0.0, name, "", ""))
        assert not quiet.filter(record(logging.INFO, "%6.2fs ← %s ● %s", 0.0, name, "{}"))
        assert quiet.filter(record(logging.ERROR, "%6.2fs ! %s failed, %s: %s", 0.0, name, "E", "x"))  # fmt: skip
        assert quiet.filter(record(logging.INFO, "%6.2fs → %s(%s)%s", 0.0, "cron:other", "", ""))
