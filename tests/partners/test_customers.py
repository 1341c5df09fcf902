"""Customers through the generated Python SDK: create, get, list, update, idempotent POST,
cursor paging, and problems raised as typed errors."""

import uuid

import pytest
from kartoteka_client import AuthenticatedClient
from kartoteka_client.api.customers import (
    create_customer,
    get_customer,
    list_customers,
    lookup_customers,
    search_customers,
    update_customer,
)
from kartoteka_client.models import (
    CustomerCreate,
    CustomerOut,
    CustomerPage,
    CustomerPatch,
    DuplicateContactProblem,
    LookupResult,
    SearchPage,
    SearchRequest,
    SearchRequestFilterType0,
)
from kartoteka_client.problems import (
    ConflictError,
    NotFoundError,
    PreconditionFailedError,
    ValidationFailedError,
    expect,
)
from kartoteka_client.types import UNSET


def _phone() -> str:
    return f"600{uuid.uuid4().int % 1_000_000:06d}"


async def _create(partner: AuthenticatedClient, **fields: object) -> CustomerOut:
    response = await create_customer.asyncio_detailed(client=partner, body=CustomerCreate(**fields))
    return expect(response, CustomerOut)


class TestCreateAndRead:
    async def test_created_customer_reads_back_with_its_normalised_phone(
        self, partner: AuthenticatedClient
    ) -> None:
        phone = _phone()
        created = await _create(partner, first_name="Anna", last_name="Kowalska", phone=phone)
        assert created.phone == f"+48{phone}"
        got = expect(await get_customer.asyncio_detailed(created.id, client=partner), CustomerOut)
        assert (got.id, got.first_name, got.last_name) == (created.id, "Anna", "Kowalska")

    async def test_lookup_finds_the_customer_by_a_local_phone_spelling(
        self, partner: AuthenticatedClient
    ) -> None:
        phone = _phone()
        created = await _create(partner, phone=phone)
        spelled = f"{phone[:3]}-{phone[3:6]} {phone[6:]}"
        found = expect(
            await lookup_customers.asyncio_detailed(client=partner, phone=spelled), LookupResult
        )
        assert [c.id for c in found.items] == [created.id]

    async def test_list_pages_the_base_sorted(self, partner: AuthenticatedClient) -> None:
        for name in ("Zofia", "Adam", "Maria"):
            await _create(partner, first_name=name, email=f"{name.lower()}@example.pl")
        page = expect(
            await list_customers.asyncio_detailed(
                client=partner, sort="first_name", page_size=2, include_total=True
            ),
            CustomerPage,
        )
        assert [c.first_name for c in page.items] == ["Adam", "Maria"]
        assert (page.total, page.has_more) == (3, True)


class TestUpdate:
    async def test_patch_with_the_current_etag_changes_the_field(
        self, partner: AuthenticatedClient
    ) -> None:
        created = await _create(partner, email="ewa@example.pl", first_name="Ewa")
        read = await get_customer.asyncio_detailed(created.id, client=partner)
        response = await update_customer.asyncio_detailed(
            created.id, client=partner, body=CustomerPatch(city="Kraków"),
            if_match=read.headers["ETag"],
        )  # fmt: skip
        assert expect(response, CustomerOut).city == "Kraków"

    async def test_a_stale_etag_raises_precondition_failed(
        self, partner: AuthenticatedClient
    ) -> None:
        created = await _create(partner, email="jan@example.pl")
        stale = (await get_customer.asyncio_detailed(created.id, client=partner)).headers["ETag"]
        expect(
            await update_customer.asyncio_detailed(
                created.id, client=partner, body=CustomerPatch(city="Gdańsk"), if_match=stale
            ),
            CustomerOut,
        )
        second = await update_customer.asyncio_detailed(
            created.id, client=partner, body=CustomerPatch(city="Łódź"), if_match=stale
        )
        with pytest.raises(PreconditionFailedError) as raised:
            expect(second, CustomerOut)
        problem = raised.value
        assert problem.status == 412
        assert problem.code


