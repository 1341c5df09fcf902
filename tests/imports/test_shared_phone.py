"""The import's duplicate rule for a phone follows the tenant's `shared_phone_allowed`, as
`POST /customers` does: refused by default, imported when the tenant lets phones be shared."""

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.customers.models import Customer
from tests.factories import create_customer
from tests.imports.conftest import RunJobs, Upload
from tests.imports.test_rules import HEADER, _run

IN_BASE = (HEADER + "nowy@example.pl;Jan;Nowak;600-123-456\n").encode()
IN_FILE = (
    HEADER + "a@example.pl;Ala;Nowak;600123456\nb@example.pl;Ola;Nowak;600 123 456\n"
).encode()


async def _with_phone(session: AsyncSession, tenant: TenantInfo) -> int:
    session.expire_all()
    n = await session.scalar(
        select(func.count()).where(
            Customer.tenant_id == tenant.id, Customer.phone == "+48600123456"
        )
    )
    return int(n or 0)


class TestPhoneOfAnotherCustomer:
    async def test_is_rejected_by_default(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        ctx: Context,
    ) -> None:
        await create_customer(session, ctx, phone="+48 600 123 456")
        imp = await _run(client, upload, run_jobs, IN_BASE, commit=False)
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [(e["column"], e["code"]) for e in errors] == [("Telefon", "duplicate_in_base")]
        assert (imp["counts"]["invalid"], imp["counts"]["to_create"]) == (1, 0)

    async def test_is_imported_when_the_tenant_allows_shared_phones(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
    ) -> None:
        await client.patch("/tenant", json={"shared_phone_allowed": True})
        await create_customer(session, ctx, phone="+48 600 123 456")
        imp = await _run(client, upload, run_jobs, IN_BASE)
        assert imp["counts"]["created"] == 1
        assert await _with_phone(session, tenant) == 2


class TestPhoneRepeatedInTheFile:
    async def test_is_rejected_by_default(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        imp = await _run(client, upload, run_jobs, IN_FILE, commit=False)
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [(e["row"], e["code"]) for e in errors] == [(2, "duplicate_in_file")]

    async def test_is_imported_when_the_tenant_allows_shared_phones(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        await client.patch("/tenant", json={"shared_phone_allowed": True})
        imp = await _run(client, upload, run_jobs, IN_FILE)
        assert imp["counts"]["created"] == 2
        assert await _with_phone(session, tenant) == 2

    async def test_still_names_one_customer_when_the_phone_is_the_dedupe_key(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        await client.patch("/tenant", json={"shared_phone_allowed": True})
        imp = await _run(client, upload, run_jobs, IN_FILE, commit=False, dedupe_key="phone")
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [e["code"] for e in errors] == ["duplicate_in_file"]
