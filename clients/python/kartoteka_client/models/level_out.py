from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LevelOut")


@_attrs_define
class LevelOut:
    """
    Attributes:
        name (None | str):
        since (datetime.datetime | None):
        multiplier (str):
        discount_percent (str):
        below_since (datetime.datetime | None): Qualifies only for a lower level since then; the downgrade waits for the
            grace period
        next_level (None | str):
        to_next_level (None | str): Points or amount still missing
    """

    name: None | str
    since: datetime.datetime | None
    multiplier: str
    discount_percent: str
    below_since: datetime.datetime | None
    next_level: None | str
    to_next_level: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name: None | str
        name = self.name

        since: None | str
        if isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since

        multiplier = self.multiplier

        discount_percent = self.discount_percent

        below_since: None | str
        if isinstance(self.below_since, datetime.datetime):
            below_since = self.below_since.isoformat()
        else:
            below_since = self.below_since

        next_level: None | str
        next_level = self.next_level

        to_next_level: None | str
        to_next_level = self.to_next_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "since": since,
                "multiplier": multiplier,
                "discount_percent": discount_percent,
                "below_since": below_since,
                "next_level": next_level,
                "to_next_level": to_next_level,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        name = _parse_name(d.pop("name"))

        def _parse_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                since_type_0 = datetime.datetime.fromisoformat(data)

                return since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        since = _parse_since(d.pop("since"))

        multiplier = d.pop("multiplier")

        discount_percent = d.pop("discount_percent")

        def _parse_below_since(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                below_since_type_0 = datetime.datetime.fromisoformat(data)

                return below_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        below_since = _parse_below_since(d.pop("below_since"))

        def _parse_next_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_level = _parse_next_level(d.pop("next_level"))

        def _parse_to_next_level(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        to_next_level = _parse_to_next_level(d.pop("to_next_level"))

        level_out = cls(
            name=name,
            since=since,
            multiplier=multiplier,
            discount_percent=discount_percent,
            below_since=below_since,
            next_level=next_level,
            to_next_level=to_next_level,
        )

        level_out.additional_properties = d
        return level_out

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
