"""Duplicate strategies against the base, linked data, and malformed files, through HTTP."""

import io
import zipfile
from typing import Any

import httpx
import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context, TenantInfo
from app.custom_fields import service as custom_fields
from app.customers.models import Card, Consent, Customer
from app.imports.models import ImportRow
from app.tags import service as tags_service
from tests.factories import create_customer
from tests.imports.conftest import RunJobs, Upload

HEADER = "E-mail;Imię;Nazwisko;Telefon\n"


async def _run(
    client: httpx.AsyncClient,
    upload: Upload,
    run_jobs: RunJobs,
    data: bytes,
    *,
    commit: bool = True,
    **options: Any,
) -> dict[str, Any]:
    imp = await upload(data)
    if options:
        mapping = {**imp["mapping"], **options}
        r = await client.put(f"/imports/{imp['id']}/mapping", json=mapping)
        assert r.status_code == 200, r.text
    await client.post(f"/imports/{imp['id']}/preview")
    await run_jobs()
    if commit and (await client.get(f"/imports/{imp['id']}")).json()["status"] == "validated":
        await client.post(f"/imports/{imp['id']}/commit")
        await run_jobs()
    got: dict[str, Any] = (await client.get(f"/imports/{imp['id']}")).json()
    return got


async def _one(session: AsyncSession, tenant: TenantInfo, email: str) -> Customer:
    session.expire_all()
    c = await session.scalar(
        select(Customer).where(Customer.tenant_id == tenant.id, Customer.email == email)
    )
    assert c is not None
    return c


@pytest.fixture
async def existing(session: AsyncSession, ctx: Context) -> Customer:
    return await create_customer(
        session, ctx, email="anna@example.pl", first_name="Stara", last_name="Kowalska"
    )


NEW_ANNA = (HEADER + "anna@example.pl;Nowa;;600123456\nbeata@example.pl;Beata;Nowak;\n").encode()


class TestSkip:
    async def test_match_in_base_counts_as_to_skip(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, existing: Customer
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, commit=False, on_duplicate="skip")
        counts = imp["counts"]
        assert (counts["valid"], counts["invalid"]) == (2, 0)
        assert (counts["to_create"], counts["to_update"], counts["to_skip"]) == (1, 0, 1)

    async def test_include_skipped_lists_duplicate_in_base(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, existing: Customer
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, commit=False, on_duplicate="skip")
        plain = (await client.get(f"/imports/{imp['id']}/errors")).json()
        assert plain["total"] == 0
        r = await client.get(f"/imports/{imp['id']}/errors", params={"include": "skipped"})
        items = r.json()["items"]
        assert [(e["row"], e["column"], e["code"], e["value"]) for e in items] == [
            (1, "E-mail", "duplicate_in_base", "anna@example.pl")
        ]

    async def test_skipped_customer_is_left_as_it_was(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="skip")
        assert (imp["counts"]["created"], imp["counts"]["skipped"]) == (1, 1)
        anna = await _one(session, tenant, "anna@example.pl")
        assert (anna.first_name, anna.phone) == ("Stara", None)


class TestUpdate:
    async def test_match_overwrites_fields_given_in_the_file(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="update")
        assert (imp["counts"]["to_update"], imp["counts"]["updated"]) == (1, 1)
        anna = await _one(session, tenant, "anna@example.pl")
        # An empty cell does not erase what the base holds.
        assert (anna.first_name, anna.last_name, anna.phone) == ("Nowa", "Kowalska", "+48600123456")

    async def test_revert_restores_the_overwritten_fields(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="update")
        assert (await client.post(f"/imports/{imp['id']}/revert")).status_code == 202
        await run_jobs()
        anna = await _one(session, tenant, "anna@example.pl")
        assert (anna.first_name, anna.phone) == ("Stara", None)
        gone = await session.scalar(
            select(Customer).where(
                Customer.tenant_id == tenant.id, Customer.email == "beata@example.pl"
            )
        )
        assert gone is None

    async def test_revert_keeps_a_field_changed_after_the_import(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="update")
        await session.execute(
            update(Customer)
            .where(Customer.tenant_id == tenant.id, Customer.id == existing.id)
            .values(phone="+48601234567")
        )
        await client.post(f"/imports/{imp['id']}/revert")
        assert await run_jobs() == ["reverted"]
        anna = await _one(session, tenant, "anna@example.pl")
        assert (anna.first_name, anna.phone) == ("Stara", "+48601234567")

    async def test_before_values_are_kept_for_revert(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="update")
        before = await session.scalar(
            select(ImportRow.before).where(
                ImportRow.import_id == imp["id"], ImportRow.outcome == "updated"
            )
        )
        assert before is not None and before["first_name"] == "Stara"


