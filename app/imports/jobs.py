"""The import's arq jobs, one module a phase: `preview` (read and validate every row into
staging), `commit` (write them), `revert` (undo them), `recover` (a dead job's import handed
on, or given up); `running` is how each of them runs (lock, units of work, heartbeat)."""

from arq.worker import func as job_func

from app.imports.commit import commit_import
from app.imports.preview import preview_import
from app.imports.recover import discard_import, recover_stalled_imports
from app.imports.revert import revert_import

__all__ = ["FUNCTIONS", "recover_stalled_imports"]

# Listed by app/worker.py, which also runs `recover_stalled_imports` in its sweeper cron.
FUNCTIONS = [
    job_func(preview_import, timeout=3600, max_tries=5),
    job_func(commit_import, timeout=3600, max_tries=5),
    job_func(revert_import, timeout=3600, max_tries=5),
    job_func(discard_import, timeout=3600, max_tries=5),
]
