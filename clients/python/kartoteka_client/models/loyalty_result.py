from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LoyaltyResult")


@_attrs_define
class LoyaltyResult:
    """
    Attributes:
        points_earned (int):
        points_redeemed (int):
        points_clawed_back (int):
        points_balance (int):
    """

    points_earned: int
    points_redeemed: int
    points_clawed_back: int
    points_balance: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        points_earned = self.points_earned

        points_redeemed = self.points_redeemed

        points_clawed_back = self.points_clawed_back

        points_balance = self.points_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "points_earned": points_earned,
                "points_redeemed": points_redeemed,
                "points_clawed_back": points_clawed_back,
                "points_balance": points_balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        points_earned = d.pop("points_earned")

        points_redeemed = d.pop("points_redeemed")

        points_clawed_back = d.pop("points_clawed_back")

        points_balance = d.pop("points_balance")

        loyalty_result = cls(
            points_earned=points_earned,
            points_redeemed=points_redeemed,
            points_clawed_back=points_clawed_back,
            points_balance=points_balance,
        )

        loyalty_result.additional_properties = d
        return loyalty_result

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
