from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.file_settings_delimiter_type_0 import FileSettingsDelimiterType0
from ..models.file_settings_encoding_type_0 import FileSettingsEncodingType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="FileSettings")


@_attrs_define
class FileSettings:
    """How to read a CSV file, instead of what was detected; columns and the suggested
    mapping are read again with them.

        Attributes:
            encoding (FileSettingsEncodingType0 | None | Unset):
            delimiter (FileSettingsDelimiterType0 | None | Unset):
    """

    encoding: FileSettingsEncodingType0 | None | Unset = UNSET
    delimiter: FileSettingsDelimiterType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        encoding: None | str | Unset
        if isinstance(self.encoding, Unset):
            encoding = UNSET
        elif isinstance(self.encoding, FileSettingsEncodingType0):
            encoding = self.encoding.value
        else:
            encoding = self.encoding

        delimiter: None | str | Unset
        if isinstance(self.delimiter, Unset):
            delimiter = UNSET
        elif isinstance(self.delimiter, FileSettingsDelimiterType0):
            delimiter = self.delimiter.value
        else:
            delimiter = self.delimiter

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if delimiter is not UNSET:
            field_dict["delimiter"] = delimiter

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_encoding(data: object) -> FileSettingsEncodingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                encoding_type_0 = FileSettingsEncodingType0(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileSettingsEncodingType0 | None | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        def _parse_delimiter(data: object) -> FileSettingsDelimiterType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delimiter_type_0 = FileSettingsDelimiterType0(data)

                return delimiter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(FileSettingsDelimiterType0 | None | Unset, data)

        delimiter = _parse_delimiter(d.pop("delimiter", UNSET))

        file_settings = cls(
            encoding=encoding,
            delimiter=delimiter,
        )

        return file_settings
