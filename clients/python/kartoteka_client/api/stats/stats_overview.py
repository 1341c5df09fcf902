import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.overview import Overview
from ...models.problem import Problem
from ...models.stats_overview_granularity import StatsOverviewGranularity
from ...models.stats_overview_preset import StatsOverviewPreset
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    preset: StatsOverviewPreset | Unset = StatsOverviewPreset.LAST_30_DAYS,
    granularity: StatsOverviewGranularity | Unset = StatsOverviewGranularity.DAY,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    location: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    segment_id: None | Unset | UUID = UNSET,
    exclude_imported: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_preset: str | Unset = UNSET
    if not isinstance(preset, Unset):
        json_preset = preset.value

    params["preset"] = json_preset

    json_granularity: str | Unset = UNSET
    if not isinstance(granularity, Unset):
        json_granularity = granularity.value

    params["granularity"] = json_granularity

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

    json_location: None | str | Unset
    if isinstance(location, Unset):
        json_location = UNSET
    else:
        json_location = location
    params["location"] = json_location

    json_filter_: None | str | Unset
    if isinstance(filter_, Unset):
        json_filter_ = UNSET
    else:
        json_filter_ = filter_
    params["filter"] = json_filter_

    json_segment_id: None | str | Unset
    if isinstance(segment_id, Unset):
        json_segment_id = UNSET
    elif isinstance(segment_id, UUID):
        json_segment_id = str(segment_id)
    else:
        json_segment_id = segment_id
    params["segment_id"] = json_segment_id

    params["exclude_imported"] = exclude_imported

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/stats/overview",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Overview | Problem | None:
    if response.status_code == 200:
        response_200 = Overview.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Overview | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    preset: StatsOverviewPreset | Unset = StatsOverviewPreset.LAST_30_DAYS,
    granularity: StatsOverviewGranularity | Unset = StatsOverviewGranularity.DAY,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    location: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    segment_id: None | Unset | UUID = UNSET,
    exclude_imported: bool | Unset = False,
) -> Response[Overview | Problem]:
    """Stats Overview

     New customers, revenue, transactions and vouchers over time, with the previous period.

    Args:
        preset (StatsOverviewPreset | Unset):  Default: StatsOverviewPreset.LAST_30_DAYS.
        granularity (StatsOverviewGranularity | Unset):  Default: StatsOverviewGranularity.DAY.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        location (None | str | Unset): A location code
        filter_ (None | str | Unset): Only customers matching this filter (text form), e.g. `city
            = Kraków`
        segment_id (None | Unset | UUID): Only customers of this segment
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Overview | Problem]
    """

    kwargs = _get_kwargs(
        preset=preset,
        granularity=granularity,
        from_=from_,
        to=to,
        location=location,
        filter_=filter_,
        segment_id=segment_id,
        exclude_imported=exclude_imported,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    preset: StatsOverviewPreset | Unset = StatsOverviewPreset.LAST_30_DAYS,
    granularity: StatsOverviewGranularity | Unset = StatsOverviewGranularity.DAY,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    location: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    segment_id: None | Unset | UUID = UNSET,
    exclude_imported: bool | Unset = False,
) -> Overview | Problem | None:
    """Stats Overview

     New customers, revenue, transactions and vouchers over time, with the previous period.

    Args:
        preset (StatsOverviewPreset | Unset):  Default: StatsOverviewPreset.LAST_30_DAYS.
        granularity (StatsOverviewGranularity | Unset):  Default: StatsOverviewGranularity.DAY.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        location (None | str | Unset): A location code
        filter_ (None | str | Unset): Only customers matching this filter (text form), e.g. `city
            = Kraków`
        segment_id (None | Unset | UUID): Only customers of this segment
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Overview | Problem
    """

    return sync_detailed(
        client=client,
        preset=preset,
        granularity=granularity,
        from_=from_,
        to=to,
        location=location,
        filter_=filter_,
        segment_id=segment_id,
        exclude_imported=exclude_imported,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    preset: StatsOverviewPreset | Unset = StatsOverviewPreset.LAST_30_DAYS,
    granularity: StatsOverviewGranularity | Unset = StatsOverviewGranularity.DAY,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    location: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    segment_id: None | Unset | UUID = UNSET,
    exclude_imported: bool | Unset = False,
) -> Response[Overview | Problem]:
    """Stats Overview

     New customers, revenue, transactions and vouchers over time, with the previous period.

    Args:
        preset (StatsOverviewPreset | Unset):  Default: StatsOverviewPreset.LAST_30_DAYS.
        granularity (StatsOverviewGranularity | Unset):  Default: StatsOverviewGranularity.DAY.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        location (None | str | Unset): A location code
        filter_ (None | str | Unset): Only customers matching this filter (text form), e.g. `city
            = Kraków`
        segment_id (None | Unset | UUID): Only customers of this segment
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Overview | Problem]
    """

    kwargs = _get_kwargs(
        preset=preset,
        granularity=granularity,
        from_=from_,
        to=to,
        location=location,
        filter_=filter_,
        segment_id=segment_id,
        exclude_imported=exclude_imported,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    preset: StatsOverviewPreset | Unset = StatsOverviewPreset.LAST_30_DAYS,
    granularity: StatsOverviewGranularity | Unset = StatsOverviewGranularity.DAY,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    location: None | str | Unset = UNSET,
    filter_: None | str | Unset = UNSET,
    segment_id: None | Unset | UUID = UNSET,
    exclude_imported: bool | Unset = False,
) -> Overview | Problem | None:
    """Stats Overview

     New customers, revenue, transactions and vouchers over time, with the previous period.

    Args:
        preset (StatsOverviewPreset | Unset):  Default: StatsOverviewPreset.LAST_30_DAYS.
        granularity (StatsOverviewGranularity | Unset):  Default: StatsOverviewGranularity.DAY.
        from_ (datetime.date | None | Unset): First day (custom preset), local
        to (datetime.date | None | Unset): Last day, inclusive (custom preset)
        location (None | str | Unset): A location code
        filter_ (None | str | Unset): Only customers matching this filter (text form), e.g. `city
            = Kraków`
        segment_id (None | Unset | UUID): Only customers of this segment
        exclude_imported (bool | Unset): Leave out the customers an import created (and their
            sales, vouchers and consents), so one import does not flatten the charts; sales without a
            customer stay Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Overview | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            preset=preset,
            granularity=granularity,
            from_=from_,
            to=to,
            location=location,
            filter_=filter_,
            segment_id=segment_id,
            exclude_imported=exclude_imported,
        )
    ).parsed
