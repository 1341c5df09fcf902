"""The bench tenant: a million seeded customers, created once and reused."""

from sqlalchemy import func, select

from app.auth import service as auth
from app.auth.scopes import SCOPES
from app.core.db import dispose_engine, unit_of_work
from app.customers.models import Customer
from app.demo.seed import seed_tenant
from app.tenants import service as tenants
from app.tenants.models import Tenant

SLUG = "bench"


async def ensure_bench_tenant(customers: int) -> tuple[str, str]:
    async with unit_of_work() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == SLUG))
        if tenant is None:
            tenant = await tenants.create_tenant(session, SLUG, name="Bench")
        have = (
            await session.scalar(
                select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant.id)
            )
            or 0
        )
        _, key = await auth.create_api_key(
            session, tenant.id, name="bench", scopes=sorted(SCOPES), created_by="bench"
        )
    if have < customers:
        print(f"seeding {customers - have} customers (once; later runs reuse them)…", flush=True)
        await seed_tenant(SLUG, customers - have)
    await dispose_engine()
    return SLUG, key
