from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Counts")


@_attrs_define
class Counts:
    """
    Attributes:
        rows (int | Unset):  Default: 0.
        valid (int | Unset):  Default: 0.
        invalid (int | Unset):  Default: 0.
        to_create (int | Unset):  Default: 0.
        to_update (int | Unset):  Default: 0.
        to_skip (int | Unset):  Default: 0.
        created (int | Unset):  Default: 0.
        updated (int | Unset):  Default: 0.
        skipped (int | Unset):  Default: 0.
    """

    rows: int | Unset = 0
    valid: int | Unset = 0
    invalid: int | Unset = 0
    to_create: int | Unset = 0
    to_update: int | Unset = 0
    to_skip: int | Unset = 0
    created: int | Unset = 0
    updated: int | Unset = 0
    skipped: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        rows = self.rows

        valid = self.valid

        invalid = self.invalid

        to_create = self.to_create

        to_update = self.to_update

        to_skip = self.to_skip

        created = self.created

        updated = self.updated

        skipped = self.skipped

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if rows is not UNSET:
            field_dict["rows"] = rows
        if valid is not UNSET:
            field_dict["valid"] = valid
        if invalid is not UNSET:
            field_dict["invalid"] = invalid
        if to_create is not UNSET:
            field_dict["to_create"] = to_create
        if to_update is not UNSET:
            field_dict["to_update"] = to_update
        if to_skip is not UNSET:
            field_dict["to_skip"] = to_skip
        if created is not UNSET:
            field_dict["created"] = created
        if updated is not UNSET:
            field_dict["updated"] = updated
        if skipped is not UNSET:
            field_dict["skipped"] = skipped

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        rows = d.pop("rows", UNSET)

        valid = d.pop("valid", UNSET)

        invalid = d.pop("invalid", UNSET)

        to_create = d.pop("to_create", UNSET)

        to_update = d.pop("to_update", UNSET)

        to_skip = d.pop("to_skip", UNSET)

        created = d.pop("created", UNSET)

        updated = d.pop("updated", UNSET)

        skipped = d.pop("skipped", UNSET)

        counts = cls(
            rows=rows,
            valid=valid,
            invalid=invalid,
            to_create=to_create,
            to_update=to_update,
            to_skip=to_skip,
            created=created,
            updated=updated,
            skipped=skipped,
        )

        counts.additional_properties = d
        return counts

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
