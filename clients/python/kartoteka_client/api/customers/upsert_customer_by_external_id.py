from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.customer_out import CustomerOut
from ...models.customer_patch import CustomerPatch
from ...models.duplicate_contact_problem import DuplicateContactProblem
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    external_id: str,
    *,
    body: CustomerPatch,
    subject_returned: bool | Unset = False,
    allow_duplicate: bool | Unset = False,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["subject_returned"] = subject_returned

    params["allow_duplicate"] = allow_duplicate

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/api/v1/customers/external/{external_id}".format(
            external_id=quote(str(external_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CustomerOut | DuplicateContactProblem | Problem | Problem | None:
    if response.status_code == 200:
        response_200 = CustomerOut.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = CustomerOut.from_dict(response.json())

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

        def _parse_response_409(data: object) -> DuplicateContactProblem | Problem:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                response_409_type_0 = DuplicateContactProblem.from_dict(data)

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
) -> Response[CustomerOut | DuplicateContactProblem | Problem | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CustomerPatch,
    subject_returned: bool | Unset = False,
    allow_duplicate: bool | Unset = False,
) -> Response[CustomerOut | DuplicateContactProblem | Problem | Problem]:
    """Upsert Customer By External Id

     Create or update by the partner's id (idempotent, for e-shop/CRM sync): 201 created, 200 updated.

    Args:
        external_id (str):
        subject_returned (bool | Unset): The person whose data was erased came back and asked to
            be registered again: accept their email, phone, cards or external id (else 409
            `erased_subject`). Default: False.
        allow_duplicate (bool | Unset): Save even though another customer has this phone or email
            (else 409 `duplicate_contact` with the candidates). An email stays unique: a taken one is
            still 409 `email_taken`. Default: False.
        body (CustomerPatch): Only the fields present are changed; `null` clears a field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerOut | DuplicateContactProblem | Problem | Problem]
    """

    kwargs = _get_kwargs(
        external_id=external_id,
        body=body,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CustomerPatch,
    subject_returned: bool | Unset = False,
    allow_duplicate: bool | Unset = False,
) -> CustomerOut | DuplicateContactProblem | Problem | Problem | None:
    """Upsert Customer By External Id

     Create or update by the partner's id (idempotent, for e-shop/CRM sync): 201 created, 200 updated.

    Args:
        external_id (str):
        subject_returned (bool | Unset): The person whose data was erased came back and asked to
            be registered again: accept their email, phone, cards or external id (else 409
            `erased_subject`). Default: False.
        allow_duplicate (bool | Unset): Save even though another customer has this phone or email
            (else 409 `duplicate_contact` with the candidates). An email stays unique: a taken one is
            still 409 `email_taken`. Default: False.
        body (CustomerPatch): Only the fields present are changed; `null` clears a field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerOut | DuplicateContactProblem | Problem | Problem
    """

    return sync_detailed(
        external_id=external_id,
        client=client,
        body=body,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    ).parsed


async def asyncio_detailed(
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CustomerPatch,
    subject_returned: bool | Unset = False,
    allow_duplicate: bool | Unset = False,
) -> Response[CustomerOut | DuplicateContactProblem | Problem | Problem]:
    """Upsert Customer By External Id

     Create or update by the partner's id (idempotent, for e-shop/CRM sync): 201 created, 200 updated.

    Args:
        external_id (str):
        subject_returned (bool | Unset): The person whose data was erased came back and asked to
            be registered again: accept their email, phone, cards or external id (else 409
            `erased_subject`). Default: False.
        allow_duplicate (bool | Unset): Save even though another customer has this phone or email
            (else 409 `duplicate_contact` with the candidates). An email stays unique: a taken one is
            still 409 `email_taken`. Default: False.
        body (CustomerPatch): Only the fields present are changed; `null` clears a field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CustomerOut | DuplicateContactProblem | Problem | Problem]
    """

    kwargs = _get_kwargs(
        external_id=external_id,
        body=body,
        subject_returned=subject_returned,
        allow_duplicate=allow_duplicate,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    external_id: str,
    *,
    client: AuthenticatedClient,
    body: CustomerPatch,
    subject_returned: bool | Unset = False,
    allow_duplicate: bool | Unset = False,
) -> CustomerOut | DuplicateContactProblem | Problem | Problem | None:
    """Upsert Customer By External Id

     Create or update by the partner's id (idempotent, for e-shop/CRM sync): 201 created, 200 updated.

    Args:
        external_id (str):
        subject_returned (bool | Unset): The person whose data was erased came back and asked to
            be registered again: accept their email, phone, cards or external id (else 409
            `erased_subject`). Default: False.
        allow_duplicate (bool | Unset): Save even though another customer has this phone or email
            (else 409 `duplicate_contact` with the candidates). An email stays unique: a taken one is
            still 409 `email_taken`. Default: False.
        body (CustomerPatch): Only the fields present are changed; `null` clears a field.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CustomerOut | DuplicateContactProblem | Problem | Problem
    """

    return (
        await asyncio_detailed(
            external_id=external_id,
            client=client,
            body=body,
            subject_returned=subject_returned,
            allow_duplicate=allow_duplicate,
        )
    ).parsed
