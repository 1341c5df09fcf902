"""`kartoteka backup` and `restore`: a round trip through pg_dump on the real server."""

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from app.cli import cli
from app.core.db import unit_of_work
from app.operations.backup import BackupError, backup, restore
from app.tenants import service as tenants_service
from tests.conftest import TEST_OWNER_URL  # backups and restores run as the owner


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture
async def committed_tenant(database: str) -> AsyncIterator[str]:
    slug = f"backup-{uuid.uuid4().hex[:8]}"
    async with unit_of_work() as session:
        await tenants_service.create_tenant(session, slug, name="Salon Łódź")
    yield slug
    conn = await asyncpg.connect(_dsn(TEST_OWNER_URL))
    try:
        await conn.execute("DELETE FROM tenants WHERE slug = $1", slug)
    finally:
        await conn.close()


@pytest.fixture
async def scratch_url(database: str) -> AsyncIterator[str]:
    name = f"kt_restore_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = await asyncpg.connect(_dsn(TEST_OWNER_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        yield make_url(TEST_OWNER_URL).set(database=name).render_as_string(hide_password=False)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


async def _fetch(url: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(_dsn(url))
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


class TestRoundTrip:
    async def test_a_restored_backup_has_the_schema_and_the_data(
        self, database: str, committed_tenant: str, scratch_url: str, tmp_path: Path
    ) -> None:
        file = tmp_path / "kartoteka.dump"
        backup(TEST_OWNER_URL, file)
        restore(scratch_url, file)

        rows = await _fetch(
            scratch_url, "SELECT name FROM tenants WHERE slug = $1", committed_tenant
        )
        assert [r["name"] for r in rows] == ["Salon Łódź"]
        source = await _fetch(TEST_OWNER_URL, "SELECT version_num FROM alembic_version")
        restored = await _fetch(scratch_url, "SELECT version_num FROM alembic_version")
        assert restored == source

    async def test_restore_replaces_what_changed_since_the_backup(
        self, database: str, committed_tenant: str, scratch_url: str, tmp_path: Path
    ) -> None:
        file = tmp_path / "kartoteka.dump"
        backup(TEST_OWNER_URL, file)
        restore(scratch_url, file)
        await _fetch(
            scratch_url, "UPDATE tenants SET name = 'changed' WHERE slug = $1", committed_tenant
        )

        restore(scratch_url, file)

        rows = await _fetch(
            scratch_url, "SELECT name FROM tenants WHERE slug = $1", committed_tenant
        )
        assert [r["name"] for r in rows] == ["Salon Łódź"]

    async def test_a_broken_backup_leaves_the_database_as_it_was(
        self, database: str, committed_tenant: str, scratch_url: str, tmp_path: Path
    ) -> None:
        good, broken = tmp_path / "good.dump", tmp_path / "broken.dump"
        backup(TEST_OWNER_URL, good)
        restore(scratch_url, good)
        data = good.read_bytes()
        broken.write_bytes(data[: len(data) // 2])

        with pytest.raises(BackupError, match="pg_restore failed"):
            restore(scratch_url, broken)

        rows = await _fetch(
            scratch_url, "SELECT name FROM tenants WHERE slug = $1", committed_tenant
        )
        assert [r["name"] for r in rows] == ["Salon Łódź"]

    def test_a_failed_backup_leaves_no_file(self, tmp_path: Path) -> None:
        target = tmp_path / "nothing.dump"
        url = "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"
        with pytest.raises(BackupError):
            backup(url, target)
        assert list(tmp_path.iterdir()) == []


class TestCommand:
    def test_restore_asks_for_confirmation(self, tmp_path: Path) -> None:
        result = CliRunner().invoke(cli, ["restore", str(tmp_path / "x.dump")])
        assert result.exit_code == 2
        assert "--yes" in result.output

    def test_backup_writes_the_file_it_names(self, database: str, tmp_path: Path) -> None:
        target = tmp_path / "cli.dump"
        result = CliRunner().invoke(cli, ["backup", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
        assert target.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
