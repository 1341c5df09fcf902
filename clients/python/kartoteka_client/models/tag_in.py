from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="TagIn")


@_attrs_define
class TagIn:
    """
    Attributes:
        name (str):
        colour (str | Unset):  Default: '#228be6'.
    """

    name: str
    colour: str | Unset = "#228be6"

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        colour = self.colour

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if colour is not UNSET:
            field_dict["colour"] = colour

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        colour = d.pop("colour", UNSET)

        tag_in = cls(
            name=name,
            colour=colour,
        )

        return tag_in
