from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_page import CustomerPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    sort: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_total: bool | Unset = True,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_sort: None | str | Unset
    if isinstance(sort, Unset):
        json_sort = UNSET
    else:
        json_sort = sort
    params["sort"] = json_sort

    json_filter_: None | str | Unset
    if isinstance(filter_, Unset):
        json_filter_ = UNSET
    else:
        json_filter_ = filter_
    params["filter"] = json_filter_

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    params["include_total"] = include_total

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/customers",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CustomerPage | Problem | None:
    if response.status_code == 200:
        response_200 = CustomerPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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
) -> Response[CustomerPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    sort: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_total: bool | Unset = True,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> Response[CustomerPage | Problem]:
    """List Customers

     A page of customers matching `filter` (text form) and quick search `q`, sorted.

    Args:
        sort (None | str | Unset): Comma-separated fields, `-` for descending:
            `-total_spent,last_name`
        filter_ (None | str | Unset):
        q (None | str | Unset):
        include_total (bool | Unset): false: the page without `total` (null), one query fewer. Ask
            the count endpoint with the same `filter` and `q` in parallel to show it when it arrives;
            `has_more` says whether there is a next page. Default: True.
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerPage | Problem]
    """

    kwargs = _get_kwargs(
        sort=sort,
        filter_=filter_,
        q=q,
        include_total=include_total,
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
    sort: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_total: bool | Unset = True,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> CustomerPage | Problem | None:
    """List Customers

     A page of customers matching `filter` (text form) and quick search `q`, sorted.

    Args:
        sort (None | str | Unset): Comma-separated fields, `-` for descending:
            `-total_spent,last_name`
        filter_ (None | str | Unset):
        q (None | str | Unset):
        include_total (bool | Unset): false: the page without `total` (null), one query fewer. Ask
            the count endpoint with the same `filter` and `q` in parallel to show it when it arrives;
            `has_more` says whether there is a next page. Default: True.
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerPage | Problem
    """

    return sync_detailed(
        client=client,
        sort=sort,
        filter_=filter_,
        q=q,
        include_total=include_total,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    sort: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_total: bool | Unset = True,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> Response[CustomerPage | Problem]:
    """List Customers

     A page of customers matching `filter` (text form) and quick search `q`, sorted.

    Args:
        sort (None | str | Unset): Comma-separated fields, `-` for descending:
            `-total_spent,last_name`
        filter_ (None | str | Unset):
        q (None | str | Unset):
        include_total (bool | Unset): false: the page without `total` (null), one query fewer. Ask
            the count endpoint with the same `filter` and `q` in parallel to show it when it arrives;
            `has_more` says whether there is a next page. Default: True.
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerPage | Problem]
    """

    kwargs = _get_kwargs(
        sort=sort,
        filter_=filter_,
        q=q,
        include_total=include_total,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    sort: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    include_total: bool | Unset = True,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> CustomerPage | Problem | None:
    """List Customers

     A page of customers matching `filter` (text form) and quick search `q`, sorted.

    Args:
        sort (None | str | Unset): Comma-separated fields, `-` for descending:
            `-total_spent,last_name`
        filter_ (None | str | Unset):
        q (None | str | Unset):
        include_total (bool | Unset): false: the page without `total` (null), one query fewer. Ask
            the count endpoint with the same `filter` and `q` in parallel to show it when it arrives;
            `has_more` says whether there is a next page. Default: True.
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            sort=sort,
            filter_=filter_,
            q=q,
            include_total=include_total,
            page=page,
            page_size=page_size,
        )
    ).parsed
