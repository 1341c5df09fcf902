from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ReconcileOut")


@_attrs_define
class ReconcileOut:
    """
    Attributes:
        accounts_checked (int):
        drifted (list[UUID]): Customers whose balances differ from the ledger
    """

    accounts_checked: int
    drifted: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accounts_checked = self.accounts_checked

        drifted = []
        for drifted_item_data in self.drifted:
            drifted_item = str(drifted_item_data)
            drifted.append(drifted_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accounts_checked": accounts_checked,
                "drifted": drifted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        accounts_checked = d.pop("accounts_checked")

        drifted = []
        _drifted = d.pop("drifted")
        for drifted_item_data in _drifted:
            drifted_item = UUID(drifted_item_data)

            drifted.append(drifted_item)

        reconcile_out = cls(
            accounts_checked=accounts_checked,
            drifted=drifted,
        )

        reconcile_out.additional_properties = d
        return reconcile_out

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
