from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PointsRedeemIn")


@_attrs_define
class PointsRedeemIn:
    """
    Attributes:
        points (int):
        purchase_amount (float | None | str | Unset): The purchase the points pay for: the per-purchase percent limit
            applies
        ref (None | str | Unset): The till's reference: a retry with the same points takes nothing again (`Idempotency-
            Key` is used when no ref is given)
    """

    points: int
    purchase_amount: float | None | str | Unset = UNSET
    ref: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        points = self.points

        purchase_amount: float | None | str | Unset
        if isinstance(self.purchase_amount, Unset):
            purchase_amount = UNSET
        else:
            purchase_amount = self.purchase_amount

        ref: None | str | Unset
        if isinstance(self.ref, Unset):
            ref = UNSET
        else:
            ref = self.ref

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "points": points,
            }
        )
        if purchase_amount is not UNSET:
            field_dict["purchase_amount"] = purchase_amount
        if ref is not UNSET:
            field_dict["ref"] = ref

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        points = d.pop("points")

        def _parse_purchase_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        purchase_amount = _parse_purchase_amount(d.pop("purchase_amount", UNSET))

        def _parse_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        ref = _parse_ref(d.pop("ref", UNSET))

        points_redeem_in = cls(
            points=points,
            purchase_amount=purchase_amount,
            ref=ref,
        )

        return points_redeem_in
