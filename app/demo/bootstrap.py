"""The demo tenant `make run` prints a login and an API key for."""

from dataclasses import dataclass

from sqlalchemy import func, select

from app.auth import service as auth
from app.auth.scopes import SCOPES
from app.core import tenancy
from app.core.db import unit_of_work
from app.customers.models import Customer
from app.tenants import service as tenants
from app.tenants.models import Tenant

DEMO_SLUG = "demo"
DEMO_EMAIL = "owner@demo.kartoteka.dev"
DEMO_PASSWORD = "kartoteka-demo"


@dataclass(frozen=True)
class DemoLogin:
    tenant: str
    email: str
    password: str
    api_key: str


async def ensure_demo(customers: int) -> DemoLogin:
    """Create the demo tenant, owner and seed data once; a fresh API key every run."""
    from app.demo.seed import seed_tenant

    async with unit_of_work() as session:
        tenant = await session.scalar(select(Tenant).where(Tenant.slug == DEMO_SLUG))
        if tenant is None:
            tenant = await tenants.create_tenant(session, DEMO_SLUG, name="Demo Salon")
            await auth.create_user(
                session, tenant.id, email=DEMO_EMAIL, role="owner", password=DEMO_PASSWORD
            )
        await tenancy.use_tenant(session, tenant.id)
        _, key = await auth.create_api_key(
            session, tenant.id, name="make run", scopes=sorted(SCOPES), created_by="make run"
        )
        existing = await session.scalar(
            select(func.count()).select_from(Customer).where(Customer.tenant_id == tenant.id)
        )
    if not existing and customers:
        await seed_tenant(DEMO_SLUG, customers)
    return DemoLogin(tenant=DEMO_SLUG, email=DEMO_EMAIL, password=DEMO_PASSWORD, api_key=key)
