from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LevelChangeOut")


@_attrs_define
class LevelChangeOut:
    """
    Attributes:
        from_level (None | str):
        to_level (None | str):
        reason (str):
        created_at (datetime.datetime):
    """

    from_level: None | str
    to_level: None | str
    reason: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from_level: None | str
        from_level = self.from_level

        to_level: None | str
        to_level = self.to_level

        reason = self.reason

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "from_level": from_level,
                "to_level": to_level,
                "reason": reason,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_from_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        from_level = _parse_from_level(d.pop("from_level"))

        def _parse_to_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_level = _parse_to_level(d.pop("to_level"))

        reason = d.pop("reason")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        level_change_out = cls(
            from_level=from_level,
            to_level=to_level,
            reason=reason,
            created_at=created_at,
        )

        level_change_out.additional_properties = d
        return level_change_out

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
