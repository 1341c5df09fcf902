from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.import_mapping_dedupe_key import ImportMappingDedupeKey
from ..models.import_mapping_on_duplicate import ImportMappingOnDuplicate
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_mapping_columns import ImportMappingColumns


T = TypeVar("T", bound="ImportMapping")


@_attrs_define
class ImportMapping:
    """Each file column → a target (`email`, `consents.sms_marketing`, `cf.key`, …) or null.

    Attributes:
        columns (ImportMappingColumns):
        dedupe_key (ImportMappingDedupeKey | Unset):  Default: ImportMappingDedupeKey.EMAIL.
        on_duplicate (ImportMappingOnDuplicate | Unset):  Default: ImportMappingOnDuplicate.SKIP.
        tag_separator (str | Unset):  Default: '|'.
        add_tags (list[str] | Unset):
        default_country (str | Unset):  Default: 'PL'.
        date_format (str | Unset):  Default: 'auto'.
    """

    columns: ImportMappingColumns
    dedupe_key: ImportMappingDedupeKey | Unset = ImportMappingDedupeKey.EMAIL
    on_duplicate: ImportMappingOnDuplicate | Unset = ImportMappingOnDuplicate.SKIP
    tag_separator: str | Unset = "|"
    add_tags: list[str] | Unset = UNSET
    default_country: str | Unset = "PL"
    date_format: str | Unset = "auto"

    def to_dict(self) -> dict[str, Any]:
        columns = self.columns.to_dict()

        dedupe_key: str | Unset = UNSET
        if not isinstance(self.dedupe_key, Unset):
            dedupe_key = self.dedupe_key.value

        on_duplicate: str | Unset = UNSET
        if not isinstance(self.on_duplicate, Unset):
            on_duplicate = self.on_duplicate.value

        tag_separator = self.tag_separator

        add_tags: list[str] | Unset = UNSET
        if not isinstance(self.add_tags, Unset):
            add_tags = self.add_tags

        default_country = self.default_country

        date_format = self.date_format

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "columns": columns,
            }
        )
        if dedupe_key is not UNSET:
            field_dict["dedupe_key"] = dedupe_key
        if on_duplicate is not UNSET:
            field_dict["on_duplicate"] = on_duplicate
        if tag_separator is not UNSET:
            field_dict["tag_separator"] = tag_separator
        if add_tags is not UNSET:
            field_dict["add_tags"] = add_tags
        if default_country is not UNSET:
            field_dict["default_country"] = default_country
        if date_format is not UNSET:
            field_dict["date_format"] = date_format

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.import_mapping_columns import ImportMappingColumns  # noqa: PLC0415

        d = dict(src_dict)
        columns = ImportMappingColumns.from_dict(d.pop("columns"))

        _dedupe_key = d.pop("dedupe_key", UNSET)
        dedupe_key: ImportMappingDedupeKey | Unset
        if isinstance(_dedupe_key, Unset):
            dedupe_key = UNSET
        else:
            dedupe_key = ImportMappingDedupeKey(_dedupe_key)

        _on_duplicate = d.pop("on_duplicate", UNSET)
        on_duplicate: ImportMappingOnDuplicate | Unset
        if isinstance(_on_duplicate, Unset):
            on_duplicate = UNSET
        else:
            on_duplicate = ImportMappingOnDuplicate(_on_duplicate)

        tag_separator = d.pop("tag_separator", UNSET)

        add_tags = cast(list[str], d.pop("add_tags", UNSET))

        default_country = d.pop("default_country", UNSET)

        date_format = d.pop("date_format", UNSET)

        import_mapping = cls(
            columns=columns,
            dedupe_key=dedupe_key,
            on_duplicate=on_duplicate,
            tag_separator=tag_separator,
            add_tags=add_tags,
            default_country=default_country,
            date_format=date_format,
        )

        return import_mapping
