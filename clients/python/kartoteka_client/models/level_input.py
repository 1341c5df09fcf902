from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="LevelInput")


@_attrs_define
class LevelInput:
    """
    Attributes:
        name (str):
        threshold (float | str): Points earned or amount spent in the window
        multiplier (float | str | Unset):  Default: 1.0.
        discount_percent (float | str | Unset):  Default: 0.0.
    """

    name: str
    threshold: float | str
    multiplier: float | str | Unset = 1.0
    discount_percent: float | str | Unset = 0.0

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        threshold: float | str
        threshold = self.threshold

        multiplier: float | str | Unset
        if isinstance(self.multiplier, Unset):
            multiplier = UNSET
        else:
            multiplier = self.multiplier

        discount_percent: float | str | Unset
        if isinstance(self.discount_percent, Unset):
            discount_percent = UNSET
        else:
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

        def _parse_threshold(data: object) -> float | str:
            return cast(float | str, data)

        threshold = _parse_threshold(d.pop("threshold"))

        def _parse_multiplier(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        multiplier = _parse_multiplier(d.pop("multiplier", UNSET))

        def _parse_discount_percent(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        discount_percent = _parse_discount_percent(d.pop("discount_percent", UNSET))

        level_input = cls(
            name=name,
            threshold=threshold,
            multiplier=multiplier,
            discount_percent=discount_percent,
        )

        return level_input
