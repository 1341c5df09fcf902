from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomerCount")


@_attrs_define
class CustomerCount:
    """How many customers match: the `total` and `total_is_estimate` a page would carry.

    Attributes:
        total (int):
        total_is_estimate (bool | Unset): false: `total` is exact. true: more than 10,000 customers match (or counting
            them took too long), and `total` is the database's estimate, never below the rows known to exist; show it as
            approximate (`~52,000`). Counting a million matches exactly on every page would read a million rows. Default:
            False.
    """

    total: int
    total_is_estimate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total = self.total

        total_is_estimate = self.total_is_estimate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "total": total,
            }
        )
        if total_is_estimate is not UNSET:
            field_dict["total_is_estimate"] = total_is_estimate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total")

        total_is_estimate = d.pop("total_is_estimate", UNSET)

        customer_count = cls(
            total=total,
            total_is_estimate=total_is_estimate,
        )

        customer_count.additional_properties = d
        return customer_count

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
