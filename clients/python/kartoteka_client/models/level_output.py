from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LevelOutput")


@_attrs_define
class LevelOutput:
    """
    Attributes:
        name (str):
        threshold (str): Points earned or amount spent in the window
        multiplier (str | Unset):  Default: '1'.
        discount_percent (str | Unset):  Default: '0'.
    """

    name: str
    threshold: str
    multiplier: str | Unset = "1"
    discount_percent: str | Unset = "0"

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        threshold = self.threshold

        multiplier = self.multiplier

        discount_percent = self.discount_percent

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "threshold": threshold,
            }
        )
        if multiplier is not UNSET:
            field_dict["multiplier"] = multiplier
        if discount_percent is not UNSET:
            field_dict["discount_percent"] = discount_percent

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        threshold = d.pop("threshold")

        multiplier = d.pop("multiplier", UNSET)

        discount_percent = d.pop("discount_percent", UNSET)

        level_output = cls(
            name=name,
            threshold=threshold,
            multiplier=multiplier,
            discount_percent=discount_percent,
        )

        return level_output
