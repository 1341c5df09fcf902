from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.adjust_in import AdjustIn
from ...models.adjust_out import AdjustOut
from ...models.insufficient_points_problem import InsufficientPointsProblem
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    customer_id: UUID,
    *,
    body: AdjustIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/customers/{customer_id}/points/adjust".format(
            customer_id=quote(str(customer_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AdjustOut | InsufficientPointsProblem | Problem | None:
    if response.status_code == 200:
        response_200 = AdjustOut.from_dict(response.json())

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
        response_409 = InsufficientPointsProblem.from_dict(response.json())

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
) -> Response[AdjustOut | InsufficientPointsProblem | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdjustIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[AdjustOut | InsufficientPointsProblem | Problem]:
    """Adjust Points

     Add or take points by hand, with a reason (audited).

    Args:
        customer_id (UUID):
        idempotency_key (str | Unset):
        body (AdjustIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdjustOut | InsufficientPointsProblem | Problem]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdjustIn,
    idempotency_key: str | Unset = UNSET,
) -> AdjustOut | InsufficientPointsProblem | Problem | None:
    """Adjust Points

     Add or take points by hand, with a reason (audited).

    Args:
        customer_id (UUID):
        idempotency_key (str | Unset):
        body (AdjustIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdjustOut | InsufficientPointsProblem | Problem
    """

    return sync_detailed(
        customer_id=customer_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdjustIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[AdjustOut | InsufficientPointsProblem | Problem]:
    """Adjust Points

     Add or take points by hand, with a reason (audited).

    Args:
        customer_id (UUID):
        idempotency_key (str | Unset):
        body (AdjustIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AdjustOut | InsufficientPointsProblem | Problem]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: AdjustIn,
    idempotency_key: str | Unset = UNSET,
) -> AdjustOut | InsufficientPointsProblem | Problem | None:
    """Adjust Points

     Add or take points by hand, with a reason (audited).

    Args:
        customer_id (UUID):
        idempotency_key (str | Unset):
        body (AdjustIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AdjustOut | InsufficientPointsProblem | Problem
    """

    return (
        await asyncio_detailed(
            customer_id=customer_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