class TestFillEmpty:
    async def test_only_empty_fields_are_filled(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="fill_empty")
        assert imp["counts"]["updated"] == 1
        anna = await _one(session, tenant, "anna@example.pl")
        assert (anna.first_name, anna.phone) == ("Stara", "+48600123456")

    async def test_revert_empties_the_filled_fields(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="fill_empty")
        await client.post(f"/imports/{imp['id']}/revert")
        await run_jobs()
        anna = await _one(session, tenant, "anna@example.pl")
        assert anna.phone is None


class TestDedupeKeys:
    async def test_phone_key_matches_the_normalised_phone(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
    ) -> None:
        await create_customer(session, ctx, email=None, phone="+48 600 123 456", first_name="S")
        data = (HEADER + ";Nowa;;600-123-456\n").encode()
        imp = await _run(client, upload, run_jobs, data, dedupe_key="phone", on_duplicate="update")
        assert imp["counts"]["updated"] == 1 and imp["counts"]["created"] == 0

    async def test_email_of_another_customer_is_rejected_when_keyed_by_phone(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
    ) -> None:
        data = (HEADER + "anna@example.pl;X;;601234567\n").encode()
        imp = await _run(client, upload, run_jobs, data, commit=False, dedupe_key="phone")
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [e["code"] for e in errors] == ["duplicate_in_base"]
        assert imp["counts"]["invalid"] == 1


