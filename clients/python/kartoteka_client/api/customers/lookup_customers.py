from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.lookup_result import LookupResult
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    card: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_phone: None | str | Unset
    if isinstance(phone, Unset):
        json_phone = UNSET
    else:
        json_phone = phone
    params["phone"] = json_phone

    json_email: None | str | Unset
    if isinstance(email, Unset):
        json_email = UNSET
    else:
        json_email = email
    params["email"] = json_email

    json_card: None | str | Unset
    if isinstance(card, Unset):
        json_card = UNSET
    else:
        json_card = card
    params["card"] = json_card

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/customers/lookup",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> LookupResult | Problem | None:
    if response.status_code == 200:
        response_200 = LookupResult.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[LookupResult | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    card: None | str | Unset = UNSET,
) -> Response[LookupResult | Problem]:
    """Lookup Customers

     Who is at the till: exact match by a phone in any spelling, an email or a card number.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        card (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LookupResult | Problem]
    """

    kwargs = _get_kwargs(
        phone=phone,
        email=email,
        card=card,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    card: None | str | Unset = UNSET,
) -> LookupResult | Problem | None:
    """Lookup Customers

     Who is at the till: exact match by a phone in any spelling, an email or a card number.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        card (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LookupResult | Problem
    """

    return sync_detailed(
        client=client,
        phone=phone,
        email=email,
        card=card,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    card: None | str | Unset = UNSET,
) -> Response[LookupResult | Problem]:
    """Lookup Customers

     Who is at the till: exact match by a phone in any spelling, an email or a card number.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        card (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[LookupResult | Problem]
    """

    kwargs = _get_kwargs(
        phone=phone,
        email=email,
        card=card,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    card: None | str | Unset = UNSET,
) -> LookupResult | Problem | None:
    """Lookup Customers

     Who is at the till: exact match by a phone in any spelling, an email or a card number.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        card (None | str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        LookupResult | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            phone=phone,
            email=email,
            card=card,
        )
    ).parsed
