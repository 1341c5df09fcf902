from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.redeem_in import RedeemIn
from ...models.redeem_result import RedeemResult
from ...models.voucher_overspent_problem import VoucherOverspentProblem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    code: str,
    *,
    body: RedeemIn,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/vouchers/{code}/redeem".format(
            code=quote(str(code), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Problem | Problem | VoucherOverspentProblem | RedeemResult | None:
    if response.status_code == 200:
        response_200 = RedeemResult.from_dict(response.json())

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

        def _parse_response_409(data: object) -> Problem | VoucherOverspentProblem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_409_type_0 = VoucherOverspentProblem.from_dict(data)

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
) -> Response[Problem | Problem | VoucherOverspentProblem | RedeemResult]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | Problem | VoucherOverspentProblem | RedeemResult]:
    """Redeem Voucher

     Take an amount off the voucher at the till.

    - `amount` voucher: send `amount` (at most the balance; with `purchase_amount`, at most that).
    - `percent` voucher: send `purchase_amount`; the discount is purchase × percent / 100, rounded
      half up to the cent, and is the redemption's `amount`. An `amount` sent too must equal it
      (`discount_mismatch`); a discount under a cent is `purchase_amount_too_small`. The voucher
      is then used up.
    - `transaction_ref` redeems a voucher once: a retry with the same amounts answers 200 with the
      first redemption and `replayed: true`, taking nothing; other amounts are
      `transaction_ref_reused`. `Idempotency-Key` works too, for calls without a reference.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Problem | VoucherOverspentProblem | RedeemResult]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | Problem | VoucherOverspentProblem | RedeemResult | None:
    """Redeem Voucher

     Take an amount off the voucher at the till.

    - `amount` voucher: send `amount` (at most the balance; with `purchase_amount`, at most that).
    - `percent` voucher: send `purchase_amount`; the discount is purchase × percent / 100, rounded
      half up to the cent, and is the redemption's `amount`. An `amount` sent too must equal it
      (`discount_mismatch`); a discount under a cent is `purchase_amount_too_small`. The voucher
      is then used up.
    - `transaction_ref` redeems a voucher once: a retry with the same amounts answers 200 with the
      first redemption and `replayed: true`, taking nothing; other amounts are
      `transaction_ref_reused`. `Idempotency-Key` works too, for calls without a reference.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Problem | VoucherOverspentProblem | RedeemResult
    """

    return sync_detailed(
        code=code,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemIn,
    idempotency_key: str | Unset = UNSET,
) -> Response[Problem | Problem | VoucherOverspentProblem | RedeemResult]:
    """Redeem Voucher

     Take an amount off the voucher at the till.

    - `amount` voucher: send `amount` (at most the balance; with `purchase_amount`, at most that).
    - `percent` voucher: send `purchase_amount`; the discount is purchase × percent / 100, rounded
      half up to the cent, and is the redemption's `amount`. An `amount` sent too must equal it
      (`discount_mismatch`); a discount under a cent is `purchase_amount_too_small`. The voucher
      is then used up.
    - `transaction_ref` redeems a voucher once: a retry with the same amounts answers 200 with the
      first redemption and `replayed: true`, taking nothing; other amounts are
      `transaction_ref_reused`. `Idempotency-Key` works too, for calls without a reference.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Problem | VoucherOverspentProblem | RedeemResult]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient,
    body: RedeemIn,
    idempotency_key: str | Unset = UNSET,
) -> Problem | Problem | VoucherOverspentProblem | RedeemResult | None:
    """Redeem Voucher

     Take an amount off the voucher at the till.

    - `amount` voucher: send `amount` (at most the balance; with `purchase_amount`, at most that).
    - `percent` voucher: send `purchase_amount`; the discount is purchase × percent / 100, rounded
      half up to the cent, and is the redemption's `amount`. An `amount` sent too must equal it
      (`discount_mismatch`); a discount under a cent is `purchase_amount_too_small`. The voucher
      is then used up.
    - `transaction_ref` redeems a voucher once: a retry with the same amounts answers 200 with the
      first redemption and `replayed: true`, taking nothing; other amounts are
      `transaction_ref_reused`. `Idempotency-Key` works too, for calls without a reference.

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (RedeemIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Problem | VoucherOverspentProblem | RedeemResult
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
