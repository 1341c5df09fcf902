from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_info_labels import FieldInfoLabels


T = TypeVar("T", bound="FieldInfo")


@_attrs_define
class FieldInfo:
    """
    Attributes:
        name (str):
        label (str):
        labels (FieldInfoLabels):
        type_ (str):
        operators (list[str]):
        no_value_operators (list[str]):
        sortable (bool):
        filterable (bool):
        enum_values (list[str] | None | Unset):
    """

    name: str
    label: str
    labels: FieldInfoLabels
    type_: str
    operators: list[str]
    no_value_operators: list[str]
    sortable: bool
    filterable: bool
    enum_values: list[str] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        label = self.label

        labels = self.labels.to_dict()

        type_ = self.type_

        operators = self.operators

        no_value_operators = self.no_value_operators

        sortable = self.sortable

        filterable = self.filterable

        enum_values: list[str] | None | Unset
        if isinstance(self.enum_values, Unset):
            enum_values = UNSET
        elif isinstance(self.enum_values, list):
            enum_values = self.enum_values

        else:
            enum_values = self.enum_values

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "label": label,
                "labels": labels,
                "type": type_,
                "operators": operators,
                "no_value_operators": no_value_operators,
                "sortable": sortable,
                "filterable": filterable,
            }
        )
        if enum_values is not UNSET:
            field_dict["enum_values"] = enum_values

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_info_labels import FieldInfoLabels  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        label = d.pop("label")

        labels = FieldInfoLabels.from_dict(d.pop("labels"))

        type_ = d.pop("type")

        operators = cast(list[str], d.pop("operators"))

        no_value_operators = cast(list[str], d.pop("no_value_operators"))

        sortable = d.pop("sortable")

        filterable = d.pop("filterable")

        def _parse_enum_values(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                enum_values_type_0 = cast(list[str], data)

                return enum_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        enum_values = _parse_enum_values(d.pop("enum_values", UNSET))

        field_info = cls(
            name=name,
            label=label,
            labels=labels,
            type_=type_,
            operators=operators,
            no_value_operators=no_value_operators,
            sortable=sortable,
            filterable=filterable,
            enum_values=enum_values,
        )

        field_info.additional_properties = d
        return field_info

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
