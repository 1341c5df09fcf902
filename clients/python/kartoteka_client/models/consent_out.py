from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsentOut")


@_attrs_define
class ConsentOut:
    """
    Attributes:
        granted (bool):
        changed_at (datetime.datetime):
        source (None | str):
        wording_version (None | str | Unset):
    """

    granted: bool
    changed_at: datetime.datetime
    source: None | str
    wording_version: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        granted = self.granted

        changed_at = self.changed_at.isoformat()

        source: None | str
        source = self.source

        wording_version: None | str | Unset
        if isinstance(self.wording_version, Unset):
            wording_version = UNSET
        else:
            wording_version = self.wording_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "granted": granted,
                "changed_at": changed_at,
                "source": source,
            }
        )
        if wording_version is not UNSET:
            field_dict["wording_version"] = wording_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        granted = d.pop("granted")

        changed_at = datetime.datetime.fromisoformat(d.pop("changed_at"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        def _parse_wording_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wording_version = _parse_wording_version(d.pop("wording_version", UNSET))

        consent_out = cls(
            granted=granted,
            changed_at=changed_at,
            source=source,
            wording_version=wording_version,
        )

        consent_out.additional_properties = d
        return consent_out

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
