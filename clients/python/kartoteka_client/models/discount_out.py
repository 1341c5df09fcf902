from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DiscountOut")


@_attrs_define
class DiscountOut:
    """
    Attributes:
        percent (str):
        limit (None | str):
        period (str):
        used (str): Discount given in the current period
        limit_lifted (bool): Staff lifted the limit for the current period
    """

    percent: str
    limit: None | str
    period: str
    used: str
    limit_lifted: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        percent = self.percent

        limit: None | str
        limit = self.limit

        period = self.period

        used = self.used

        limit_lifted = self.limit_lifted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "percent": percent,
                "limit": limit,
                "period": period,
                "used": used,
                "limit_lifted": limit_lifted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        percent = d.pop("percent")

        def _parse_limit(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        limit = _parse_limit(d.pop("limit"))

        period = d.pop("period")

        used = d.pop("used")

        limit_lifted = d.pop("limit_lifted")

        discount_out = cls(
            percent=percent,
            limit=limit,
            period=period,
            used=used,
            limit_lifted=limit_lifted,
        )

        discount_out.additional_properties = d
        return discount_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
