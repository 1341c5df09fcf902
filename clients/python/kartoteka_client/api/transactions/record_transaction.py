from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.insufficient_points_problem import InsufficientPointsProblem
from ...models.problem import Problem
from ...models.redeem_limit_problem import RedeemLimitProblem
from ...models.transaction_in import TransactionIn
from ...models.transaction_recorded import TransactionRecorded
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TransactionIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/transactions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded | None:
    if response.status_code == 200:
        response_200 = TransactionRecorded.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = TransactionRecorded.from_dict(response.json())

        return response_201

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
) -> Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TransactionIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded]:
    """Record Transaction

     Record a purchase or refund from the till or the shop; a known external_ref is a no-op (200).

    Args:
        idempotency_key (str | Unset):
        body (TransactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: TransactionIn,
    idempotency_key: str | Unset = UNSET,
) -> InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded | None:
    """Record Transaction

     Record a purchase or refund from the till or the shop; a known external_ref is a no-op (200).

    Args:
        idempotency_key (str | Unset):
        body (TransactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TransactionIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded]:
    """Record Transaction

     Record a purchase or refund from the till or the shop; a known external_ref is a no-op (200).

    Args:
        idempotency_key (str | Unset):
        body (TransactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TransactionIn,
    idempotency_key: str | Unset = UNSET,
) -> InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded | None:
    """Record Transaction

     Record a purchase or refund from the till or the shop; a known external_ref is a no-op (200).

    Args:
        idempotency_key (str | Unset):
        body (TransactionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InsufficientPointsProblem | Problem | Problem | Problem | RedeemLimitProblem | TransactionRecorded
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
