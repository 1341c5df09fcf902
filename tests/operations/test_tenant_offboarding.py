"""A tenant leaves: its archive holds everything, and afterwards nothing of it is anywhere.

Real committed rows (the services, as the API writes them), a real upload on disk and real
Redis keys of every kind Kartoteka writes; then every table, the upload directory and Redis
are scanned for the tenant.
"""

import csv
import io
import json
import os
import uuid
import zipfile
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path

import asyncpg
import pytest
from arq import create_pool
from arq.connections import RedisSettings
from redis.asyncio import Redis
from sqlalchemy.engine import make_url

from app.auth import service as auth_service
from app.core.config import get_settings
from app.core.context import SYSTEM, Context
from app.core.db import unit_of_work
from app.exports import slots
from app.imports import service as imports_service
from app.operations.tenants import (
    OffboardingError,
    delete_tenant,
    export_tenant,
    tenant_tables,
)
from app.tenants import service as tenants_service
from app.transactions import service as transactions_service
from app.transactions.schemas import TransactionIn
from app.vouchers import service as vouchers_service
from app.vouchers.schemas import VoucherCreate
from tests.factories import create_customer

EMAIL = "zofia.leaving@example.pl"


def _dsn() -> str:
    # As the owner: what is left of a tenant is counted past row security.
    url = make_url(get_settings().owner_database_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _make_tenant(slug: str) -> uuid.UUID:
    """A tenant with a user, a key, a customer, a voucher, a purchase and an upload."""
    async with unit_of_work() as session:
        tenant = await tenants_service.create_tenant(session, slug, name=f"Salon {slug}")
        ctx = Context(tenant=tenants_service.info(tenant), principal=SYSTEM)
        await auth_service.create_user(
            session, tenant.id, email=f"owner@{slug}.pl", role="owner", password="pw-123456789"
        )
        await auth_service.create_api_key(
            session, tenant.id, name="till", scopes=["customers:read"], created_by="tests"
        )
        customer = await create_customer(session, ctx, email=EMAIL, phone="600123456")
        await vouchers_service.create_voucher(
            session, ctx, VoucherCreate(value=Decimal(50), customer_id=customer.id)
        )
        await transactions_service.record_transaction(
            session, ctx, TransactionIn(customer={"id": customer.id}, amount=Decimal("129.90"))
        )
        upload = f"Imię;E-mail\nZofia;{EMAIL}\n".encode()
        await imports_service.create_import(
            session, ctx, "klienci.csv", _chunks(upload), limit=1_000_000
        )
        return tenant.id


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    client = Redis.from_url(os.environ["REDIS_URL"])
    yield client
    await client.aclose()


async def _seed_redis(redis: Redis, tenant_id: uuid.UUID) -> None:
    """One key of each kind the app writes about a tenant."""
    await redis.set(f"idem:{tenant_id}:user:{uuid.uuid4()}:abc", b'{"status": 201}', ex=600)
    await slots.acquire(redis, tenant_id)
    arq = await create_pool(RedisSettings.from_dsn(os.environ["REDIS_URL"]))
    try:
        await arq.enqueue_job(
            "run_bulk_job", job_id=f"offboard-{tenant_id}-x", job_uuid="j", tenant_id=str(tenant_id)
        )
        await arq.enqueue_job("run_bulk_job", tenant_id=str(tenant_id))
    finally:
        await arq.aclose()


async def _rows_of(tenant_id: uuid.UUID) -> dict[str, int]:
    conn = await asyncpg.connect(_dsn())
    try:
        counts = {
            t: await conn.fetchval(f"SELECT count(*) FROM {t} WHERE tenant_id = $1", tenant_id)
            for t in await tenant_tables(conn)
        }
        counts["tenants"] = await conn.fetchval(
            "SELECT count(*) FROM tenants WHERE id = $1", tenant_id
        )
        return counts
    finally:
        await conn.close()


async def _redis_mentions(redis: Redis, tenant_id: uuid.UUID) -> list[bytes]:
    mark = str(tenant_id).encode()
    found = []
    async for key in redis.scan_iter(count=1000):
        kind = await redis.type(key)
        if mark in key:
            found.append(key)
        elif kind == b"string" and mark in (await redis.get(key) or b""):
            found.append(key)
        elif kind == b"zset" and any(mark in m for m in await redis.zrange(key, 0, -1)):
            found.append(key)
    return found


@pytest.fixture
async def leaving(database: str) -> AsyncIterator[uuid.UUID]:
    tenant_id = await _make_tenant(f"leaving-{uuid.uuid4().hex[:8]}")
    yield tenant_id
    conn = await asyncpg.connect(_dsn())
    try:
        await conn.execute("DELETE FROM tenants WHERE id = $1", tenant_id)
    finally:
        await conn.close()


@pytest.fixture
async def staying(database: str) -> AsyncIterator[uuid.UUID]:
    tenant_id = await _make_tenant(f"staying-{uuid.uuid4().hex[:8]}")
    yield tenant_id
    conn = await asyncpg.connect(_dsn())
    try:
        await conn.execute("DELETE FROM tenants WHERE id = $1", tenant_id)
    finally:
        await conn.close()


async def _slug(tenant_id: uuid.UUID) -> str:
    conn = await asyncpg.connect(_dsn())
    try:
        return str(await conn.fetchval("SELECT slug FROM tenants WHERE id = $1", tenant_id))
    finally:
        await conn.close()


class TestExport:
    async def test_the_archive_holds_every_table_and_upload_with_a_manifest(
        self, leaving: uuid.UUID, staying: uuid.UUID, tmp_path: Path
    ) -> None:
        target = tmp_path / "leaving.zip"
        archive = await export_tenant(await _slug(leaving), target)

        rows = await _rows_of(leaving)
        assert archive.tables == rows  # every tenant table, each with all its rows
        assert rows["customers"] == 1 and rows["transactions"] == 1 and rows["vouchers"] == 1
        with zipfile.ZipFile(target) as zf:
            manifest = json.loads(zf.read("manifest.json"))
            assert manifest["tables"] == rows
            assert set(manifest["sha256"]) == {f"tables/{t}.csv" for t in rows} | set(
                archive.uploads
            )
            customers = list(csv.DictReader(io.StringIO(zf.read("tables/customers.csv").decode())))
            assert [c["email"] for c in customers] == [EMAIL]
            assert len(archive.uploads) == 1
            assert EMAIL.encode() in zf.read(archive.uploads[0])
            # Nothing of the tenant that stays.
            everything = b"".join(zf.read(n) for n in zf.namelist())
            assert str(staying).encode() not in everything
        assert not (tmp_path / "leaving.zip.partial").exists()

    async def test_an_unknown_tenant_writes_nothing(self, database: str, tmp_path: Path) -> None:
        with pytest.raises(OffboardingError):
            await export_tenant("nobody-here", tmp_path / "x.zip")
        assert list(tmp_path.iterdir()) == []  # noqa: ASYNC240


class TestDelete:
    async def test_afterwards_no_table_file_or_redis_key_holds_the_tenant(
        self, leaving: uuid.UUID, staying: uuid.UUID, redis: Redis
    ) -> None:
        await _seed_redis(redis, leaving)
        await _seed_redis(redis, staying)
        uploads = get_settings().upload_dir / str(leaving)
        assert any(uploads.iterdir())
        assert await _redis_mentions(redis, leaving)

        done = await delete_tenant(await _slug(leaving), await _slug(leaving), redis)

        assert done.rows > 0 and done.files == 1 and done.redis_keys >= 4
        assert set((await _rows_of(leaving)).values()) == {0}
        assert not uploads.exists()
        assert await _redis_mentions(redis, leaving) == []
        # The tenant that stays keeps everything.
        kept = await _rows_of(staying)
        assert kept["customers"] == kept["transactions"] == kept["tenants"] == 1
        assert any((get_settings().upload_dir / str(staying)).iterdir())
        assert await _redis_mentions(redis, staying)
        for key in await _redis_mentions(redis, staying):
            await redis.delete(key)

    async def test_a_wrong_confirmation_deletes_nothing(
        self, leaving: uuid.UUID, redis: Redis
    ) -> None:
        with pytest.raises(OffboardingError, match="confirm"):
            await delete_tenant(await _slug(leaving), "something-else", redis)
        assert (await _rows_of(leaving))["customers"] == 1
