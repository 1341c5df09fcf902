from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TagOut")


@_attrs_define
class TagOut:
    """
    Attributes:
        id (UUID):
        name (str):
        colour (str):
        created_at (datetime.datetime):
        customers_count (int | Unset):  Default: 0.
    """

    id: UUID
    name: str
    colour: str
    created_at: datetime.datetime
    customers_count: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        colour = self.colour

        created_at = self.created_at.isoformat()

        customers_count = self.customers_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "colour": colour,
                "created_at": created_at,
            }
        )
        if customers_count is not UNSET:
            field_dict["customers_count"] = customers_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        colour = d.pop("colour")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        customers_count = d.pop("customers_count", UNSET)

        tag_out = cls(
            id=id,
            name=name,
            colour=colour,
            created_at=created_at,
            customers_count=customers_count,
        )

        tag_out.additional_properties = d
        return tag_out

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
