"""Migration 0012 gives existing keys their creator and revokes those of inactive users."""

import asyncio
from collections.abc import Iterator

import asyncpg
import pytest
from alembic import command
from sqlalchemy.engine import make_url

from app.cli import alembic_config
from tests.conftest import BASE_DATABASE_URL, TEST_DB

SCRATCH_DB = f"{TEST_DB}_m0012"
TENANT = "00000000-0000-0000-0000-000000000001"


def _dsn(database: str) -> str:
    url = make_url(BASE_DATABASE_URL).set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


async def _sql(database: str, statement: str) -> list[asyncpg.Record]:
    """Rows of a query; statements without rows may come several at once."""
    conn = await asyncpg.connect(_dsn(database))
    try:
        if statement.lstrip().upper().startswith("SELECT"):
            return await conn.fetch(statement)
        await conn.execute(statement)
        return []
    finally:
        await conn.close()


@pytest.fixture
def scratch() -> Iterator[str]:
    """An empty database of its own: this test moves the schema up and down."""
    base = make_url(BASE_DATABASE_URL).database or "postgres"
    asyncio.run(_sql(base, f'DROP DATABASE IF EXISTS "{SCRATCH_DB}" WITH (FORCE)'))
    asyncio.run(_sql(base, f'CREATE DATABASE "{SCRATCH_DB}"'))
    yield make_url(BASE_DATABASE_URL).set(database=SCRATCH_DB).render_as_string(hide_password=False)
    asyncio.run(_sql(base, f'DROP DATABASE IF EXISTS "{SCRATCH_DB}" WITH (FORCE)'))


def test_existing_keys_get_their_creator(scratch: str) -> None:
    config = alembic_config(scratch)
    command.upgrade(config, "0013_job_recoveries")
    asyncio.run(
        _sql(
            SCRATCH_DB,
            f"""
            INSERT INTO tenants (id, slug, name, country, currency, timezone, locale)
            VALUES ('{TENANT}', 't1', 'T', 'PL', 'PLN', 'Europe/Warsaw', 'pl');
            INSERT INTO users (tenant_id, id, email, password_hash, role, is_active) VALUES
              ('{TENANT}', '00000000-0000-0000-0000-0000000000a1', 'live@x.pl', 'h', 'admin', true),
              ('{TENANT}', '00000000-0000-0000-0000-0000000000a2', 'gone@x.pl', 'h', 'admin', false);
            INSERT INTO api_keys (tenant_id, id, name, prefix, key_hash, scopes, created_by) VALUES
              ('{TENANT}', gen_random_uuid(), 'live', 'kt_', 'h1', '{{admin}}', 'live@x.pl'),
              ('{TENANT}', gen_random_uuid(), 'gone', 'kt_', 'h2', '{{admin}}', 'gone@x.pl'),
              ('{TENANT}', gen_random_uuid(), 'cli', 'kt_', 'h3', '{{admin}}', 'cli');
            """,
        )
    )
    command.upgrade(config, "0014_api_key_creator")
    rows = asyncio.run(
        _sql(
            SCRATCH_DB,
            "SELECT name, created_by_user_id::text AS creator, revoked_at IS NOT NULL AS revoked"
            " FROM api_keys ORDER BY name",
        )
    )
    assert [tuple(r) for r in rows] == [
        ("cli", None, False),
        ("gone", "00000000-0000-0000-0000-0000000000a2", True),
        ("live", "00000000-0000-0000-0000-0000000000a1", False),
    ]
    command.downgrade(config, "0013_job_recoveries")
    columns = asyncio.run(
        _sql(
            SCRATCH_DB,
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'api_keys'",
        )
    )
    assert "created_by_user_id" not in {c["column_name"] for c in columns}
