import uuid
from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status
from pydantic import BaseModel

from app.audit import service as audit
from app.auth.deps import CustomersRead, CustomersWrite
from app.core.deps import ReadConnectionDep, SessionDep
from app.core.errors import responses
from app.core.pagination import Page, PageDep
from app.customers import contacts, erased, notes, reads, search, service
from app.customers.schemas import (
    ContactMatches,
    CustomerCreate,
    CustomerOut,
    CustomerPatch,
    HistoryEntry,
)
from app.customers.search_schemas import (
    INCLUDE_TOTAL_DESCRIPTION,
    CustomerPage,
    FilterQuery,
    QuickSearchQuery,
)

router = APIRouter(prefix="/customers", tags=["customers"])
JSON = "application/json"

_WRITE_ERRORS = (
    contacts.DuplicateContact,
    service.EmailTaken,
    service.ExternalIdTaken,
    service.CardTaken,
    erased.ErasedSubjectError,
)
SubjectReturned = Annotated[
    bool,
    Query(
        description="The person whose data was erased came back and asked to be registered "
        "again: accept their email, phone, cards or external id (else 409 `erased_subject`)."
    ),
]
AllowDuplicate = Annotated[
    bool,
    Query(
        description="Save even though another customer has this phone or email "
        "(else 409 `duplicate_contact` with the candidates). An email stays unique: "
        "a taken one is still 409 `email_taken`."
    ),
]
SortQuery = Annotated[
    str | None,
    Query(
        description="Comma-separated fields, `-` for descending: `-total_spent,last_name`",
        examples=["-created_at"],
    ),
]


class LookupResult(BaseModel):
    items: list[CustomerOut]


async def _one(
    session: SessionDep, tenant_id: uuid.UUID, customer: object, response: Response
) -> CustomerOut:
    out = (await service.to_out(session, tenant_id, [customer]))[0]  # type: ignore[list-item]
    response.headers["ETag"] = service.etag(out)
    return out


@router.get("", response_model=CustomerPage, responses=responses(search.InvalidFilter))
async def list_customers(
    session: SessionDep,
    ctx: CustomersRead,
    paging: PageDep,
    sort: SortQuery = None,
    filter: FilterQuery = None,
    q: QuickSearchQuery = None,
    include_total: Annotated[bool, Query(description=INCLUDE_TOTAL_DESCRIPTION)] = True,
) -> CustomerPage:
    """A page of customers matching `filter` (text form) and quick search `q`, sorted."""
    result = await search.search_customers(
        session,
        ctx,
        search.Selection(filter=filter, q=q),
        sort=sort,
        page=paging.page,
        page_size=paging.page_size,
        with_total=include_total,
    )
    items = await service.to_out(session, ctx.tenant_id, result.rows)
    return CustomerPage(
        items=items,
        total=(result.total or 0) if include_total else None,
        total_is_estimate=result.total_is_estimate,
        page=paging.page,
        page_size=paging.page_size,
        has_more=result.has_more,
    )


@router.post(
    "",
    response_model=CustomerOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(*_WRITE_ERRORS),
)
async def create_customer(
    body: CustomerCreate,
    session: SessionDep,
    ctx: CustomersWrite,
    response: Response,
    subject_returned: SubjectReturned = False,
    allow_duplicate: AllowDuplicate = False,
) -> CustomerOut:
    """Add a customer; an email or a phone is required. Honours `Idempotency-Key`."""
    customer = await service.create_customer(
        session, ctx, body, subject_returned=subject_returned, allow_duplicate=allow_duplicate
    )
    response.headers["Location"] = f"/api/v1/customers/{customer.id}"
    return await _one(session, ctx.tenant_id, customer, response)


