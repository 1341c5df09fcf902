import html
import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import HTMLResponse

from app.auth.deps import AdminOnly, CustomersRead, ExportsScope
from app.core.config import get_settings
from app.core.deps import SessionDep
from app.core.downloads import content_disposition
from app.core.errors import responses
from app.core.headers import API_PREFIX
from app.customers.service import CustomerNotFound, get_customer
from app.privacy import erasure, service
from app.privacy import unsubscribe as links
from app.privacy.schemas import ErasureOut, PersonalDataFormat, PersonalDataOut

router = APIRouter(prefix="/customers", tags=["privacy"])


@router.get(
    "/{customer_id:uuid}/personal-data",
    response_model=PersonalDataOut,
    responses={
        **responses(CustomerNotFound),
        200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}},
    },
)
async def personal_data(
    customer_id: uuid.UUID,
    session: SessionDep,
    ctx: ExportsScope,
    format: Annotated[
        PersonalDataFormat, Query(description="`json`, or `zip`: the JSON and a CSV per section")
    ] = "json",
) -> PersonalDataOut | Response:
    """Everything held about one customer, for their access or portability request; logged
    like an export."""
    data = await service.personal_data(session, ctx, customer_id, format)
    if format == "json":
        return data
    name = f"personal-data-{customer_id}.zip"
    return Response(
        service.as_zip(data),
        media_type="application/zip",
        headers={"Content-Disposition": content_disposition(name), "Cache-Control": "no-store"},
    )


@router.post(
    "/{customer_id:uuid}/erase",
    response_model=ErasureOut,
    responses=responses(CustomerNotFound),
)
async def erase_customer(customer_id: uuid.UUID, session: SessionDep, ctx: AdminOnly) -> ErasureOut:
    """Erase the person's identity at their request (owners and admins).

    Names, contacts, address, birth date, notes, custom values, cards, tags, consents and the
    external id go; the amounts stay on a tombstone so revenue and voucher ledgers add up.
    The person is also scrubbed from the audit log's values, import staging rows, error rows,
    stored idempotent responses and upload files, and their identity is kept only as keyed
    hashes so that it is not re-created unnoticed (409 `erased_subject`, row error in
    imports; `subject_returned=true` when the person came back). Repeating it changes
    nothing (`already`)."""
    return await erasure.erase(session, ctx, customer_id)


@router.get(
    "/{customer_id:uuid}/unsubscribe-links",
    response_model=dict[str, str],
    responses=responses(CustomerNotFound),
)
async def unsubscribe_links(
    customer_id: uuid.UUID, session: SessionDep, ctx: CustomersRead, request: Request
) -> dict[str, str]:
    """A signed, login-free unsubscribe link per consent channel, to put in the mail you send
    this customer (also as `List-Unsubscribe`, with `List-Unsubscribe-Post:
    List-Unsubscribe=One-Click`). Opening one shows a confirmation; its POST withdraws."""
    await get_customer(session, ctx.tenant_id, customer_id)
    # The address people reach us at when set: a mailing system inside the operator's network
    # may call the API at an address no recipient could open.
    base = (get_settings().public_url or str(request.base_url)).rstrip("/") + API_PREFIX
    return links.links_for(base, ctx.tenant_id, customer_id)


public = APIRouter(prefix="/unsubscribe", tags=["privacy"])
_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<body><main><h1>{title}</h1><p>{text}</p>{form}</main></body></html>"""
_HTML = {"content": {"text/html": {"schema": {"type": "string"}}}}


def _page(title: str, text: str, form: str = "", status: int = 200) -> HTMLResponse:
    body = _PAGE.format(title=html.escape(title), text=html.escape(text), form=form)
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


@public.get("/{token}", response_class=HTMLResponse, responses={200: _HTML, 404: _HTML})
async def unsubscribe_page(token: Annotated[str, Path(max_length=100)]) -> HTMLResponse:
    """The page an unsubscribe link opens: a button, so that mail scanners withdraw nothing."""
    try:
        link = links.read(token)
    except links.InvalidLink as exc:
        return _page("Link not valid", exc.detail or exc.title, status=404)
    form = '<form method="post"><button type="submit">Unsubscribe</button></form>'
    return _page("Unsubscribe", f"Stop receiving {link.channel.replace('_', ' ')}?", form)


@public.post("/{token}", response_class=HTMLResponse, responses={200: _HTML, 404: _HTML})
async def unsubscribe(
    token: Annotated[str, Path(max_length=100)], session: SessionDep
) -> HTMLResponse:
    """Withdraw the consent the link names (the person's button, or an RFC 8058 one-click
    POST from a mail client); recorded with the person as its author. Repeating it is harmless."""
    try:
        business = await links.withdraw(session, links.read(token))
    except links.InvalidLink as exc:
        return _page("Link not valid", exc.detail or exc.title, status=404)
    return _page("Unsubscribed", f"{business} will no longer send you this kind of message.")
