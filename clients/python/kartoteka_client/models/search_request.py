from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.search_request_filter_type_0 import SearchRequestFilterType0


T = TypeVar("T", bound="SearchRequest")


@_attrs_define
class SearchRequest:
    """
    Attributes:
        filter_ (None | SearchRequestFilterType0 | str | Unset): A filter tree, or its text form (`status = active AND
            total_spent >= 500`)
        q (None | str | Unset):
        sort (None | str | Unset):
        page (int | Unset):  Default: 1.
        page_size (int | Unset):  Default: 50.
        cursor (None | str | Unset): `next_cursor` of the previous page
        fields (list[str] | None | Unset): Only these fields of each customer (and `id`)
        include_total (bool | Unset): false: the page without `total` (null), one query fewer. Ask the count endpoint
            with the same `filter` and `q` in parallel to show it when it arrives; `has_more` says whether there is a next
            page. Default: True.
    """

    filter_: None | SearchRequestFilterType0 | str | Unset = UNSET
    q: None | str | Unset = UNSET
    sort: None | str | Unset = UNSET
    page: int | Unset = 1
    page_size: int | Unset = 50
    cursor: None | str | Unset = UNSET
    fields: list[str] | None | Unset = UNSET
    include_total: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        from ..models.search_request_filter_type_0 import SearchRequestFilterType0  # noqa: PLC0415

        filter_: dict[str, Any] | None | str | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, SearchRequestFilterType0):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        sort: None | str | Unset
        if isinstance(self.sort, Unset):
            sort = UNSET
        else:
            sort = self.sort

        page = self.page

        page_size = self.page_size

        cursor: None | str | Unset
        if isinstance(self.cursor, Unset):
            cursor = UNSET
        else:
            cursor = self.cursor

        fields: list[str] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, list):
            fields = self.fields

        else:
            fields = self.fields

        include_total = self.include_total

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if q is not UNSET:
            field_dict["q"] = q
        if sort is not UNSET:
            field_dict["sort"] = sort
        if page is not UNSET:
            field_dict["page"] = page
        if page_size is not UNSET:
            field_dict["page_size"] = page_size
        if cursor is not UNSET:
            field_dict["cursor"] = cursor
        if fields is not UNSET:
            field_dict["fields"] = fields
        if include_total is not UNSET:
            field_dict["include_total"] = include_total

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_request_filter_type_0 import SearchRequestFilterType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_filter_(data: object) -> None | SearchRequestFilterType0 | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = SearchRequestFilterType0.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SearchRequestFilterType0 | str | Unset, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        def _parse_sort(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sort = _parse_sort(d.pop("sort", UNSET))

        page = d.pop("page", UNSET)

        page_size = d.pop("page_size", UNSET)

        def _parse_cursor(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cursor = _parse_cursor(d.pop("cursor", UNSET))

        def _parse_fields(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                fields_type_0 = cast(list[str], data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        include_total = d.pop("include_total", UNSET)

        search_request = cls(
            filter_=filter_,
            q=q,
            sort=sort,
            page=page,
            page_size=page_size,
            cursor=cursor,
            fields=fields,
            include_total=include_total,
        )

        return search_request
