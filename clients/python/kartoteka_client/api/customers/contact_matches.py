from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.contact_matches import ContactMatches
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    exclude_id: None | Unset | UUID = UNSET,
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

    json_exclude_id: None | str | Unset
    if isinstance(exclude_id, Unset):
        json_exclude_id = UNSET
    elif isinstance(exclude_id, UUID):
        json_exclude_id = str(exclude_id)
    else:
        json_exclude_id = exclude_id
    params["exclude_id"] = json_exclude_id

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/customers/contact-matches",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ContactMatches | Problem | None:
    if response.status_code == 200:
        response_200 = ContactMatches.from_dict(response.json())

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
) -> Response[ContactMatches | Problem]:
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
    exclude_id: None | Unset | UUID = UNSET,
) -> Response[ContactMatches | Problem]:
    """Contact Matches

     Other customers with this phone (any spelling) or email (any case), at most five: for a
    form to warn while it is typed.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        exclude_id (None | Unset | UUID): The customer being edited, not a match of itself

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactMatches | Problem]
    """

    kwargs = _get_kwargs(
        phone=phone,
        email=email,
        exclude_id=exclude_id,
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
    exclude_id: None | Unset | UUID = UNSET,
) -> ContactMatches | Problem | None:
    """Contact Matches

     Other customers with this phone (any spelling) or email (any case), at most five: for a
    form to warn while it is typed.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        exclude_id (None | Unset | UUID): The customer being edited, not a match of itself

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactMatches | Problem
    """

    return sync_detailed(
        client=client,
        phone=phone,
        email=email,
        exclude_id=exclude_id,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    exclude_id: None | Unset | UUID = UNSET,
) -> Response[ContactMatches | Problem]:
    """Contact Matches

     Other customers with this phone (any spelling) or email (any case), at most five: for a
    form to warn while it is typed.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        exclude_id (None | Unset | UUID): The customer being edited, not a match of itself

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ContactMatches | Problem]
    """

    kwargs = _get_kwargs(
        phone=phone,
        email=email,
        exclude_id=exclude_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    phone: None | str | Unset = UNSET,
    email: None | str | Unset = UNSET,
    exclude_id: None | Unset | UUID = UNSET,
) -> ContactMatches | Problem | None:
    """Contact Matches

     Other customers with this phone (any spelling) or email (any case), at most five: for a
    form to warn while it is typed.

    Args:
        phone (None | str | Unset):
        email (None | str | Unset):
        exclude_id (None | Unset | UUID): The customer being edited, not a match of itself

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ContactMatches | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            phone=phone,
            email=email,
            exclude_id=exclude_id,
        )
    ).parsed
