from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImportErrorGroup")


@_attrs_define
class ImportErrorGroup:
    """
    Attributes:
        code (str):
        column (None | str): The file's column, as in its header
        count (int): Problems of this kind in this column
        first_row (int): The first row with it (1 = the first data row)
    """

    code: str
    column: None | str
    count: int
    first_row: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        column: None | str
        column = self.column

        count = self.count

        first_row = self.first_row

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "column": column,
                "count": count,
                "first_row": first_row,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        def _parse_column(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        column = _parse_column(d.pop("column"))

        count = d.pop("count")

        first_row = d.pop("first_row")

        import_error_group = cls(
            code=code,
            column=column,
            count=count,
            first_row=first_row,
        )

        import_error_group.additional_properties = d
        return import_error_group

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