@router.get("/lookup", response_model=LookupResult)
async def lookup_customers(
    connection: ReadConnectionDep,
    ctx: CustomersRead,
    phone: Annotated[str | None, Query(max_length=40, examples=["600-123-456"])] = None,
    email: Annotated[str | None, Query(max_length=320)] = None,
    card: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """Who is at the till: exact match by a phone in any spelling, an email or a card number."""
    key, value = service.lookup_key(ctx, phone=phone, email=email, card=card)
    items = await reads.by_key(connection, ctx.tenant_id, key, value)
    return Response(LookupResult(items=items).model_dump_json(), media_type=JSON)


@router.get("/contact-matches", response_model=ContactMatches)
async def contact_matches(
    session: SessionDep,
    ctx: CustomersRead,
    phone: Annotated[str | None, Query(max_length=40, examples=["600 123 456"])] = None,
    email: Annotated[str | None, Query(max_length=320)] = None,
    exclude_id: Annotated[
        uuid.UUID | None, Query(description="The customer being edited, not a match of itself")
    ] = None,
) -> ContactMatches:
    """Other customers with this phone (any spelling) or email (any case), at most five: for a
    form to warn while it is typed."""
    matches = await contacts.matches_for_input(
        session, ctx.tenant_id, ctx.tenant.country, phone=phone, email=email, exclude_id=exclude_id
    )
    return ContactMatches(matches=matches)


@router.put(
    "/external/{external_id}",
    response_model=CustomerOut,
    responses={
        201: {"model": CustomerOut, "description": "Created"},
        **responses(
            contacts.DuplicateContact,
            service.EmailTaken,
            service.CardTaken,
            erased.ErasedSubjectError,
            service.CustomerErased,
        ),
    },
)
async def upsert_customer_by_external_id(
    external_id: str,
    body: CustomerPatch,
    session: SessionDep,
    ctx: CustomersWrite,
    response: Response,
    subject_returned: SubjectReturned = False,
    allow_duplicate: AllowDuplicate = False,
) -> CustomerOut:
    """Create or update by the partner's id (idempotent, for e-shop/CRM sync): 201 created, 200 updated."""
    customer, created = await service.upsert_by_external_id(
        session,
        ctx,
        external_id,
        body,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )
    if created:
        response.status_code = status.HTTP_201_CREATED
    return await _one(session, ctx.tenant_id, customer, response)


@router.get(
    "/{customer_id:uuid}", response_model=CustomerOut, responses=responses(service.CustomerNotFound)
)
async def get_customer(
    customer_id: uuid.UUID,
    connection: ReadConnectionDep,
    ctx: CustomersRead,
    if_none_match: Annotated[str | None, Header()] = None,
) -> CustomerOut | Response:
    """One customer with tags, cards, consents and aggregates; sends an `ETag`."""
    out = await reads.by_id(connection, ctx.tenant_id, customer_id)
    if out is None:
        raise service.CustomerNotFound(f"No customer {customer_id}.")
    # Serialised once by pydantic, not validated again on the way out: the hot read of a POS.
    body = out.model_dump_json().encode()
    tag = service.etag(out, body)
    if if_none_match and if_none_match.strip() == tag:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers={"ETag": tag})
    return Response(body, media_type=JSON, headers={"ETag": tag})


@router.patch(
    "/{customer_id:uuid}",
    response_model=CustomerOut,
    responses=responses(
        service.CustomerNotFound, service.StaleVersion, service.CustomerErased, *_WRITE_ERRORS
    ),
)
async def update_customer(
    customer_id: uuid.UUID,
    body: CustomerPatch,
    session: SessionDep,
    ctx: CustomersWrite,
    response: Response,
    if_match: Annotated[
        str | None, Header(description="The ETag you read: a stale write gets 412")
    ] = None,
    subject_returned: SubjectReturned = False,
    allow_duplicate: AllowDuplicate = False,
) -> CustomerOut:
    """Change the fields given; with `If-Match` the write fails (412) if someone changed it first."""
    customer = await service.update_customer(
        session,
        ctx,
        customer_id,
        body,
        if_match=if_match,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )
    return await _one(session, ctx.tenant_id, customer, response)


@router.delete(
    "/{customer_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(service.CustomerNotFound),
)
async def delete_customer(customer_id: uuid.UUID, session: SessionDep, ctx: CustomersWrite) -> None:
    """Delete a customer (the audit log keeps who deleted it and when, not its data)."""
    await service.delete_customer(session, ctx, customer_id)


@router.get(
    "/{customer_id:uuid}/history",
    response_model=Page[HistoryEntry],
    responses=responses(service.CustomerNotFound),
)
async def customer_history(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead, paging: PageDep
) -> Page[HistoryEntry]:
    """Every change to this customer, newest first: who, when, before and after."""
    customer = await service.get_customer(session, ctx.tenant_id, customer_id)
    rows, total = await audit.customer_history(
        session,
        ctx.tenant_id,
        customer_id,
        import_id=customer.import_id,
        page=paging.page,
        page_size=paging.page_size,
    )
    return Page(
        items=[HistoryEntry.model_validate(r) for r in rows],
        total=total,
        page=paging.page,
        page_size=paging.page_size,
    )


@router.get(
    "/{customer_id:uuid}/notes",
    response_model=notes.NoteList,
    responses=responses(service.CustomerNotFound),
)
async def list_customer_notes(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead
) -> notes.NoteList:
    """The notes staff wrote on this customer, newest first (at most 200)."""
    rows = await notes.list_notes(session, ctx.tenant_id, customer_id)
    return notes.NoteList(items=[notes.NoteOut.model_validate(n) for n in rows])


@router.post(
    "/{customer_id:uuid}/notes",
    response_model=notes.NoteOut,
    status_code=status.HTTP_201_CREATED,
    responses=responses(service.CustomerNotFound, service.CustomerErased),
)
async def add_customer_note(
    customer_id: uuid.UUID, body: notes.NoteIn, session: SessionDep, ctx: CustomersWrite
) -> notes.NoteOut:
    """Write a note on the customer (at most 2000 characters); audited."""
    return notes.NoteOut.model_validate(await notes.add_note(session, ctx, customer_id, body))
