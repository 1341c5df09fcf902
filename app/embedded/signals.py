"""Signal handling while embedded servers run: stop them on SIGTERM/SIGHUP, finish a stop, forward to the command."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _raise_system_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def exit_on_termination() -> Iterator[None]:
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
def signals_ignored() -> Iterator[None]:
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
def forwarding_signals(child: subprocess.Popen[bytes]) -> Iterator[None]:
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
