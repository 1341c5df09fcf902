from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerLoyalty")


@_attrs_define
class CustomerLoyalty:
    """The customer's loyalty account at a glance (zeros when the customer has none yet).

    Attributes:
        points_balance (int | Unset): Points available to redeem Default: 0.
        points_pending (int | Unset): Points earned, not yet available Default: 0.
        level (None | str | Unset):
        discount_percent (str | Unset): The percent the till gives: the customer's own, or the level's when higher
            (while the programme is enabled) Default: '0'.
        promo_credit_balance (str | Unset):  Default: '0'.
    """

    points_balance: int | Unset = 0
    points_pending: int | Unset = 0
    level: None | str | Unset = UNSET
    discount_percent: str | Unset = "0"
    promo_credit_balance: str | Unset = "0"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        points_balance = self.points_balance

        points_pending = self.points_pending

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        discount_percent = self.discount_percent

        promo_credit_balance = self.promo_credit_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if points_balance is not UNSET:
            field_dict["points_balance"] = points_balance
        if points_pending is not UNSET:
            field_dict["points_pending"] = points_pending
        if level is not UNSET:
            field_dict["level"] = level
        if discount_percent is not UNSET:
            field_dict["discount_percent"] = discount_percent
        if promo_credit_balance is not UNSET:
            field_dict["promo_credit_balance"] = promo_credit_balance

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        points_balance = d.pop("points_balance", UNSET)

        points_pending = d.pop("points_pending", UNSET)

        def _parse_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        discount_percent = d.pop("discount_percent", UNSET)

        promo_credit_balance = d.pop("promo_credit_balance", UNSET)

        customer_loyalty = cls(
            points_balance=points_balance,
            points_pending=points_pending,
            level=level,
            discount_percent=discount_percent,
            promo_credit_balance=promo_credit_balance,
        )

        customer_loyalty.additional_properties = d
        return customer_loyalty

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
