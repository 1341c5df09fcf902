from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RedeemIn")


@_attrs_define
class RedeemIn:
    """
    Attributes:
        amount (float | None | str | Unset): `amount` voucher: what to take off the balance (required; at most the
            balance, and at most `purchase_amount` when given). `percent` voucher: optional, the discount the till computed;
            it must equal the server's figure
        purchase_amount (float | None | str | Unset): The purchase the voucher pays for, in the tenant's currency.
            Required for `percent` vouchers: the discount is this × percent / 100, rounded half up to the cent
        transaction_ref (None | str | Unset): Your receipt id: it redeems this voucher once. A retry with the same
            amounts returns the first redemption (`replayed`), other amounts are `transaction_ref_reused`
        location (None | str | Unset): A location code
    """

    amount: float | None | str | Unset = UNSET
    purchase_amount: float | None | str | Unset = UNSET
    transaction_ref: None | str | Unset = UNSET
    location: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        amount: float | None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        purchase_amount: float | None | str | Unset
        if isinstance(self.purchase_amount, Unset):
            purchase_amount = UNSET
        else:
            purchase_amount = self.purchase_amount

        transaction_ref: None | str | Unset
        if isinstance(self.transaction_ref, Unset):
            transaction_ref = UNSET
        else:
            transaction_ref = self.transaction_ref

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if amount is not UNSET:
            field_dict["amount"] = amount
        if purchase_amount is not UNSET:
            field_dict["purchase_amount"] = purchase_amount
        if transaction_ref is not UNSET:
            field_dict["transaction_ref"] = transaction_ref
        if location is not UNSET:
            field_dict["location"] = location

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_purchase_amount(data: object) -> float | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | str | Unset, data)

        purchase_amount = _parse_purchase_amount(d.pop("purchase_amount", UNSET))

        def _parse_transaction_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        transaction_ref = _parse_transaction_ref(d.pop("transaction_ref", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        redeem_in = cls(
            amount=amount,
            purchase_amount=purchase_amount,
            transaction_ref=transaction_ref,
            location=location,
        )

        return redeem_in
