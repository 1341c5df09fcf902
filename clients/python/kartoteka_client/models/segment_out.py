from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.segment_out_filter_type_0 import SegmentOutFilterType0


T = TypeVar("T", bound="SegmentOut")


@_attrs_define
class SegmentOut:
    """
    Attributes:
        id (UUID):
        name (str):
        description (None | str):
        filter_ (None | SegmentOutFilterType0): Always the canonical tree
        q (None | str):
        columns (list[str]):
        sort (None | str):
        member_count (int | None): Customers matching now; null in the list (ask `GET /segments/{id}/count`)
        created_by (None | str):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
    """

    id: UUID
    name: str
    description: None | str
    filter_: None | SegmentOutFilterType0
    q: None | str
    columns: list[str]
    sort: None | str
    member_count: int | None
    created_by: None | str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_out_filter_type_0 import SegmentOutFilterType0  # noqa: PLC0415

        id = str(self.id)

        name = self.name

        description: None | str
        description = self.description

        filter_: dict[str, Any] | None
        if isinstance(self.filter_, SegmentOutFilterType0):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        q: None | str
        q = self.q

        columns = self.columns

        sort: None | str
        sort = self.sort

        member_count: int | None
        member_count = self.member_count

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "description": description,
                "filter": filter_,
                "q": q,
                "columns": columns,
                "sort": sort,
                "member_count": member_count,
                "created_by": created_by,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_out_filter_type_0 import SegmentOutFilterType0  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        def _parse_description(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        description = _parse_description(d.pop("description"))

        def _parse_filter_(data: object) -> None | SegmentOutFilterType0:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = SegmentOutFilterType0.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SegmentOutFilterType0, data)

        filter_ = _parse_filter_(d.pop("filter"))

        def _parse_q(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        q = _parse_q(d.pop("q"))

        columns = cast(list[str], d.pop("columns"))

        def _parse_sort(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        sort = _parse_sort(d.pop("sort"))

        def _parse_member_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        member_count = _parse_member_count(d.pop("member_count"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        segment_out = cls(
            id=id,
            name=name,
            description=description,
            filter_=filter_,
            q=q,
            columns=columns,
            sort=sort,
            member_count=member_count,
            created_by=created_by,
            created_at=created_at,
            updated_at=updated_at,
        )

        segment_out.additional_properties = d
        return segment_out

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
