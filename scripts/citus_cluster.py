"""A throwaway three-node Citus cluster on loopback ports, for `make test-citus` and the bench.

    python scripts/citus_cluster.py run -- CMD ARGS...

installs Citus into Debian's PostgreSQL 15 if it is missing (`build.sh` of the vendored source,
`$CITUS_SOURCE`, else `../shared/vendor/citus` beside the checkout, else /work/shared/vendor/citus),
starts a coordinator and two workers in a temporary directory, runs CMD with
`DATABASE_URL` pointing at the coordinator and `KARTOTEKA_TEST_CITUS_WORKERS` naming the workers
(tests/conftest.py then makes each test database a Citus database on all three nodes), and
stops and deletes the cluster afterwards. A real deployment installs Citus from its packages.

    python scripts/citus_cluster.py run --bench -- CMD ARGS...

is the same cluster for `make bench-citus`: durable nodes (fsync, full-page writes, synchronous
commit), each with a third of the memory the embedded server's durable profile would take
(app/embedded/settings.py), and the app connecting as its own role (`DATABASE_URL`, row-level
security applies) while migrations run as the owner (`MIGRATIONS_DATABASE_URL`). Otherwise
independent of the app: the standard library, `psql` and the PostgreSQL 15 binaries.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

PG_BIN = Path(os.environ.get("CITUS_PG_BIN", "/usr/lib/postgresql/15/bin"))
HOST = "127.0.0.1"
REPO = Path(__file__).resolve().parent.parent
# PostgreSQL refuses to run as root; Debian's package creates this account.
OS_ACCOUNT = "postgres"
NODE_SETTINGS = {
    "shared_preload_libraries": "citus",
    "listen_addresses": HOST,
    # Throwaway servers, like the suite's embedded ones: nothing has to survive a crash.
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "300",
    "shared_buffers": "128MB",
    "max_prepared_transactions": "200",
    "citus.shard_count": "8",
    # The customer triggers (consent proof, stats days) run on the shards: they only touch
    # co-located shards of the same tenant, which is what makes them safe here.
    "citus.enable_unsafe_triggers": "on",
    # A coordinator backend killed between PREPARE TRANSACTION and COMMIT PREPARED leaves its
    # prepared transactions on the workers, holding their row locks until the maintenance
    # daemon's 2PC recovery: every 60 s by default (a till post waited 37 s behind one in
    # tests/core/test_backends_killed.py); docs/scaling.md recommends the same.
    "citus.recover_2pc_interval": "2s",
    "log_min_messages": "warning",
    # A wait on a lock longer than deadlock_timeout (1 s) is logged: a stalled test then names
    # the statement it waited behind (the log's tail is printed when the command fails).
    "log_lock_waits": "on",
}
LOG_TAIL_LINES = 60


def _routine(line: str) -> bool:
    """A server log line that says nothing about a failure (start-up, checkpoints, daemons)."""
    if " LOG:  " in line:
        return "still waiting" not in line and "acquired" not in line
    return "CONTEXT:  Citus maintenance daemon" in line


def citus_source() -> Path | None:
    """The vendored Citus source: $CITUS_SOURCE, else beside the checkout, else /work/shared."""
    candidates = [os.environ.get("CITUS_SOURCE")] if os.environ.get("CITUS_SOURCE") else []
    candidates += [str(REPO.parent / "shared/vendor/citus"), "/work/shared/vendor/citus"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "build.sh").is_file():
            return Path(candidate)
    return None


def citus_installed() -> bool:
    pg_config = PG_BIN / "pg_config"
    if not pg_config.exists():
        return False
    libdir = subprocess.run(
        [str(pg_config), "--pkglibdir"], capture_output=True, text=True, check=True
    ).stdout.strip()
    return (Path(libdir) / "citus.so").exists()


def ensure_citus() -> None:
    if citus_installed():
        return
    source = citus_source()
    if source is None:
        raise SystemExit("citus: not installed and no vendored source (set CITUS_SOURCE)")
    if os.geteuid() != 0:
        raise SystemExit(f"citus: not installed; run `sudo bash {source}/build.sh` once")
    print(f"citus: building from {source} (a few minutes)", flush=True)
    subprocess.run(["bash", str(source / "build.sh")], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def bench_settings() -> tuple[dict[str, str], str]:
    """Durable settings for three servers sharing this machine (a third of its memory each),
    and the app's login role, as the embedded server has them."""
    sys.path.insert(0, str(REPO))
    from app.embedded.services import APP_ROLE
    from app.embedded.settings import durable_settings, machine_memory_bytes

    settings = durable_settings(machine_memory_bytes() // 3)
    # Citus must come first among the preloaded libraries.
    settings["shared_preload_libraries"] = f"citus,{settings['shared_preload_libraries']}"
    return settings, APP_ROLE


class Cluster:
    def __init__(self, root: Path, overrides: dict[str, str] | None = None) -> None:
        self.root = root
        self.settings = {**NODE_SETTINGS, **(overrides or {})}
        self.ports: list[int] = []
        self.account = pwd.getpwnam(OS_ACCOUNT) if os.geteuid() == 0 else None

    def _as_account(self, argv: list[str]) -> list[str]:
        return ["runuser", "-u", OS_ACCOUNT, "--", *argv] if self.account else argv

    def psql(self, port: int, sql: str, database: str = "postgres") -> str:
        argv = ["psql", "-h", HOST, "-p", str(port), "-U", "postgres", "-d", database]
        done = subprocess.run(
            [str(PG_BIN / "psql"), *argv[1:], "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"psql on {port}: {sql}: {done.stderr.strip()}")
        return done.stdout.strip()

    def start(self) -> None:
        began = time.monotonic()
        if self.account:
            os.chown(self.root, self.account.pw_uid, self.account.pw_gid)
        for name in ("coordinator", "worker1", "worker2"):
            data = self.root / name
            subprocess.run(
                self._as_account(
                    [
                        str(PG_BIN / "initdb"),
                        "-D",
                        str(data),
                        "-U",
                        "postgres",
                        "-A",
                        "trust",
                        "--locale=C.UTF-8",
                        "-E",
                        "UTF8",
                    ]
                ),
                check=True,
                capture_output=True,
            )
            port = free_port()
            options = " ".join(f"-c {k}={v}" for k, v in self.settings.items())
            options += f" -c port={port} -c unix_socket_directories={self.root}"
            subprocess.run(
                self._as_account(
                    [
                        str(PG_BIN / "pg_ctl"),
                        "-D",
                        str(data),
                        "-l",
                        str(self.root / f"{name}.log"),
                        "-o",
                        options,
                        "-w",
                        "start",
                    ]
                ),
                check=True,
                capture_output=True,
            )
            self.ports.append(port)
        for port in self.ports:
            self.psql(port, "CREATE EXTENSION citus")
        self.register("postgres")
        print(
            f"citus: coordinator {HOST}:{self.ports[0]}, workers "
            f"{', '.join(f'{HOST}:{p}' for p in self.ports[1:])} "
            f"({time.monotonic() - began:.1f}s, {self.root})",
            flush=True,
        )

    def register(self, database: str) -> None:
        coordinator, *workers = self.ports
        self.psql(
            coordinator, f"SELECT citus_set_coordinator_host('{HOST}', {coordinator})", database
        )
        for port in workers:
            self.psql(coordinator, f"SELECT citus_add_node('{HOST}', {port})", database)

    def print_log_tails(self) -> None:
        """The end of each node's server log: the errors and lock waits behind a failure."""
        for name in ("coordinator", "worker1", "worker2"):
            log = self.root / f"{name}.log"
            if not log.exists():
                continue
            lines = [
                line for line in log.read_text(errors="replace").splitlines() if not _routine(line)
            ][-LOG_TAIL_LINES:]
            print(f"citus: {name}'s log, its last {len(lines)} lines of note", flush=True)
            for line in lines:
                print(f"  {line}", flush=True)

    def stop(self) -> None:
        for name in ("coordinator", "worker1", "worker2"):
            data = self.root / name
            if (data / "postmaster.pid").exists():
                subprocess.run(
                    self._as_account(
                        [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]
                    ),
                    check=False,
                    capture_output=True,
                )


@contextlib.contextmanager
def running_cluster(overrides: dict[str, str] | None = None) -> Iterator[Cluster]:
    ensure_citus()
    root = Path(tempfile.mkdtemp(prefix="kartoteka-citus."))
    cluster = Cluster(root, overrides)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="action", required=True)
    sub.add_parser("install", help="build and install Citus if it is missing")
    run = sub.add_parser("run", help="start a cluster, run a command against it, stop it")
    run.add_argument(
        "--bench", action="store_true", help="durable nodes; the app connects as its own role"
    )
    run.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ARGS...")
    args = parser.parse_args()
    if args.action == "install":
        ensure_citus()
        return 0
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("run: a command is needed after --")
    settings, app_role = bench_settings() if args.bench else (None, None)
    with running_cluster(settings) as cluster:
        coordinator, *workers = cluster.ports
        owner = f"postgresql+asyncpg://postgres@{HOST}:{coordinator}/postgres"
        env = {
            **os.environ,
            "DATABASE_URL": owner,
            "KARTOTEKA_TEST_CITUS_WORKERS": ",".join(f"{HOST}:{p}" for p in workers),
        }
        if args.bench:
            # The migrations create the app's role and grant it the tables (row-level security).
            env["MIGRATIONS_DATABASE_URL"] = owner
            env["DATABASE_URL"] = owner.replace("//postgres@", f"//{app_role}@", 1)
        env.pop("KARTOTEKA_TEST_BASE_DATABASE_URL", None)
        began = time.monotonic()
        code = subprocess.run(command, env=env, check=False).returncode
        print(f"citus: command finished with {code} in {time.monotonic() - began:.0f}s", flush=True)
        if code != 0:
            cluster.print_log_tails()
        return code


if __name__ == "__main__":
    sys.exit(main())
