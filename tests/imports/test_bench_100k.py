"""Not a unit test: `pytest -m bench` measures a 100k-row file end to end (skipped by default)."""

import os
import time
import uuid

import pytest

from app.core.context import TenantInfo
from app.core.db import unit_of_work
from app.imports import service
from app.imports.commit import commit_import
from app.imports.preview import preview_import
from tests.factories import owner_context
from tests.imports.test_jobs import _chunks


@pytest.mark.skipif(not os.environ.get("IMPORT_BENCH"), reason="set IMPORT_BENCH=1")
async def test_100k_rows_end_to_end(committed_tenant: TenantInfo) -> None:
    lines = ["Imię;Nazwisko;E-mail;Telefon;Data urodzenia"]
    for n in range(100_000):
        lines.append(f"Anna{n};Kowalska;anna{n}@example.pl;{600000000 + n};31.12.1990")
    data = ("\n".join(lines) + "\n").encode("cp1250")
    t0 = time.perf_counter()
    async with unit_of_work(tenant_id=committed_tenant.id) as s:
        imp = await service.create_import(
            s, owner_context(committed_tenant), "k.csv", _chunks(data), 10**9
        )
        await service.preview(s, owner_context(committed_tenant), imp.id)
    t1 = time.perf_counter()
    await preview_import({}, tenant_id=str(committed_tenant.id), import_id=str(imp.id))
    t2 = time.perf_counter()
    async with unit_of_work(tenant_id=committed_tenant.id) as s:
        await service.commit(s, owner_context(committed_tenant), imp.id)
    await commit_import({}, tenant_id=str(committed_tenant.id), import_id=str(imp.id))
    t3 = time.perf_counter()
    async with unit_of_work(tenant_id=committed_tenant.id) as s:
        got = await service.get_import(s, owner_context(committed_tenant), imp.id)
    print(f"upload+detect {t1 - t0:.2f}s preview {t2 - t1:.2f}s commit {t3 - t2:.2f}s")
    assert got.counts["created"] == 100_000, uuid
