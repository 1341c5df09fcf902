from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.list_vouchers_status_type_0 import ListVouchersStatusType0
from ...models.page_voucher_out import PageVoucherOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: ListVouchersStatusType0 | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ListVouchersStatusType0):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_customer_id: None | str | Unset
    if isinstance(customer_id, Unset):
        json_customer_id = UNSET
    elif isinstance(customer_id, UUID):
        json_customer_id = str(customer_id)
    else:
        json_customer_id = customer_id
    params["customer_id"] = json_customer_id

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/vouchers",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageVoucherOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageVoucherOut.from_dict(response.json())

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
) -> Response[PageVoucherOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: ListVouchersStatusType0 | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> Response[PageVoucherOut | Problem]:
    """List Vouchers

     A page of vouchers, newest first, optionally by status or customer.

    Args:
        status (ListVouchersStatusType0 | None | Unset):
        customer_id (None | Unset | UUID):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageVoucherOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        customer_id=customer_id,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: ListVouchersStatusType0 | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> PageVoucherOut | Problem | None:
    """List Vouchers

     A page of vouchers, newest first, optionally by status or customer.

    Args:
        status (ListVouchersStatusType0 | None | Unset):
        customer_id (None | Unset | UUID):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageVoucherOut | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        customer_id=customer_id,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: ListVouchersStatusType0 | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> Response[PageVoucherOut | Problem]:
    """List Vouchers

     A page of vouchers, newest first, optionally by status or customer.

    Args:
        status (ListVouchersStatusType0 | None | Unset):
        customer_id (None | Unset | UUID):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageVoucherOut | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        customer_id=customer_id,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: ListVouchersStatusType0 | None | Unset = UNSET,
    customer_id: None | Unset | UUID = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> PageVoucherOut | Problem | None:
    """List Vouchers

     A page of vouchers, newest first, optionally by status or customer.

    Args:
        status (ListVouchersStatusType0 | None | Unset):
        customer_id (None | Unset | UUID):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageVoucherOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            customer_id=customer_id,
            page=page,
            page_size=page_size,
        )
    ).parsed