class TestLinkedData:
    async def test_tags_consents_cards_and_custom_fields_are_written(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
    ) -> None:
        await custom_fields.create_definition(
            session, ctx, key="colour", label="Ulubiony kolor", kind="text", choices=None,
            required=False,
        )  # fmt: skip
        data = (
            "E-mail;Tagi;Zgoda SMS;Karta;Ulubiony kolor\n"
            "anna@example.pl;VIP| Stały ;tak;K-0001;zielony\n"
        ).encode()
        imp = await _run(client, upload, run_jobs, data, add_tags=["Import 2026"])
        assert imp["mapping"]["columns"] == {
            "E-mail": "email", "Tagi": "tags", "Zgoda SMS": "consents.sms_marketing",
            "Karta": "card", "Ulubiony kolor": "cf.colour",
        }  # fmt: skip
        anna = await _one(session, tenant, "anna@example.pl")
        assert anna.custom_fields == {"colour": "zielony"}
        names = await tags_service.tags_of(session, tenant.id, [anna.id])
        assert sorted(names[anna.id]) == ["Import 2026", "Stały", "VIP"]
        consent = await session.scalar(select(Consent).where(Consent.customer_id == anna.id))
        assert consent is not None and (consent.channel, consent.granted) == ("sms_marketing", True)
        card = await session.scalar(select(Card.number).where(Card.customer_id == anna.id))
        assert card == "K-0001"

    async def test_an_email_taken_after_the_preview_skips_only_its_row(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        ctx: Context,
        tenant: TenantInfo,
    ) -> None:
        data = (
            "E-mail;Imię;Tagi;Zgoda SMS\n"
            "anna@example.pl;Nowa;VIP;tak\nbeata@example.pl;Beata;VIP;tak\n"
        ).encode()
        imp = await _run(client, upload, run_jobs, data, commit=False)
        assert imp["counts"]["to_create"] == 2
        # Someone adds Anna at the till between the preview and the commit.
        till = (await create_customer(session, ctx, email="anna@example.pl", first_name="Anna")).id
        await client.post(f"/imports/{imp['id']}/commit")
        await run_jobs()
        done = (await client.get(f"/imports/{imp['id']}")).json()
        assert done["status"] == "completed"
        counts = done["counts"]
        assert (counts["created"], counts["updated"], counts["skipped"]) == (1, 0, 1)
        anna = await _one(session, tenant, "anna@example.pl")
        assert (anna.id, anna.first_name, anna.import_id) == (till, "Anna", None)
        beata = (await _one(session, tenant, "beata@example.pl")).id
        names = await tags_service.tags_of(session, tenant.id, [till, beata])
        assert (names.get(till, []), names[beata]) == ([], ["VIP"])
        consents = await session.scalars(
            select(Consent.customer_id).where(Consent.tenant_id == tenant.id)
        )
        assert list(consents) == [beata]

    async def test_a_role_that_may_not_skip_row_checks_writes_the_same(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        # The commit checks references once per range only where the role may (a superuser,
        # or one granted SET on session_replication_role); the app's role, as which the tests
        # run, may not: it takes the per-row checks.
        may = text("SELECT has_parameter_privilege('session_replication_role', 'SET')")
        assert await session.scalar(may) is False
        data = "E-mail;Tagi;Zgoda SMS;Karta\nanna@example.pl;VIP|Stały;tak;K-0001\n".encode()
        imp = await _run(client, upload, run_jobs, data)
        assert (imp["status"], imp["counts"]["created"]) == ("completed", 1)
        anna = (await _one(session, tenant, "anna@example.pl")).id
        names = await tags_service.tags_of(session, tenant.id, [anna])
        assert sorted(names[anna]) == ["Stały", "VIP"]
        consent = await session.scalar(select(Consent.granted).where(Consent.customer_id == anna))
        card = await session.scalar(select(Card.number).where(Card.customer_id == anna))
        assert (consent, card) == (True, "K-0001")

    async def test_the_commit_leaves_the_search_index_merged(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs, session: AsyncSession
    ) -> None:
        # As the index's owner (migration 0032): the pending entries merged now.
        merge = text("SELECT kt_merge_search_index()")
        await session.scalar(merge)
        imp = await _run(client, upload, run_jobs, NEW_ANNA)
        assert imp["counts"]["created"] == 2
        found = await client.get("/customers", params={"q": "beata"})
        assert [c["email"] for c in found.json()["items"]] == ["beata@example.pl"]
        assert await session.scalar(merge) == 0  # no pending entry left for searches to read

    async def test_a_tag_longer_than_a_tag_name_rejects_its_row(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        data = f"E-mail;Tagi\nanna@example.pl;VIP|{'x' * 101}\nbeata@example.pl;VIP\n".encode()
        imp = await _run(client, upload, run_jobs, data)
        assert (imp["status"], imp["counts"]["invalid"], imp["counts"]["created"]) == (
            "completed", 1, 1,
        )  # fmt: skip
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [(e["row"], e["column"], e["code"]) for e in errors] == [
            (1, "Tagi", "invalid_value")
        ]

    async def test_formula_looking_values_are_stored_verbatim(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        data = (
            'E-mail;Imię;Nazwisko;Uwagi\nanna@example.pl;=SUM(A1:A9);+48 cmd;"@import ""x"" -1"\n'
        ).encode()
        await _run(client, upload, run_jobs, data)
        anna = await _one(session, tenant, "anna@example.pl")
        assert (anna.first_name, anna.last_name, anna.notes) == (
            "=SUM(A1:A9)", "+48 cmd", '@import "x" -1',
        )  # fmt: skip


def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(64):
                member.write(block)
    return buf.getvalue()


class TestMalformedFiles:
    async def test_zip_bomb_xlsx_is_refused_at_upload(self, client: httpx.AsyncClient) -> None:
        data = _zip_bomb()
        assert len(data) < 1024 * 1024
        r = await client.post("/imports", files={"file": ("bomb.xlsx", data)})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "zip_bomb"
        assert (await client.get("/imports")).json()["total"] == 0

    async def test_row_with_more_fields_than_the_header_is_rejected(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        data = b"email;name\na@example.pl;A\nb@example.pl;B;extra\nc@example.pl\n"
        imp = await _run(client, upload, run_jobs, data, commit=False)
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert [(e["row"], e["code"]) for e in errors] == [(2, "wrong_field_count")]
        assert imp["counts"]["valid"] == 2  # a short row is padded with empty cells

    async def test_unterminated_quote_fails_the_import_with_a_reason(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        session: AsyncSession,
    ) -> None:
        lines = b"".join(b"u%d@example.pl;ok\n" % n for n in range(20))
        data = b"email;notes\n" + lines + b'x@example.pl;"never closed\nmore\n'
        imp = await _run(client, upload, run_jobs, data, commit=False)
        assert imp["status"] == "failed"
        assert imp["error"] and "row" in imp["error"]
        staged = await session.scalar(
            select(ImportRow.row_no).where(ImportRow.import_id == imp["id"])
        )
        assert staged is None

    async def test_one_megabyte_field_rejects_its_row_only(
        self, client: httpx.AsyncClient, upload: Upload, run_jobs: RunJobs
    ) -> None:
        data = b"email;notes\na@example.pl;" + b"x" * (1024 * 1024) + b"\nb@example.pl;ok\n"
        imp = await _run(client, upload, run_jobs, data, commit=False)
        assert (imp["counts"]["valid"], imp["counts"]["invalid"]) == (1, 1)
        errors = (await client.get(f"/imports/{imp['id']}/errors")).json()["items"]
        assert errors[0]["code"] == "invalid_value" and len(errors[0]["value"]) <= 500

    async def test_field_over_the_reader_limit_is_refused_at_upload(
        self, client: httpx.AsyncClient
    ) -> None:
        data = b"email;notes\na@example.pl;" + b"x" * (3 * 1024 * 1024) + b"\n"
        r = await client.post("/imports", files={"file": ("big.csv", data)})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "malformed_csv"

    async def test_binary_junk_is_refused_at_upload(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/imports", files={"file": ("a.csv", b"\x00\xff\x10junk\x00" * 50)})
        assert r.status_code == 422
        assert r.json()["errors"][0]["code"] == "binary_file"

    async def test_duplicate_header_is_refused_at_upload(self, client: httpx.AsyncClient) -> None:
        r = await client.post("/imports", files={"file": ("a.csv", b"Email;email\na;b\n")})
        assert r.json()["errors"][0]["code"] == "duplicate_header"


class TestCustomerHistory:
    """One audit event per import, and it is in the history of every customer it touched."""

    @staticmethod
    async def _actions(client: httpx.AsyncClient, customer_id: Any) -> list[tuple[str, Any]]:
        items = (await client.get(f"/customers/{customer_id}/history")).json()["items"]
        return [(e["action"], (e["meta"] or {}).get("import_id")) for e in items]

    async def test_created_and_updated_customers_show_the_import(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        anna_id = existing.id
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="update")
        beata = await _one(session, tenant, "beata@example.pl")
        assert ("customer.imported", imp["id"]) in await self._actions(client, beata.id)
        assert ("customer.imported", imp["id"]) in await self._actions(client, anna_id)
        summary = (await client.get(f"/customers/{beata.id}/summary")).json()
        assert "customer.imported" in [e["action"] for e in summary["recent_history"]]

    async def test_a_merge_keeps_the_import_in_the_history(
        self,
        client: httpx.AsyncClient,
        upload: Upload,
        run_jobs: RunJobs,
        existing: Customer,
        session: AsyncSession,
        tenant: TenantInfo,
    ) -> None:
        anna_id = existing.id
        imp = await _run(client, upload, run_jobs, NEW_ANNA, on_duplicate="skip")
        beata = await _one(session, tenant, "beata@example.pl")
        assert ("customer.imported", imp["id"]) not in await self._actions(client, anna_id)
        r = await client.post(
            "/customers/merge", json={"target_id": str(anna_id), "source_ids": [str(beata.id)]}
        )
        assert r.status_code == 200, r.text
        assert ("customer.imported", imp["id"]) in await self._actions(client, anna_id)
