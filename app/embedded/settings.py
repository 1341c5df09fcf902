"""The two ways an embedded PostgreSQL runs.

- `durable` (`make run`, `make bench`, `kartoteka run`): what a small shop may run Kartoteka
  on, and what the figures in docs/benchmarks.md come from. A committed write survives a
  crash or a power cut (fsync, full-page writes, synchronous commit), and memory is sized
  from the machine the way the README recommends for any server.
- `throwaway` (`make test`): a database that is deleted after the run, so durability is
  traded for speed (CREATE DATABASE and migrations per test worker).
"""

import os
from pathlib import Path
from typing import Literal, get_args

Profile = Literal["durable", "throwaway"]
PROFILES: tuple[str, ...] = get_args(Profile)
# Exported to the command `run_with_services` runs when it embeds PostgreSQL.
PROFILE_VARIABLE = "EMBEDDED_POSTGRES_PROFILE"

_MIB = 1024 * 1024
# Both: local TCP only (our asyncpg URLs need TCP); room for API, worker and test workers.
_COMMON = {"unix_socket_directories": "", "max_connections": "200"}
_THROWAWAY = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def machine_memory_bytes() -> int:
    """Physical memory, or the cgroup's limit when a container sets a smaller one."""
    physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    try:
        limit = Path("/sys/fs/cgroup/memory.max").read_text().strip()
    except OSError:
        return physical
    return min(physical, int(limit)) if limit.isdigit() else physical


def durable_settings(memory_bytes: int) -> dict[str, str]:
    """Production-like settings for a server that has this machine mostly to itself.

    The usual starting point (PostgreSQL wiki "Tuning Your PostgreSQL Server", pgtune):
    shared buffers a quarter of memory, the planner told that three quarters may be cached,
    maintenance memory for index builds and VACUUM, and checkpoints spaced out for bulk imports.
    """
    mib = memory_bytes // _MIB
    return {
        "fsync": "on",
        "full_page_writes": "on",
        "synchronous_commit": "on",
        "shared_buffers": f"{max(128, mib // 4)}MB",
        "effective_cache_size": f"{max(256, mib * 3 // 4)}MB",
        "maintenance_work_mem": f"{min(2048, max(64, mib // 16))}MB",
        "work_mem": f"{min(64, max(4, mib // 512))}MB",
        "max_wal_size": "4GB",
        "checkpoint_timeout": "15min",
        "checkpoint_completion_target": "0.9",
        # Full-page images are written uncompressed: `on` means pglz, which cost more CPU than
        # the writes it saved. Bulk tagging rewrites rows all over the table, and after a
        # checkpoint each page's first change is logged whole: 5,000 customers took 2.4-2.9 s
        # with pglz and 1.0-1.1 s without (twice the WAL, 145 MB). lz4 or zstd would be the
        # better choice on a server built with them; the embedded one is built without.
        "wal_compression": "off",
        # SSDs: random reads cost little more than sequential ones.
        "random_page_cost": "1.1",
        "effective_io_concurrency": "200",
        # After a restart, the blocks that were cached are read back in the background
        # (pg_prewarm's autoprewarm, listed every 5 minutes and at shutdown): without it the
        # first searches after an upgrade or a reboot read every index page from disk again.
        "shared_preload_libraries": "pg_prewarm",
        "pg_prewarm.autoprewarm": "on",
    }


def postgres_settings(profile: Profile, memory_bytes: int | None = None) -> dict[str, str]:
    """The `-c` settings an embedded PostgreSQL starts with under `profile`."""
    if profile == "throwaway":
        return {**_COMMON, **_THROWAWAY}
    return {**_COMMON, **durable_settings(memory_bytes or machine_memory_bytes())}
