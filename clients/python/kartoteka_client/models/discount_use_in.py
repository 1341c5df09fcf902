from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="DiscountUseIn")


@_attrs_define
class DiscountUseIn:
    """
    Attributes:
        purchase_amount (float | str):
    """

    purchase_amount: float | str

    def to_dict(self) -> dict[str, Any]:
        purchase_amount: float | str
        purchase_amount = self.purchase_amount

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "purchase_amount": purchase_amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_purchase_amount(data: object) -> float | str:
            return cast(float | str, data)

        purchase_amount = _parse_purchase_amount(d.pop("purchase_amount"))

        discount_use_in = cls(
            purchase_amount=purchase_amount,
        )

        return discount_use_in
