from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_status import ImportStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_out import ColumnOut
    from ..models.counts import Counts
    from ..models.import_mapping import ImportMapping
    from ..models.import_out_sample_item import ImportOutSampleItem
    from ..models.progress import Progress


T = TypeVar("T", bound="ImportOut")


@_attrs_define
class ImportOut:
    """
    Attributes:
        id (UUID):
        status (ImportStatus):
        file_name (str):
        file_type (str):
        encoding (None | str):
        delimiter (None | str):
        columns (list[ColumnOut]):
        mapping (ImportMapping | None):
        counts (Counts):
        progress (Progress):
        error (None | str):
        created_by (None | str):
        created_at (datetime.datetime):
        sample (list[ImportOutSampleItem] | Unset): A few mapped records, after preview
    """

    id: UUID
    status: ImportStatus
    file_name: str
    file_type: str
    encoding: None | str
    delimiter: None | str
    columns: list[ColumnOut]
    mapping: ImportMapping | None
    counts: Counts
    progress: Progress
    error: None | str
    created_by: None | str
    created_at: datetime.datetime
    sample: list[ImportOutSampleItem] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.import_mapping import ImportMapping  # noqa: PLC0415

        id = str(self.id)

        status = self.status.value

        file_name = self.file_name

        file_type = self.file_type

        encoding: None | str
        encoding = self.encoding

        delimiter: None | str
        delimiter = self.delimiter

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        mapping: dict[str, Any] | None
        if isinstance(self.mapping, ImportMapping):
            mapping = self.mapping.to_dict()
        else:
            mapping = self.mapping

        counts = self.counts.to_dict()

        progress = self.progress.to_dict()

        error: None | str
        error = self.error

        created_by: None | str
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        sample: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sample, Unset):
            sample = []
            for sample_item_data in self.sample:
                sample_item = sample_item_data.to_dict()
                sample.append(sample_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "file_name": file_name,
                "file_type": file_type,
                "encoding": encoding,
                "delimiter": delimiter,
                "columns": columns,
                "mapping": mapping,
                "counts": counts,
                "progress": progress,
                "error": error,
                "created_by": created_by,
                "created_at": created_at,
            }
        )
        if sample is not UNSET:
            field_dict["sample"] = sample

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_out import ColumnOut  # noqa: PLC0415
        from ..models.counts import Counts  # noqa: PLC0415
        from ..models.import_mapping import ImportMapping  # noqa: PLC0415
        from ..models.import_out_sample_item import ImportOutSampleItem  # noqa: PLC0415
        from ..models.progress import Progress  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        status = ImportStatus(d.pop("status"))

        file_name = d.pop("file_name")

        file_type = d.pop("file_type")

        def _parse_encoding(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        encoding = _parse_encoding(d.pop("encoding"))

        def _parse_delimiter(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        delimiter = _parse_delimiter(d.pop("delimiter"))

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = ColumnOut.from_dict(columns_item_data)

            columns.append(columns_item)

        def _parse_mapping(data: object) -> ImportMapping | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                mapping_type_0 = ImportMapping.from_dict(data)

                return mapping_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImportMapping | None, data)

        mapping = _parse_mapping(d.pop("mapping"))

        counts = Counts.from_dict(d.pop("counts"))

        progress = Progress.from_dict(d.pop("progress"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _sample = d.pop("sample", UNSET)
        sample: list[ImportOutSampleItem] | Unset = UNSET
        if _sample is not UNSET:
            sample = []
            for sample_item_data in _sample:
                sample_item = ImportOutSampleItem.from_dict(sample_item_data)

                sample.append(sample_item)

        import_out = cls(
            id=id,
            status=status,
            file_name=file_name,
            file_type=file_type,
            encoding=encoding,
            delimiter=delimiter,
            columns=columns,
            mapping=mapping,
            counts=counts,
            progress=progress,
            error=error,
            created_by=created_by,
            created_at=created_at,
            sample=sample,
        )

        import_out.additional_properties = d
        return import_out

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
