from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PreviewOut")


@_attrs_define
class PreviewOut:
    """
    Attributes:
        base (int): Amount × points_per_unit × multipliers, rounded
        multiplier (str): Every matching multiplier and the level's, multiplied
        visit (int):
        first_purchase (int):
        total (int):
        programme_version (int | None):
        points_value (str): The points' worth when redeemed
    """

    base: int
    multiplier: str
    visit: int
    first_purchase: int
    total: int
    programme_version: int | None
    points_value: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        base = self.base

        multiplier = self.multiplier

        visit = self.visit

        first_purchase = self.first_purchase

        total = self.total

        programme_version: int | None
        programme_version = self.programme_version

        points_value = self.points_value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "base": base,
                "multiplier": multiplier,
                "visit": visit,
                "first_purchase": first_purchase,
                "total": total,
                "programme_version": programme_version,
                "points_value": points_value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        base = d.pop("base")

        multiplier = d.pop("multiplier")

        visit = d.pop("visit")

        first_purchase = d.pop("first_purchase")

        total = d.pop("total")

        def _parse_programme_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        programme_version = _parse_programme_version(d.pop("programme_version"))

        points_value = d.pop("points_value")

        preview_out = cls(
            base=base,
            multiplier=multiplier,
            visit=visit,
            first_purchase=first_purchase,
            total=total,
            programme_version=programme_version,
            points_value=points_value,
        )

        preview_out.additional_properties = d
        return preview_out

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
