"""0012_redemption_ref on data that already has a reference twice on one voucher."""

import asyncio
import uuid
from collections.abc import Iterator

import asyncpg
import pytest
from alembic import command
from sqlalchemy.engine import make_url

from app.cli import alembic_config
from tests.conftest import BASE_DATABASE_URL, TEST_DB

BEFORE, AFTER = "0011_child_tenant_fks", "0012_redemption_ref"
TENANT, VOUCHER = uuid.uuid4(), uuid.uuid4()


def _dsn(database: str) -> str:
    url = make_url(BASE_DATABASE_URL).set(drivername="postgresql", database=database)
    return url.render_as_string(hide_password=False)


async def _admin(sql: str) -> None:
    conn = await asyncpg.connect(_dsn(make_url(BASE_DATABASE_URL).database or "postgres"))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def _sql(database: str, sql: str, *args: object) -> list[asyncpg.Record]:
    conn = await asyncpg.connect(_dsn(database))
    try:
        return await conn.fetch(sql, *args)
    finally:
        await conn.close()


@pytest.fixture
def scratch() -> Iterator[str]:
    """A database of its own: the shared test database stays at head."""
    name = f"{TEST_DB}_mig"
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    yield name
    asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _redemptions(database: str) -> list[str | None]:
    rows = asyncio.run(
        _sql(database, "SELECT transaction_ref FROM voucher_redemptions ORDER BY redeemed_at")
    )
    return [r[0] for r in rows]


class TestRedemptionRefMigration:
    def test_duplicates_are_kept_and_renamed_then_the_index_holds(self, scratch: str) -> None:
        url = make_url(BASE_DATABASE_URL).set(database=scratch)
        config = alembic_config(url.render_as_string(hide_password=False))
        command.upgrade(config, BEFORE)
        long_ref = "R" * 200
        refs = ["POS-1", "POS-1", "POS-2", None, None, "POS-1", long_ref, long_ref]
        # Without the tenant and voucher rows (replica role: no foreign-key triggers).
        insert = """
            SET session_replication_role = replica;
            INSERT INTO voucher_redemptions (id, tenant_id, voucher_id, amount, transaction_ref,
                                             redeemed_at)
            SELECT gen_random_uuid(), $1, $2, 10, ref, now() + n * interval '1 second'
            FROM unnest($3::text[]) WITH ORDINALITY AS t(ref, n)
        """
        asyncio.run(_multi(scratch, insert, TENANT, VOUCHER, refs))
        command.upgrade(config, AFTER)
        assert _redemptions(scratch) == [
            "POS-1",
            "POS-1 #dup-2",
            "POS-2",
            None,
            None,
            "POS-1 #dup-3",
            long_ref,
            "R" * 180 + " #dup-2",
        ]
        with pytest.raises(asyncpg.UniqueViolationError):
            asyncio.run(_multi(scratch, insert, TENANT, VOUCHER, ["POS-2"]))
        command.downgrade(config, BEFORE)
        asyncio.run(_multi(scratch, insert, TENANT, VOUCHER, ["POS-2"]))
        command.upgrade(config, AFTER)
        assert sorted(r for r in _redemptions(scratch) if r and r.startswith("POS-2")) == [
            "POS-2",
            "POS-2 #dup-2",
        ]


async def _multi(database: str, sql: str, *args: object) -> None:
    """The setting and the insert on one connection."""
    conn = await asyncpg.connect(_dsn(database))
    try:
        setting, statement = sql.split(";", 1)
        await conn.execute(setting)
        await conn.execute(statement, *args)
    finally:
        await conn.close()
