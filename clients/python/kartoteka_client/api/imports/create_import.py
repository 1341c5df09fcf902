from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_import_files_body import CreateImportFilesBody
from ...models.import_out import ImportOut
from ...models.problem import Problem
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: CreateImportFilesBody | File | File | Unset = UNSET,
    mapping: None | str | Unset = UNSET,
    commit: bool | Unset = False,
    encoding: None | str | Unset = UNSET,
    delimiter: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    json_mapping: None | str | Unset
    if isinstance(mapping, Unset):
        json_mapping = UNSET
    else:
        json_mapping = mapping
    params["mapping"] = json_mapping

    params["commit"] = commit

    json_encoding: None | str | Unset
    if isinstance(encoding, Unset):
        json_encoding = UNSET
    else:
        json_encoding = encoding
    params["encoding"] = json_encoding

    json_delimiter: None | str | Unset
    if isinstance(delimiter, Unset):
        json_delimiter = UNSET
    else:
        json_delimiter = delimiter
    params["delimiter"] = json_delimiter

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/imports",
        "params": params,
    }

    if isinstance(body, CreateImportFilesBody):
        if not isinstance(body, Unset):
            _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv"
    if isinstance(body, File):
        if not isinstance(body, Unset):
            _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/octet-stream"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ImportOut | Problem | None:
    if response.status_code == 201:
        response_201 = ImportOut.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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

    if response.status_code == 507:
        response_507 = Problem.from_dict(response.json())

        return response_507

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ImportOut | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateImportFilesBody | File | File | Unset = UNSET,
    mapping: None | str | Unset = UNSET,
    commit: bool | Unset = False,
    encoding: None | str | Unset = UNSET,
    delimiter: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ImportOut | Problem]:
    """Create Import

     Upload a CSV/Excel file: detects its settings and suggests a mapping; `mapping=auto&commit=true`
    runs it all.

    Args:
        mapping (None | str | Unset):
        commit (bool | Unset):  Default: False.
        encoding (None | str | Unset): Read the file in this encoding instead of detecting it
        delimiter (None | str | Unset): Split columns by this character (`\\t` for a tab)
        idempotency_key (str | Unset):
        body (CreateImportFilesBody | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        mapping=mapping,
        commit=commit,
        encoding=encoding,
        delimiter=delimiter,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: CreateImportFilesBody | File | File | Unset = UNSET,
    mapping: None | str | Unset = UNSET,
    commit: bool | Unset = False,
    encoding: None | str | Unset = UNSET,
    delimiter: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ImportOut | Problem | None:
    """Create Import

     Upload a CSV/Excel file: detects its settings and suggests a mapping; `mapping=auto&commit=true`
    runs it all.

    Args:
        mapping (None | str | Unset):
        commit (bool | Unset):  Default: False.
        encoding (None | str | Unset): Read the file in this encoding instead of detecting it
        delimiter (None | str | Unset): Split columns by this character (`\\t` for a tab)
        idempotency_key (str | Unset):
        body (CreateImportFilesBody | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportOut | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        mapping=mapping,
        commit=commit,
        encoding=encoding,
        delimiter=delimiter,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateImportFilesBody | File | File | Unset = UNSET,
    mapping: None | str | Unset = UNSET,
    commit: bool | Unset = False,
    encoding: None | str | Unset = UNSET,
    delimiter: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[ImportOut | Problem]:
    """Create Import

     Upload a CSV/Excel file: detects its settings and suggests a mapping; `mapping=auto&commit=true`
    runs it all.

    Args:
        mapping (None | str | Unset):
        commit (bool | Unset):  Default: False.
        encoding (None | str | Unset): Read the file in this encoding instead of detecting it
        delimiter (None | str | Unset): Split columns by this character (`\\t` for a tab)
        idempotency_key (str | Unset):
        body (CreateImportFilesBody | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ImportOut | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        mapping=mapping,
        commit=commit,
        encoding=encoding,
        delimiter=delimiter,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateImportFilesBody | File | File | Unset = UNSET,
    mapping: None | str | Unset = UNSET,
    commit: bool | Unset = False,
    encoding: None | str | Unset = UNSET,
    delimiter: None | str | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> ImportOut | Problem | None:
    """Create Import

     Upload a CSV/Excel file: detects its settings and suggests a mapping; `mapping=auto&commit=true`
    runs it all.

    Args:
        mapping (None | str | Unset):
        commit (bool | Unset):  Default: False.
        encoding (None | str | Unset): Read the file in this encoding instead of detecting it
        delimiter (None | str | Unset): Split columns by this character (`\\t` for a tab)
        idempotency_key (str | Unset):
        body (CreateImportFilesBody | Unset):
        body (File | Unset):
        body (File | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ImportOut | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            mapping=mapping,
            commit=commit,
            encoding=encoding,
            delimiter=delimiter,
            idempotency_key=idempotency_key,
        )
    ).parsed
