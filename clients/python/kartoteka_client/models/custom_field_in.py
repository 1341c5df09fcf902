from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.custom_field_in_type import CustomFieldInType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomFieldIn")


@_attrs_define
class CustomFieldIn:
    """
    Attributes:
        key (str):
        label (str):
        type_ (CustomFieldInType):
        choices (list[str] | None | Unset):
        required (bool | Unset):  Default: False.
    """

    key: str
    label: str
    type_: CustomFieldInType
    choices: list[str] | None | Unset = UNSET
    required: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        key = self.key

        label = self.label

        type_ = self.type_.value

        choices: list[str] | None | Unset
        if isinstance(self.choices, Unset):
            choices = UNSET
        elif isinstance(self.choices, list):
            choices = self.choices

        else:
            choices = self.choices

        required = self.required

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "key": key,
                "label": label,
                "type": type_,
            }
        )
        if choices is not UNSET:
            field_dict["choices"] = choices
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        key = d.pop("key")

        label = d.pop("label")

        type_ = CustomFieldInType(d.pop("type"))

        def _parse_choices(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                choices_type_0 = cast(list[str], data)

                return choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        choices = _parse_choices(d.pop("choices", UNSET))

        required = d.pop("required", UNSET)

        custom_field_in = cls(
            key=key,
            label=label,
            type_=type_,
            choices=choices,
            required=required,
        )

        return custom_field_in
