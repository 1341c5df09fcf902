from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.export_request_delimiter import ExportRequestDelimiter
from ..models.export_request_format import ExportRequestFormat
from ..models.export_request_locale_type_0 import ExportRequestLocaleType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.export_request_filter_type_0 import ExportRequestFilterType0


T = TypeVar("T", bound="ExportRequest")


@_attrs_define
class ExportRequest:
    """
    Attributes:
        format_ (ExportRequestFormat | Unset):  Default: ExportRequestFormat.CSV.
        ids (list[UUID] | None | Unset):
        filter_ (ExportRequestFilterType0 | None | str | Unset): A filter tree, or its text form (`status = active AND
            total_spent >= 500`)
        q (None | str | Unset):
        segment_id (None | Unset | UUID):
        columns (list[str] | Unset):
        sort (None | str | Unset):
        delimiter (ExportRequestDelimiter | Unset): CSV only Default: ExportRequestDelimiter.VALUE_1.
        locale (ExportRequestLocaleType0 | None | Unset): The language of the headings and title; by default the
            tenant's (not the browser's `Accept-Language`: the file is the business's document)
    """

    format_: ExportRequestFormat | Unset = ExportRequestFormat.CSV
    ids: list[UUID] | None | Unset = UNSET
    filter_: ExportRequestFilterType0 | None | str | Unset = UNSET
    q: None | str | Unset = UNSET
    segment_id: None | Unset | UUID = UNSET
    columns: list[str] | Unset = UNSET
    sort: None | str | Unset = UNSET
    delimiter: ExportRequestDelimiter | Unset = ExportRequestDelimiter.VALUE_1
    locale: ExportRequestLocaleType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.export_request_filter_type_0 import ExportRequestFilterType0  # noqa: PLC0415

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        ids: list[str] | None | Unset
        if isinstance(self.ids, Unset):
            ids = UNSET
        elif isinstance(self.ids, list):
            ids = []
            for ids_type_0_item_data in self.ids:
                ids_type_0_item = str(ids_type_0_item_data)
                ids.append(ids_type_0_item)

        else:
            ids = self.ids

        filter_: dict[str, Any] | None | str | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, ExportRequestFilterType0):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        segment_id: None | str | Unset
        if isinstance(self.segment_id, Unset):
            segment_id = UNSET
        elif isinstance(self.segment_id, UUID):
            segment_id = str(self.segment_id)
        else:
            segment_id = self.segment_id

        columns: list[str] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = self.columns

        sort: None | str | Unset
        if isinstance(self.sort, Unset):
            sort = UNSET
        else:
            sort = self.sort

        delimiter: str | Unset = UNSET
        if not isinstance(self.delimiter, Unset):
            delimiter = self.delimiter.value

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        elif isinstance(self.locale, ExportRequestLocaleType0):
            locale = self.locale.value
        else:
            locale = self.locale

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if format_ is not UNSET:
            field_dict["format"] = format_
        if ids is not UNSET:
            field_dict["ids"] = ids
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if q is not UNSET:
            field_dict["q"] = q
        if segment_id is not UNSET:
            field_dict["segment_id"] = segment_id
        if columns is not UNSET:
            field_dict["columns"] = columns
        if sort is not UNSET:
            field_dict["sort"] = sort
        if delimiter is not UNSET:
            field_dict["delimiter"] = delimiter
        if locale is not UNSET:
            field_dict["locale"] = locale

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.export_request_filter_type_0 import ExportRequestFilterType0  # noqa: PLC0415

        d = dict(src_dict)
        _format_ = d.pop("format", UNSET)
        format_: ExportRequestFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = ExportRequestFormat(_format_)

        def _parse_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                ids_type_0 = []
                _ids_type_0 = data
                for ids_type_0_item_data in _ids_type_0:
                    ids_type_0_item = UUID(ids_type_0_item_data)

                    ids_type_0.append(ids_type_0_item)

                return ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        ids = _parse_ids(d.pop("ids", UNSET))

        def _parse_filter_(data: object) -> ExportRequestFilterType0 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = ExportRequestFilterType0.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExportRequestFilterType0 | None | str | Unset, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        def _parse_segment_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                segment_id_type_0 = UUID(data)

                return segment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        segment_id = _parse_segment_id(d.pop("segment_id", UNSET))

        columns = cast(list[str], d.pop("columns", UNSET))

        def _parse_sort(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sort = _parse_sort(d.pop("sort", UNSET))

        _delimiter = d.pop("delimiter", UNSET)
        delimiter: ExportRequestDelimiter | Unset
        if isinstance(_delimiter, Unset):
            delimiter = UNSET
        else:
            delimiter = ExportRequestDelimiter(_delimiter)

        def _parse_locale(data: object) -> ExportRequestLocaleType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locale_type_0 = ExportRequestLocaleType0(data)

                return locale_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExportRequestLocaleType0 | None | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))

        export_request = cls(
            format_=format_,
            ids=ids,
            filter_=filter_,
            q=q,
            segment_id=segment_id,
            columns=columns,
            sort=sort,
            delimiter=delimiter,
            locale=locale,
        )

        return export_request
