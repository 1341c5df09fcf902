"""The embedded PostgreSQL of `make run` keeps what it committed: a real server, killed."""

import asyncio
import os
import signal
import time
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from app.embedded import service_urls
from app.embedded.postgres import preloadable
from app.embedded.settings import durable_settings, postgres_settings

GIB = 1024**3


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _postmaster_pid(data_dir: Path) -> int:
    return int((data_dir / "postgres" / "data" / "postmaster.pid").read_text().split()[0])


def _wait_gone(pid: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return
        if state == "Z":  # dead, waiting for its parent (us) to collect it
            return
        time.sleep(0.05)
    raise AssertionError(f"postgres {pid} still alive")


class TestProfiles:
    def test_durable_keeps_every_safety_setting_on(self) -> None:
        settings = postgres_settings("durable", 24 * GIB)
        assert settings["fsync"] == settings["full_page_writes"] == "on"
        assert settings["synchronous_commit"] == "on"
        # what was cached before a restart is read back (autoprewarm)
        assert settings["shared_preload_libraries"] == "pg_prewarm"

    def test_durable_memory_follows_the_machine(self) -> None:
        assert durable_settings(24 * GIB)["shared_buffers"] == "6144MB"
        assert durable_settings(24 * GIB)["effective_cache_size"] == "18432MB"
        assert durable_settings(2 * GIB)["shared_buffers"] == "512MB"
        # A tiny machine still gets PostgreSQL's own minimum sensible values.
        assert durable_settings(256 * 1024**2)["shared_buffers"] == "128MB"

    def test_only_libraries_the_build_ships_are_preloaded(self, tmp_path: Path) -> None:
        settings = postgres_settings("durable", 24 * GIB)
        (tmp_path / "lib").mkdir()
        # A build without pg_prewarm still starts: nothing is preloaded.
        assert "shared_preload_libraries" not in preloadable(settings, tmp_path)
        (tmp_path / "lib" / "pg_prewarm.so").touch()
        assert preloadable(settings, tmp_path)["shared_preload_libraries"] == "pg_prewarm"
        assert preloadable({"port": "1"}, tmp_path) == {"port": "1"}

    def test_throwaway_trades_durability_for_speed(self) -> None:
        settings = postgres_settings("throwaway")
        assert settings["fsync"] == "off"
        assert "shared_buffers" not in settings


def test_a_committed_write_survives_kill_9_of_postgres(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("REDIS_URL", "redis://unused")  # only PostgreSQL is embedded here
    data_dir = tmp_path / "data"

    async def app_role_of(url: str) -> tuple[str, bool, bool]:
        conn = await asyncpg.connect(_dsn(url))
        try:
            row = await conn.fetchrow(
                "SELECT current_user, rolsuper, rolbypassrls FROM pg_roles"
                " WHERE rolname = current_user"
            )
            return row["current_user"], row["rolsuper"], row["rolbypassrls"]
        finally:
            await conn.close()

    async def write_and_read_settings(url: str) -> dict[str, str]:
        conn = await asyncpg.connect(_dsn(url))
        try:
            await conn.execute("CREATE TABLE sales (id int PRIMARY KEY, amount numeric)")
            await conn.execute("INSERT INTO sales VALUES (1, 12.50)")  # autocommit
            return {
                name: await conn.fetchval(f"SHOW {name}")
                for name in ("fsync", "full_page_writes", "synchronous_commit")
            }
        finally:
            await conn.close()

    with service_urls(data_dir) as urls:
        assert urls.postgres_profile == "durable"
        # The app's role exists before any migration (they grant it the tables later).
        assert asyncio.run(app_role_of(urls.database_url)) == ("kartoteka_app", False, False)
        assert urls.migrations_database_url is not None
        # Tables are the owner's (the app's role may not create any).
        shown = asyncio.run(write_and_read_settings(urls.migrations_database_url))
        pid = _postmaster_pid(data_dir)
        # A crash of the whole server at once (its own process group): nothing is flushed
        # on the way out, so only what was durable at commit time can come back.
        os.killpg(pid, signal.SIGKILL)
        _wait_gone(pid)
    assert shown == {"fsync": "on", "full_page_writes": "on", "synchronous_commit": "on"}

    async def read(url: str) -> list[tuple[int, str]]:
        conn = await asyncpg.connect(_dsn(url))
        try:
            return [(r["id"], str(r["amount"])) for r in await conn.fetch("SELECT * FROM sales")]
        finally:
            await conn.close()

    with service_urls(data_dir) as urls:
        assert urls.migrations_database_url is not None
        assert asyncio.run(read(urls.migrations_database_url)) == [(1, "12.50")]
