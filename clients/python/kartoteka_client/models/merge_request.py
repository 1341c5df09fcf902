from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.merge_request_fields import MergeRequestFields


T = TypeVar("T", bound="MergeRequest")


@_attrs_define
class MergeRequest:
    """
    Attributes:
        target_id (UUID):
        source_ids (list[UUID]): Distinct, and not the target
        dry_run (bool | Unset):  Default: False.
        fields (MergeRequestFields | Unset): For a field, the id of the customer whose value wins
    """

    target_id: UUID
    source_ids: list[UUID]
    dry_run: bool | Unset = False
    fields: MergeRequestFields | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        target_id = str(self.target_id)

        source_ids = []
        for source_ids_item_data in self.source_ids:
            source_ids_item = str(source_ids_item_data)
            source_ids.append(source_ids_item)

        dry_run = self.dry_run

        fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.fields, Unset):
            fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "target_id": target_id,
                "source_ids": source_ids,
            }
        )
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if fields is not UNSET:
            field_dict["fields"] = fields

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.merge_request_fields import MergeRequestFields  # noqa: PLC0415

        d = dict(src_dict)
        target_id = UUID(d.pop("target_id"))

        source_ids = []
        _source_ids = d.pop("source_ids")
        for source_ids_item_data in _source_ids:
            source_ids_item = UUID(source_ids_item_data)

            source_ids.append(source_ids_item)

        dry_run = d.pop("dry_run", UNSET)

        _fields = d.pop("fields", UNSET)
        fields: MergeRequestFields | Unset
        if isinstance(_fields, Unset):
            fields = UNSET
        else:
            fields = MergeRequestFields.from_dict(_fields)

        merge_request = cls(
            target_id=target_id,
            source_ids=source_ids,
            dry_run=dry_run,
            fields=fields,
        )

        return merge_request