class TestIdempotency:
    async def test_a_retry_with_the_same_key_returns_the_first_customer(
        self, partner: AuthenticatedClient
    ) -> None:
        key = str(uuid.uuid4())
        body = CustomerCreate(email="once@example.pl", first_name="Raz")
        first = await create_customer.asyncio_detailed(
            client=partner, body=body, idempotency_key=key
        )
        retry = await create_customer.asyncio_detailed(
            client=partner, body=body, idempotency_key=key
        )
        assert expect(retry, CustomerOut).id == expect(first, CustomerOut).id
        page = expect(
            await list_customers.asyncio_detailed(client=partner, q="once@example.pl"), CustomerPage
        )
        assert len(page.items) == 1

    async def test_the_key_reused_for_another_body_is_a_typed_422(
        self, partner: AuthenticatedClient
    ) -> None:
        key = str(uuid.uuid4())
        await create_customer.asyncio_detailed(
            client=partner, body=CustomerCreate(email="a@example.pl"), idempotency_key=key
        )
        other = await create_customer.asyncio_detailed(
            client=partner, body=CustomerCreate(email="b@example.pl"), idempotency_key=key
        )
        with pytest.raises(ValidationFailedError) as raised:
            expect(other, CustomerOut)
        problem = raised.value
        assert problem.code == "idempotency_key_reused"


class TestCursorPaging:
    async def test_a_filter_is_paged_by_cursor_to_the_end(
        self, partner: AuthenticatedClient
    ) -> None:
        tag = f"p-{uuid.uuid4().hex[:8]}"
        made = {(await _create(partner, email=f"c{i}@example.pl", tags=[tag])).id for i in range(5)}
        await _create(partner, email="other@example.pl")
        tree = SearchRequestFilterType0.from_dict(
            {"field": "tags", "op": "has_any", "value": [tag]}
        )
        seen, cursor, pages = [], UNSET, 0
        while True:
            page = expect(
                await search_customers.asyncio_detailed(
                    client=partner, body=SearchRequest(filter_=tree, page_size=2, cursor=cursor)
                ),
                SearchPage,
            )
            pages += 1
            seen += [c.id for c in page.items]
            if not page.next_cursor:
                break
            cursor = page.next_cursor
        assert pages == 3
        assert sorted(seen) == sorted(made)


class TestProblems:
    async def test_an_unknown_customer_raises_not_found_with_its_code(
        self, partner: AuthenticatedClient
    ) -> None:
        response = await get_customer.asyncio_detailed(uuid.uuid4(), client=partner)
        with pytest.raises(NotFoundError) as raised:
            expect(response, CustomerOut)
        problem = raised.value
        assert (problem.status, problem.code) == (404, "customer_not_found")

    async def test_invalid_fields_list_every_error_with_its_path(
        self, partner: AuthenticatedClient
    ) -> None:
        response = await create_customer.asyncio_detailed(
            client=partner, body=CustomerCreate(email="not-an-email", birth_date="31.02.1990")
        )
        with pytest.raises(ValidationFailedError) as raised:
            expect(response, CustomerOut)
        problem = raised.value
        assert problem.code == "validation_failed"
        fields = {tuple(e["loc"])[-1] for e in problem.errors}
        assert {"email", "birth_date"} <= fields

    async def test_a_duplicate_phone_parses_as_the_duplicate_contact_problem(
        self, partner: AuthenticatedClient
    ) -> None:
        phone = _phone()
        first = await _create(partner, phone=phone)
        response = await create_customer.asyncio_detailed(
            client=partner, body=CustomerCreate(phone=phone)
        )
        assert isinstance(response.parsed, DuplicateContactProblem)
        assert [c.customer_id for c in response.parsed.candidates] == [first.id]
        with pytest.raises(ConflictError) as raised:
            expect(response, CustomerOut)
        problem = raised.value
        assert problem.code == "duplicate_contact"
