"""The bench tenant: a million seeded customers, created once and reused."""

import asyncpg
from sqlalchemy import func, select

from app.auth import service as auth
from app.auth.models import User
from app.auth.scopes import SCOPES
from app.core import tenancy
from app.core.config import get_settings
from app.core.db import dispose_engine, plain_dsn, unit_of_work
from app.customers.models import Customer
from app.demo.seed import seed_tenant
from app.tenants import service as tenants
from app.tenants.models import Tenant

SLUG = "bench"
# The SPA's search timing logs in as a person would.
USER_EMAIL = "bench@kartoteka.dev"
USER_PASSWORD = "bench-password-1M"


async def _vacuum() -> None:
    """VACUUM (ANALYZE) the fresh base, as autovacuum would have by the time a real base is this
    big: visibility maps let index-only scans skip the heap."""
    # As the owner: VACUUM skips the tables a role does not own (the app's role owns none).
    settings = get_settings()
    conn = await asyncpg.connect(plain_dsn(settings.owner_database_url))
    try:
        await conn.execute(f"SET statement_timeout = {settings.maintenance_statement_timeout_ms}")
        await conn.execute("VACUUM (ANALYZE)")
    finally:
        await conn.close()


async def ensure_bench_tenant(customers: int) -> tuple[str, str]:
    async with unit_of_work() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == SLUG))
        if tenant is None:
            tenant = await tenants.create_tenant(session, SLUG, name="Bench")
        await tenancy.use_tenant(session, tenant.id)  # row-level security
        have = (
            await session.scalar(
                select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant.id)
            )
            or 0
        )
        if not await session.scalar(
            select(User.id).where(User.tenant_id == tenant.id, User.email == USER_EMAIL)
        ):
            await auth.create_user(
                session, tenant.id, email=USER_EMAIL, role="owner", password=USER_PASSWORD
            )
        _, key = await auth.create_api_key(
            session, tenant.id, name="bench", scopes=sorted(SCOPES), created_by="bench",
            rate_limit_per_minute=1_000_000,
        )  # fmt: skip
    if have < customers:
        print(f"seeding {customers - have} customers (once; later runs reuse them)…", flush=True)
        await seed_tenant(SLUG, customers - have)
        await _vacuum()
    await dispose_engine()
    return SLUG, key
