from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.discount_in_period import DiscountInPeriod
from ..types import UNSET, Unset

T = TypeVar("T", bound="DiscountIn")


@_attrs_define
class DiscountIn:
    """
    Attributes:
        percent (float | str):
        limit (float | None | str | Unset): Most discount money per period; none: no limit
        period (DiscountInPeriod | Unset):  Default: DiscountInPeriod.MONTH.
    """

    percent: float | str
    limit: float | None | str | Unset = UNSET
    period: DiscountInPeriod | Unset = DiscountInPeriod.MONTH

    def to_dict(self) -> dict[str, Any]:
        percent: float | str
        percent = self.percent

        limit: float | None | str | Unset
        if isinstance(self.limit, Unset):
            limit = UNSET
        else:
            limit = self.limit

        period: str | Unset = UNSET
        if not isinstance(self.period, Unset):
            period = self.period.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "percent": percent,
            }
        )
        if limit is not UNSET:
            field_dict["limit"] = limit
        if period is not UNSET:
            field_dict["period"] = period

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_percent(data: object) -> float | str:
            return cast(float | str, data)

        percent = _parse_percent(d.pop("percent"))

        def _parse_limit(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        limit = _parse_limit(d.pop("limit", UNSET))

        _period = d.pop("period", UNSET)
        period: DiscountInPeriod | Unset
        if isinstance(_period, Unset):
            period = UNSET
        else:
            period = DiscountInPeriod(_period)

        discount_in = cls(
            percent=percent,
            limit=limit,
            period=period,
        )

        return discount_in
