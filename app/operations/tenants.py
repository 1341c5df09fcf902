"""Offboarding a tenant: everything it holds, handed back as one archive, then deleted.

`kartoteka export-tenant SLUG FILE` writes a zip: `tables/<table>.csv` for the tenant's row
and every table that has a `tenant_id` (one consistent snapshot), `uploads/…` for its
uploaded files, and `manifest.json` (schema revision, row counts and SHA-256 of each file).
`kartoteka delete-tenant SLUG --confirm SLUG` removes the tenant's rows (every tenant table
reaches `tenants` by a cascading key; a schema test keeps it so), its uploaded files and the
Redis keys that name it or carry it (idempotent responses, export slots, queued jobs).

Both run on a database connection of their own, outside any request, with the tenant set for
row-level security where it is enabled.
"""

import hashlib
import json
import re
import shutil
import uuid
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from redis.asyncio import Redis
from sqlalchemy.engine import make_url

from app.core.config import get_settings
from app.imports.storage import get_storage

_ARQ_KEYS = ("arq:job:*", "arq:result:*", "arq:retry:*", "arq:in-progress:*")
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]*")


class OffboardingError(RuntimeError):
    """The tenant is unknown, or the confirmation does not match."""


@dataclass
class TenantArchive:
    tenant_id: uuid.UUID
    tables: dict[str, int] = field(default_factory=dict)
    uploads: list[str] = field(default_factory=list)


@dataclass
class TenantDeletion:
    tenant_id: uuid.UUID
    rows: int = 0
    files: int = 0
    redis_keys: int = 0


async def _connect() -> asyncpg.Connection:
    # As the owner: a whole tenant's export or removal reads and deletes past row security.
    dsn = make_url(get_settings().owner_database_url).set(drivername="postgresql")
    return await asyncpg.connect(dsn.render_as_string(hide_password=False))


async def tenant_tables(conn: asyncpg.Connection) -> list[str]:
    """Every table of the public schema with a `tenant_id` column, by name."""
    names = await conn.fetch(
        """SELECT c.relname FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT a.attisdropped
            ORDER BY c.relname"""
    )
    tables = [r["relname"] for r in names]
    if not all(_IDENTIFIER.fullmatch(t) for t in tables):  # names go into SQL text below
        raise OffboardingError(f"unexpected table names: {tables}")
    return tables


async def _tenant_id(conn: asyncpg.Connection, slug: str) -> uuid.UUID:
    found = await conn.fetchval("SELECT id FROM tenants WHERE slug = $1", slug)
    if found is None:
        raise OffboardingError(f"no tenant with the slug {slug!r}")
    return uuid.UUID(str(found))


async def _scope_to(conn: asyncpg.Connection, tenant_id: uuid.UUID) -> None:
    await conn.execute(
        # Offboarding works on a whole tenant: bounded, but far above the API's bound.
        "SELECT set_config('app.tenant_id', $1, true), set_config('statement_timeout', $2, true)",
        str(tenant_id),
        str(get_settings().maintenance_statement_timeout_ms),
    )


async def export_tenant(slug: str, target: Path) -> TenantArchive:
    """Write the tenant's archive to `target` (a zip), from one snapshot of the database."""
    conn = await _connect()
    partial = target.with_name(target.name + ".partial")
    try:
        tenant_id = await _tenant_id(conn, slug)
        archive = TenantArchive(tenant_id)
        digests: dict[str, str] = {}
        async with conn.transaction(isolation="repeatable_read", readonly=True):
            await _scope_to(conn, tenant_id)
            revision = await conn.fetchval(
                "SELECT string_agg(version_num, ',') FROM alembic_version"
            )
            with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf:
                queries = {"tenants": "SELECT * FROM tenants WHERE id = $1"} | {
                    t: f"SELECT * FROM {t} WHERE tenant_id = $1" for t in await tenant_tables(conn)
                }
                for table, query in queries.items():
                    digest = hashlib.sha256()
                    with zf.open(f"tables/{table}.csv", "w") as out:

                        async def write(chunk: bytes, out: Any = out, digest: Any = digest) -> None:
                            out.write(chunk)
                            digest.update(chunk)

                        status = await conn.copy_from_query(
                            query, tenant_id, output=write, format="csv", header=True
                        )
                    archive.tables[table] = int(status.split()[-1])
                    digests[f"tables/{table}.csv"] = digest.hexdigest()
                storage = get_storage()
                for key in await conn.fetch(
                    "SELECT storage_key FROM imports WHERE tenant_id = $1 ORDER BY created_at",
                    tenant_id,
                ):
                    path = storage.local_path(key["storage_key"])
                    if path.is_file():
                        name = f"uploads/{key['storage_key']}"
                        zf.write(path, name)
                        digests[name] = hashlib.sha256(path.read_bytes()).hexdigest()
                        archive.uploads.append(name)
                manifest = {
                    "tenant": {"id": str(tenant_id), "slug": slug},
                    "exported_at": datetime.now(UTC).isoformat(),
                    "schema_revision": revision,
                    "tables": archive.tables,
                    "sha256": digests,
                }
                zf.writestr("manifest.json", json.dumps(manifest, indent=2))
        partial.replace(target)
        return archive
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        await conn.close()


async def delete_tenant(slug: str, confirm: str, redis: Redis) -> TenantDeletion:
    """Remove the tenant's rows, uploaded files and Redis keys. `confirm` must be the slug."""
    if confirm != slug:
        raise OffboardingError("--confirm must repeat the tenant's slug")
    conn = await _connect()
    try:
        tenant_id = await _tenant_id(conn, slug)
        done = TenantDeletion(tenant_id)
        async with conn.transaction():
            await _scope_to(conn, tenant_id)
            keys = [
                r["storage_key"]
                for r in await conn.fetch(
                    "SELECT storage_key FROM imports WHERE tenant_id = $1", tenant_id
                )
            ]
            for table in await tenant_tables(conn):
                done.rows += await conn.fetchval(
                    f"SELECT count(*) FROM {table} WHERE tenant_id = $1", tenant_id
                )
            # Every tenant table reaches tenants through ON DELETE CASCADE keys.
            await conn.execute("DELETE FROM tenants WHERE id = $1", tenant_id)
    finally:
        await conn.close()
    # Files and Redis only after the rows are gone for good: a failed delete keeps them.
    storage = get_storage()
    for key in keys:
        if storage.local_path(key).exists():
            storage.delete(key)
            done.files += 1
    # Uploads live under `<tenant id>/`: also whatever a failed upload left there.
    folder = storage.local_path(str(tenant_id))
    if folder.is_dir():
        done.files += sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    done.redis_keys = await forget_in_redis(redis, tenant_id)
    return done


async def forget_in_redis(redis: Redis, tenant_id: uuid.UUID) -> int:
    """Delete every key that names the tenant, and every queued job or result that carries it."""
    mark = str(tenant_id)
    removed = 0
    async for key in redis.scan_iter(match=f"*{mark}*", count=1000):
        removed += await redis.delete(key)
    queues = [q async for q in redis.scan_iter(match="arq:queue*", count=1000)]
    for pattern in _ARQ_KEYS:
        async for key in redis.scan_iter(match=pattern, count=1000):
            value = await redis.get(key) if await redis.type(key) == b"string" else None
            if value is not None and mark.encode() in value:
                removed += await redis.delete(key)
                job_id = key.split(b":", 2)[2]
                for queue in queues:
                    await redis.zrem(queue, job_id)
    return removed
