from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.export_log_out_selection import ExportLogOutSelection


T = TypeVar("T", bound="ExportLogOut")


@_attrs_define
class ExportLogOut:
    """
    Attributes:
        id (UUID):
        actor_type (str):
        actor_label (None | str):
        format_ (str):
        selection (ExportLogOutSelection):
        columns (list[str]):
        row_count (int):
        created_at (datetime.datetime):
    """

    id: UUID
    actor_type: str
    actor_label: None | str
    format_: str
    selection: ExportLogOutSelection
    columns: list[str]
    row_count: int
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        actor_type = self.actor_type

        actor_label: None | str
        actor_label = self.actor_label

        format_ = self.format_

        selection = self.selection.to_dict()

        columns = self.columns

        row_count = self.row_count

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "actor_type": actor_type,
                "actor_label": actor_label,
                "format": format_,
                "selection": selection,
                "columns": columns,
                "row_count": row_count,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_log_out_selection import ExportLogOutSelection  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        actor_type = d.pop("actor_type")

        def _parse_actor_label(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_label = _parse_actor_label(d.pop("actor_label"))

        format_ = d.pop("format")

        selection = ExportLogOutSelection.from_dict(d.pop("selection"))

        columns = cast(list[str], d.pop("columns"))

        row_count = d.pop("row_count")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        export_log_out = cls(
            id=id,
            actor_type=actor_type,
            actor_label=actor_label,
            format_=format_,
            selection=selection,
            columns=columns,
            row_count=row_count,
            created_at=created_at,
        )

        export_log_out.additional_properties = d
        return export_log_out

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
