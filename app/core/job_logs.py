"""Quiet arq's per-run lines for the crons that run every second.

arq logs a start (`→`) and a finish (`←`) line at INFO for every job, with no per-function
switch (`log_results` is the worker's, and only drops the result). A cron that runs every second
and mostly finds nothing would fill the log with them, so a filter on arq's logger drops those
two lines for the names given; its failures (`!`, at ERROR), retries and everything else still
pass, and the job logs what it actually did in its own line."""

import logging
from collections.abc import Iterable

_RUN_LINES = ("%6.2fs → ", "%6.2fs ← ")


class QuietJobs(logging.Filter):
    def __init__(self, names: Iterable[str]) -> None:
        super().__init__()
        self.names = frozenset(names)

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not isinstance(record.msg, str):
            return True
        if not record.msg.startswith(_RUN_LINES):
            return True
        args = record.args
        return not (isinstance(args, tuple) and len(args) > 1 and args[1] in self.names)


def quiet_jobs(names: Iterable[str]) -> None:
    """Install the filter on arq's worker logger, once (a worker's startup may run again)."""
    logger = logging.getLogger("arq.worker")
    logger.filters = [f for f in logger.filters if not isinstance(f, QuietJobs)]
    logger.addFilter(QuietJobs(names))
