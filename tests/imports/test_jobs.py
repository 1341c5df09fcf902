"""The import through its jobs, committed for real into a fresh tenant."""

import os
import uuid
from collections.abc import AsyncIterator

from arq.connections import RedisSettings
from arq.worker import Worker
from sqlalchemy import func, select

from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.customers.models import Customer
from app.imports import service
from app.imports.commit import commit_import
from app.imports.models import ImportRowError
from app.imports.preview import preview_import
from app.imports.revert import revert_import
from app.worker import FUNCTIONS
from tests.factories import owner_context

CSV = (
    "Imię;Nazwisko;E-mail;Telefon;Data urodzenia;Zgoda marketingowa\n"
    "Anna;Kowalska;anna@example.pl;600 123 456;31.12.1990;tak\n"
    "Jan;Nowak;ANNA@example.pl ;601 234 567;;nie\n"
    "Ewa;Zła;not-an-email;;;tak\n"
    "Olga;Bez;;;;\n"
    "Piotr;Data;piotr@example.pl;;32.13.1990;\n"
    "Kasia;Tel;kasia@example.pl;12;;\n"
    "Zofia;Ok;zofia@example.pl;;1985-05-01;nie\n"
).encode("cp1250")


async def _chunks(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def _upload(tenant: TenantInfo, data: bytes = CSV) -> uuid.UUID:
    async with unit_of_work(tenant_id=tenant.id) as s:
        imp = await service.create_import(
            s, owner_context(tenant), "klienci.csv", _chunks(data), 10**7
        )
        await service.preview(s, owner_context(tenant), imp.id)
        return imp.id


class TestPreviewAndCommit:
    async def test_preview_counts_and_error_codes(self, committed_tenant: TenantInfo) -> None:
        import_id = await _upload(committed_tenant)
        assert (
            await preview_import({}, tenant_id=str(committed_tenant.id), import_id=str(import_id))
            == "validated"
        )
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            imp = await service.get_import(s, owner_context(committed_tenant), import_id)
            codes = dict(
                (
                    await s.execute(
                        select(ImportRowError.row_no, ImportRowError.code).where(
                            ImportRowError.import_id == import_id
                        )
                    )
                ).all()
            )
        assert imp.counts["rows"] == 7
        assert imp.counts["valid"] + imp.counts["invalid"] == 7
        assert codes == {
            2: "duplicate_in_file",
            3: "invalid_email",
            4: "missing_contact",
            5: "invalid_date",
            6: "invalid_phone",
        }
        assert imp.counts["to_create"] == 2

    async def test_commit_creates_valid_rows_once(self, committed_tenant: TenantInfo) -> None:
        import_id = await _upload(committed_tenant)
        t = str(committed_tenant.id)
        await preview_import({}, tenant_id=t, import_id=str(import_id))
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            await service.commit(s, owner_context(committed_tenant), import_id)
        assert await commit_import({}, tenant_id=t, import_id=str(import_id)) == "completed"
        # A retry of a finished job changes nothing.
        await commit_import({}, tenant_id=t, import_id=str(import_id))
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            rows = (
                await s.scalars(
                    select(Customer)
                    .where(Customer.tenant_id == committed_tenant.id)
                    .order_by(Customer.email)
                )
            ).all()
            imp = await service.get_import(s, owner_context(committed_tenant), import_id)
        assert [c.email for c in rows] == ["anna@example.pl", "zofia@example.pl"]
        assert (
            rows[0].phone == "+48600123456"
            and rows[0].source == "import"
            and rows[0].import_id == import_id
        )
        assert imp.status == "completed" and imp.counts["created"] == 2 and imp.audit_event_id

    async def test_revert_deletes_created_customers(self, committed_tenant: TenantInfo) -> None:
        import_id = await _upload(committed_tenant)
        t = str(committed_tenant.id)
        await preview_import({}, tenant_id=t, import_id=str(import_id))
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            await service.commit(s, owner_context(committed_tenant), import_id)
        await commit_import({}, tenant_id=t, import_id=str(import_id))
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            await service.revert(s, owner_context(committed_tenant), import_id)
        assert await revert_import({}, tenant_id=t, import_id=str(import_id)) == "reverted"
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            n = await s.scalar(
                select(func.count())
                .select_from(Customer)
                .where(Customer.tenant_id == committed_tenant.id)
            )
        assert n == 0


class TestRealWorker:
    async def test_one_shot_import_through_arq_worker(self, committed_tenant: TenantInfo) -> None:
        from arq import create_pool

        from app.core.jobs import ArqQueue

        settings = RedisSettings.from_dsn(os.environ["REDIS_URL"])
        pool = await create_pool(settings)
        await pool.flushdb()
        queue = ArqQueue(pool)
        async with unit_of_work(queue, tenant_id=committed_tenant.id) as s:
            imp = await service.create_import(
                s,
                owner_context(committed_tenant),
                "k.csv",
                _chunks(CSV),
                10**7,
                auto=True,
                commit=True,
            )
        worker = Worker(
            functions=FUNCTIONS,
            burst=True,
            poll_delay=0,
            redis_settings=settings,
            ctx={"queue": queue},
        )
        await worker.main()
        await worker.close()
        await pool.aclose()
        async with unit_of_work(tenant_id=committed_tenant.id) as s:
            got = await service.get_import(s, owner_context(committed_tenant), imp.id)
        assert got.status == "completed"
        assert got.counts["created"] == 2
