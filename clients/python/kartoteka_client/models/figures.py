from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Figures")


@_attrs_define
class Figures:
    """
    Attributes:
        new_customers (int | Unset):  Default: 0.
        revenue (str | Unset):  Default: '0'.
        transactions (int | Unset):  Default: 0.
        vouchers_issued (int | Unset):  Default: 0.
        vouchers_redeemed (int | Unset):  Default: 0.
        redeemed_amount (str | Unset):  Default: '0'.
    """

    new_customers: int | Unset = 0
    revenue: str | Unset = "0"
    transactions: int | Unset = 0
    vouchers_issued: int | Unset = 0
    vouchers_redeemed: int | Unset = 0
    redeemed_amount: str | Unset = "0"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        new_customers = self.new_customers

        revenue = self.revenue

        transactions = self.transactions

        vouchers_issued = self.vouchers_issued

        vouchers_redeemed = self.vouchers_redeemed

        redeemed_amount = self.redeemed_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if new_customers is not UNSET:
            field_dict["new_customers"] = new_customers
        if revenue is not UNSET:
            field_dict["revenue"] = revenue
        if transactions is not UNSET:
            field_dict["transactions"] = transactions
        if vouchers_issued is not UNSET:
            field_dict["vouchers_issued"] = vouchers_issued
        if vouchers_redeemed is not UNSET:
            field_dict["vouchers_redeemed"] = vouchers_redeemed
        if redeemed_amount is not UNSET:
            field_dict["redeemed_amount"] = redeemed_amount

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        new_customers = d.pop("new_customers", UNSET)

        revenue = d.pop("revenue", UNSET)

        transactions = d.pop("transactions", UNSET)

        vouchers_issued = d.pop("vouchers_issued", UNSET)

        vouchers_redeemed = d.pop("vouchers_redeemed", UNSET)

        redeemed_amount = d.pop("redeemed_amount", UNSET)

        figures = cls(
            new_customers=new_customers,
            revenue=revenue,
            transactions=transactions,
            vouchers_issued=vouchers_issued,
            vouchers_redeemed=vouchers_redeemed,
            redeemed_amount=redeemed_amount,
        )

        figures.additional_properties = d
        return figures

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
