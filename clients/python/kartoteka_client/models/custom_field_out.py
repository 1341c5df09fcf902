from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_field_out_type import CustomFieldOutType

T = TypeVar("T", bound="CustomFieldOut")


@_attrs_define
class CustomFieldOut:
    """
    Attributes:
        id (UUID):
        key (str):
        label (str):
        type_ (CustomFieldOutType):
        choices (list[str] | None):
        required (bool):
        created_at (datetime.datetime):
    """

    id: UUID
    key: str
    label: str
    type_: CustomFieldOutType
    choices: list[str] | None
    required: bool
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        key = self.key

        label = self.label

        type_ = self.type_.value

        choices: list[str] | None
        if isinstance(self.choices, list):
            choices = self.choices

        else:
            choices = self.choices

        required = self.required

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "key": key,
                "label": label,
                "type": type_,
                "choices": choices,
                "required": required,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        key = d.pop("key")

        label = d.pop("label")

        type_ = CustomFieldOutType(d.pop("type"))

        def _parse_choices(data: object) -> list[str] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                choices_type_0 = cast(list[str], data)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None, data)

        choices = _parse_choices(d.pop("choices"))

        required = d.pop("required")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custom_field_out = cls(
            id=id,
            key=key,
            label=label,
            type_=type_,
            choices=choices,
            required=required,
            created_at=created_at,
        )

        custom_field_out.additional_properties = d
        return custom_field_out

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
