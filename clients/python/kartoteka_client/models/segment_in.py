from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.segment_in_filter_type_0 import SegmentInFilterType0


T = TypeVar("T", bound="SegmentIn")


@_attrs_define
class SegmentIn:
    """
    Attributes:
        name (str):
        description (None | str | Unset):
        filter_ (None | SegmentInFilterType0 | str | Unset): A filter tree or its text form
        q (None | str | Unset):
        columns (list[str] | Unset):
        sort (None | str | Unset):
    """

    name: str
    description: None | str | Unset = UNSET
    filter_: None | SegmentInFilterType0 | str | Unset = UNSET
    q: None | str | Unset = UNSET
    columns: list[str] | Unset = UNSET
    sort: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.segment_in_filter_type_0 import SegmentInFilterType0  # noqa: PLC0415

        name = self.name

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        filter_: dict[str, Any] | None | str | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, SegmentInFilterType0):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        columns: list[str] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = self.columns

        sort: None | str | Unset
        if isinstance(self.sort, Unset):
            sort = UNSET
        else:
            sort = self.sort

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if q is not UNSET:
            field_dict["q"] = q
        if columns is not UNSET:
            field_dict["columns"] = columns
        if sort is not UNSET:
            field_dict["sort"] = sort

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.segment_in_filter_type_0 import SegmentInFilterType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_filter_(data: object) -> None | SegmentInFilterType0 | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = SegmentInFilterType0.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SegmentInFilterType0 | str | Unset, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        columns = cast(list[str], d.pop("columns", UNSET))

        def _parse_sort(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sort = _parse_sort(d.pop("sort", UNSET))

        segment_in = cls(
            name=name,
            description=description,
            filter_=filter_,
            q=q,
            columns=columns,
            sort=sort,
        )

        return segment_in
