from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_import_error_out import PageImportErrorOut
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    import_id: UUID,
    *,
    include: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    column: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_include: None | str | Unset
    if isinstance(include, Unset):
        json_include = UNSET
    else:
        json_include = include
    params["include"] = json_include

    json_code: None | str | Unset
    if isinstance(code, Unset):
        json_code = UNSET
    else:
        json_code = code
    params["code"] = json_code

    json_column: None | str | Unset
    if isinstance(column, Unset):
        json_column = UNSET
    else:
        json_column = column
    params["column"] = json_column

    params["page"] = page

    params["page_size"] = page_size

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/imports/{import_id}/errors".format(
            import_id=quote(str(import_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageImportErrorOut | Problem | None:
    if response.status_code == 200:
        response_200 = PageImportErrorOut.from_dict(response.json())

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
) -> Response[PageImportErrorOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    import_id: UUID,
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    column: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> Response[PageImportErrorOut | Problem]:
    """List Errors

     The rejected rows, one item per problem; `include=skipped` adds rows matched in the base;
    `code` and `column` keep one kind of problem (a group of `GET …/errors/groups`).

    Args:
        import_id (UUID):
        include (None | str | Unset):
        code (None | str | Unset):
        column (None | str | Unset):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageImportErrorOut | Problem]
    """

    kwargs = _get_kwargs(
        import_id=import_id,
        include=include,
        code=code,
        column=column,
        page=page,
        page_size=page_size,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    import_id: UUID,
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    column: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> PageImportErrorOut | Problem | None:
    """List Errors

     The rejected rows, one item per problem; `include=skipped` adds rows matched in the base;
    `code` and `column` keep one kind of problem (a group of `GET …/errors/groups`).

    Args:
        import_id (UUID):
        include (None | str | Unset):
        code (None | str | Unset):
        column (None | str | Unset):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageImportErrorOut | Problem
    """

    return sync_detailed(
        import_id=import_id,
        client=client,
        include=include,
        code=code,
        column=column,
        page=page,
        page_size=page_size,
    ).parsed


async def asyncio_detailed(
    import_id: UUID,
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    column: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> Response[PageImportErrorOut | Problem]:
    """List Errors

     The rejected rows, one item per problem; `include=skipped` adds rows matched in the base;
    `code` and `column` keep one kind of problem (a group of `GET …/errors/groups`).

    Args:
        import_id (UUID):
        include (None | str | Unset):
        code (None | str | Unset):
        column (None | str | Unset):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageImportErrorOut | Problem]
    """

    kwargs = _get_kwargs(
        import_id=import_id,
        include=include,
        code=code,
        column=column,
        page=page,
        page_size=page_size,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    import_id: UUID,
    *,
    client: AuthenticatedClient,
    include: None | str | Unset = UNSET,
    code: None | str | Unset = UNSET,
    column: None | str | Unset = UNSET,
    page: int | Unset = 1,
    page_size: int | Unset = 50,
) -> PageImportErrorOut | Problem | None:
    """List Errors

     The rejected rows, one item per problem; `include=skipped` adds rows matched in the base;
    `code` and `column` keep one kind of problem (a group of `GET …/errors/groups`).

    Args:
        import_id (UUID):
        include (None | str | Unset):
        code (None | str | Unset):
        column (None | str | Unset):
        page (int | Unset): 1-based page number Default: 1.
        page_size (int | Unset): Rows per page Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageImportErrorOut | Problem
    """

    return (
        await asyncio_detailed(
            import_id=import_id,
            client=client,
            include=include,
            code=code,
            column=column,
            page=page,
            page_size=page_size,
        )
    ).parsed
