import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.consent_stats import ConsentStats
from ...models.problem import Problem
from ...models.stats_consents_preset import StatsConsentsPreset
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    preset: StatsConsentsPreset | Unset = StatsConsentsPreset.LAST_30_DAYS,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    exclude_imported: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_preset: str | Unset = UNSET
    if not isinstance(preset, Unset):
        json_preset = preset.value

    params["preset"] = json_preset

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    params["exclude_imported"] = exclude_imported

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/stats/consents",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ConsentStats | Problem | None:
    if response.status_code == 200:
        response_200 = ConsentStats.from_dict(response.json())

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
) -> Response[ConsentStats | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    preset: StatsConsentsPreset | Unset = StatsConsentsPreset.LAST_30_DAYS,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    exclude_imported: bool | Unset = False,
) -> Response[ConsentStats | Problem]:
    """Stats Consents

     Customers with each consent granted, and the grants and withdrawals in the period.

    Args:
        preset (StatsConsentsPreset | Unset):  Default: StatsConsentsPreset.LAST_30_DAYS.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsentStats | Problem]
    """

    kwargs = _get_kwargs(
        preset=preset,
        from_=from_,
        to=to,
        exclude_imported=exclude_imported,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    preset: StatsConsentsPreset | Unset = StatsConsentsPreset.LAST_30_DAYS,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    exclude_imported: bool | Unset = False,
) -> ConsentStats | Problem | None:
    """Stats Consents

     Customers with each consent granted, and the grants and withdrawals in the period.

    Args:
        preset (StatsConsentsPreset | Unset):  Default: StatsConsentsPreset.LAST_30_DAYS.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsentStats | Problem
    """

    return sync_detailed(
        client=client,
        preset=preset,
        from_=from_,
        to=to,
        exclude_imported=exclude_imported,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    preset: StatsConsentsPreset | Unset = StatsConsentsPreset.LAST_30_DAYS,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    exclude_imported: bool | Unset = False,
) -> Response[ConsentStats | Problem]:
    """Stats Consents

     Customers with each consent granted, and the grants and withdrawals in the period.

    Args:
        preset (StatsConsentsPreset | Unset):  Default: StatsConsentsPreset.LAST_30_DAYS.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConsentStats | Problem]
    """

    kwargs = _get_kwargs(
        preset=preset,
        from_=from_,
        to=to,
        exclude_imported=exclude_imported,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    preset: StatsConsentsPreset | Unset = StatsConsentsPreset.LAST_30_DAYS,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    exclude_imported: bool | Unset = False,
) -> ConsentStats | Problem | None:
    """Stats Consents

     Customers with each consent granted, and the grants and withdrawals in the period.

    Args:
        preset (StatsConsentsPreset | Unset):  Default: StatsConsentsPreset.LAST_30_DAYS.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConsentStats | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            preset=preset,
            from_=from_,
            to=to,
            exclude_imported=exclude_imported,
        )
    ).parsed
