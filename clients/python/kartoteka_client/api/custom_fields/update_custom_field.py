from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.custom_field_out import CustomFieldOut
from ...models.custom_field_patch import CustomFieldPatch
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    field_id: UUID,
    *,
    body: CustomFieldPatch,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/custom-fields/{field_id}".format(
            field_id=quote(str(field_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomFieldOut | Problem | None:
    if response.status_code == 200:
        response_200 = CustomFieldOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CustomFieldOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    field_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CustomFieldPatch,
) -> Response[CustomFieldOut | Problem]:
    """Update Custom Field

     Change a custom field's label, choices or whether it is required (its key and type are fixed).

    Args:
        field_id (UUID):
        body (CustomFieldPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomFieldOut | Problem]
    """

    kwargs = _get_kwargs(
        field_id=field_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    field_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CustomFieldPatch,
) -> CustomFieldOut | Problem | None:
    """Update Custom Field

     Change a custom field's label, choices or whether it is required (its key and type are fixed).

    Args:
        field_id (UUID):
        body (CustomFieldPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomFieldOut | Problem
    """

    return sync_detailed(
        field_id=field_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    field_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CustomFieldPatch,
) -> Response[CustomFieldOut | Problem]:
    """Update Custom Field

     Change a custom field's label, choices or whether it is required (its key and type are fixed).

    Args:
        field_id (UUID):
        body (CustomFieldPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomFieldOut | Problem]
    """

    kwargs = _get_kwargs(
        field_id=field_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    field_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CustomFieldPatch,
) -> CustomFieldOut | Problem | None:
    """Update Custom Field

     Change a custom field's label, choices or whether it is required (its key and type are fixed).

    Args:
        field_id (UUID):
        body (CustomFieldPatch):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomFieldOut | Problem
    """

    return (
        await asyncio_detailed(
            field_id=field_id,
            client=client,
            body=body,
        )
    ).parsed
