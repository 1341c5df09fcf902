from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut


T = TypeVar("T", bound="DuplicateGroup")


@_attrs_define
class DuplicateGroup:
    """
    Attributes:
        reason (str):
        key (str):
        customers (list[CustomerOut]):
    """

    reason: str
    key: str
    customers: list[CustomerOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        key = self.key

        customers = []
        for customers_item_data in self.customers:
            customers_item = customers_item_data.to_dict()
            customers.append(customers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
                "key": key,
                "customers": customers,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415

        d = dict(src_dict)
        reason = d.pop("reason")

        key = d.pop("key")

        customers = []
        _customers = d.pop("customers")
        for customers_item_data in _customers:
            customers_item = CustomerOut.from_dict(customers_item_data)

            customers.append(customers_item)

        duplicate_group = cls(
            reason=reason,
            key=key,
            customers=customers,
        )

        duplicate_group.additional_properties = d
        return duplicate_group

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
