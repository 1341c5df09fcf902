from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ConsentIn")


@_attrs_define
class ConsentIn:
    """
    Attributes:
        granted (bool):
        source (None | str | Unset):
        wording_version (None | str | Unset): Which wording of the consent the person saw (your own version label); kept
            with the change as proof
    """

    granted: bool
    source: None | str | Unset = UNSET
    wording_version: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        granted = self.granted

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        wording_version: None | str | Unset
        if isinstance(self.wording_version, Unset):
            wording_version = UNSET
        else:
            wording_version = self.wording_version

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "granted": granted,
            }
        )
        if source is not UNSET:
            field_dict["source"] = source
        if wording_version is not UNSET:
            field_dict["wording_version"] = wording_version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        granted = d.pop("granted")

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_wording_version(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        wording_version = _parse_wording_version(d.pop("wording_version", UNSET))

        consent_in = cls(
            granted=granted,
            source=source,
            wording_version=wording_version,
        )

        return consent_in
