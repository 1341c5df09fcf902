"""Every write path moves the customer's version: its ETag changes, and a client that sends
the old one with If-None-Match gets the fresh record (200), not a 304 (#21)."""

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers.models import Customer
from tests.factories import create_customer
from tests.imports.conftest import RunJobs, Upload
from tests.imports.test_rules import HEADER, _run


async def _etag(client: httpx.AsyncClient, customer_id: object) -> str:
    r = await client.get(f"/customers/{customer_id}")
    assert r.status_code == 200, r.text
    return str(r.headers["etag"])


async def _moved(client: httpx.AsyncClient, customer_id: object, before: str) -> None:
    r = await client.get(f"/customers/{customer_id}", headers={"If-None-Match": before})
    assert r.status_code == 200
    assert r.headers["etag"] != before


async def _anna(session: AsyncSession, ctx: Context) -> Customer:
    return await create_customer(session, ctx, email="anna@example.pl", first_name="Stara")


class TestVersionMoves:
    async def test_on_merge(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        target = await _anna(session, ctx)
        source = await create_customer(session, ctx, email="anna.k@example.pl", city="Łódź")
        before = await _etag(client, target.id)
        r = await client.post(
            "/customers/merge", json={"target_id": str(target.id), "source_ids": [str(source.id)]}
        )
        assert r.status_code == 200, r.text
        await _moved(client, target.id, before)

    async def test_on_import_update_and_on_its_revert(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        ctx: Context,
    ) -> None:
        anna = await _anna(session, ctx)
        before = await _etag(client, anna.id)
        data = (HEADER + "anna@example.pl;Nowa;;\n").encode()
        imp = await _run(client, upload, run_jobs, data, on_duplicate="update")
        assert imp["counts"]["updated"] == 1, imp
        await _moved(client, anna.id, before)

        imported = await _etag(client, anna.id)
        r = await client.post(f"/imports/{imp['id']}/revert")
        assert r.status_code == 202, r.text
        await run_jobs()
        await _moved(client, anna.id, imported)

    async def test_on_erasure(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await _anna(session, ctx)
        before = await _etag(client, anna.id)
        r = await client.post(f"/customers/{anna.id}/erase")
        assert r.status_code == 200, r.text
        await _moved(client, anna.id, before)

    async def test_on_renaming_a_tag_it_has(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx, tags=["VIP"])
        other = await create_customer(session, ctx)
        before, untouched = await _etag(client, anna.id), await _etag(client, other.id)
        tag_id = next(t["id"] for t in (await client.get("/tags")).json() if t["name"] == "VIP")
        r = await client.patch(f"/tags/{tag_id}", json={"name": "Stały klient"})
        assert r.status_code == 200, r.text
        await _moved(client, anna.id, before)
        r = await client.get(f"/customers/{other.id}", headers={"If-None-Match": untouched})
        assert r.status_code == 304

    async def test_on_deleting_a_tag_it_has(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx, tags=["VIP"])
        before = await _etag(client, anna.id)
        tag_id = next(t["id"] for t in (await client.get("/tags")).json() if t["name"] == "VIP")
        assert (await client.delete(f"/tags/{tag_id}")).status_code == 204
        await _moved(client, anna.id, before)
        assert (await client.get(f"/customers/{anna.id}")).json()["tags"] == []


class TestTheRepresentationMoves:
    async def test_a_sale_ends_a_cached_copy_but_not_an_edit(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await _anna(session, ctx)
        before = await _etag(client, anna.id)
        sale = {"customer": {"id": str(anna.id)}, "amount": "120.00"}
        r = await client.post("/transactions", json=sale)
        assert r.status_code == 201, r.text
        # The totals moved, not the record's version: a cached copy is stale (200, new tag)…
        await _moved(client, anna.id, before)
        # …but an edit made with the tag read before the sale is not refused: nothing it
        # could overwrite has changed.
        r = await client.patch(
            f"/customers/{anna.id}", json={"city": "Łódź"}, headers={"If-Match": before}
        )
        assert r.status_code == 200, r.text
        r = await client.patch(
            f"/customers/{anna.id}", json={"city": "Kraków"}, headers={"If-Match": before}
        )
        assert r.status_code == 412
        assert r.json()["code"] == "stale_version"
