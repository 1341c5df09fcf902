from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.insufficient_points_problem import InsufficientPointsProblem
from ...models.points_redeem_in import PointsRedeemIn
from ...models.problem import Problem
from ...models.redeem_limit_problem import RedeemLimitProblem
from ...models.redeem_out import RedeemOut
from ...types import UNSET, Response, Unset


def _get_kwargs(
    customer_id: UUID,
    *,
    body: PointsRedeemIn,
    idempotencykey: None | str | Unset = UNSET,
    IdempotencyKey: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotencykey, Unset):
        headers["idempotency-key"] = idempotencykey

    if not isinstance(IdempotencyKey, Unset):
        headers["Idempotency-Key"] = IdempotencyKey

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/customers/{customer_id}/points/redeem".format(
            customer_id=quote(str(customer_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut | None:
    if response.status_code == 200:
        response_200 = RedeemOut.from_dict(response.json())

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

        def _parse_response_409(data: object) -> InsufficientPointsProblem | Problem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_409_type_0 = InsufficientPointsProblem.from_dict(data)

                return response_409_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_409_type_1 = Problem.from_dict(data)

            return response_409_type_1

        response_409 = _parse_response_409(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:

        def _parse_response_422(data: object) -> Problem | RedeemLimitProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_422_type_0 = RedeemLimitProblem.from_dict(data)

                return response_422_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            response_422_type_1 = Problem.from_dict(data)

            return response_422_type_1

        response_422 = _parse_response_422(response.json())

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
) -> Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut]:
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
    body: PointsRedeemIn,
    idempotencykey: None | str | Unset = UNSET,
    IdempotencyKey: str | Unset = UNSET,
) -> Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut]:
    """Redeem Points

     Points pay part of a purchase, within the programme's limits; a known ref or
    Idempotency-Key takes nothing again (`replayed: true`).

    Args:
        customer_id (UUID):
        idempotencykey (None | str | Unset):
        IdempotencyKey (str | Unset):
        body (PointsRedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        body=body,
        idempotencykey=idempotencykey,
        IdempotencyKey=IdempotencyKey,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PointsRedeemIn,
    idempotencykey: None | str | Unset = UNSET,
    IdempotencyKey: str | Unset = UNSET,
) -> InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut | None:
    """Redeem Points

     Points pay part of a purchase, within the programme's limits; a known ref or
    Idempotency-Key takes nothing again (`replayed: true`).

    Args:
        customer_id (UUID):
        idempotencykey (None | str | Unset):
        IdempotencyKey (str | Unset):
        body (PointsRedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut
    """

    return sync_detailed(
        customer_id=customer_id,
        client=client,
        body=body,
        idempotencykey=idempotencykey,
        IdempotencyKey=IdempotencyKey,
    ).parsed


async def asyncio_detailed(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PointsRedeemIn,
    idempotencykey: None | str | Unset = UNSET,
    IdempotencyKey: str | Unset = UNSET,
) -> Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut]:
    """Redeem Points

     Points pay part of a purchase, within the programme's limits; a known ref or
    Idempotency-Key takes nothing again (`replayed: true`).

    Args:
        customer_id (UUID):
        idempotencykey (None | str | Unset):
        IdempotencyKey (str | Unset):
        body (PointsRedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut]
    """

    kwargs = _get_kwargs(
        customer_id=customer_id,
        body=body,
        idempotencykey=idempotencykey,
        IdempotencyKey=IdempotencyKey,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    customer_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PointsRedeemIn,
    idempotencykey: None | str | Unset = UNSET,
    IdempotencyKey: str | Unset = UNSET,
) -> InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut | None:
    """Redeem Points

     Points pay part of a purchase, within the programme's limits; a known ref or
    Idempotency-Key takes nothing again (`replayed: true`).

    Args:
        customer_id (UUID):
        idempotencykey (None | str | Unset):
        IdempotencyKey (str | Unset):
        body (PointsRedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | RedeemOut
    """

    return (
        await asyncio_detailed(
            customer_id=customer_id,
            client=client,
            body=body,
            idempotencykey=idempotencykey,
            IdempotencyKey=IdempotencyKey,
        )
    ).parsed
