from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.bulk_request_action import BulkRequestAction
from ..models.bulk_request_channel_type_0 import BulkRequestChannelType0
from ..models.bulk_request_status_type_0 import BulkRequestStatusType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.bulk_request_fields_type_0 import BulkRequestFieldsType0
    from ..models.selection_in import SelectionIn


T = TypeVar("T", bound="BulkRequest")


@_attrs_define
class BulkRequest:
    """
    Attributes:
        action (BulkRequestAction):
        selection (SelectionIn): Which customers: `ids`, or all that match `filter` / `q` / `segment_id` (combined).
        tags (list[str] | None | Unset):
        status (BulkRequestStatusType0 | None | Unset):
        channel (BulkRequestChannelType0 | None | Unset):
        granted (bool | None | Unset):
        fields (BulkRequestFieldsType0 | None | Unset): For update_fields: the fields to set on every selected customer
        dry_run (bool | Unset): Only count what would change Default: False.
        expected_count (int | None | Unset): For delete: the `matched` of the dry run; a different count is refused
            (409)
    """

    action: BulkRequestAction
    selection: SelectionIn
    tags: list[str] | None | Unset = UNSET
    status: BulkRequestStatusType0 | None | Unset = UNSET
    channel: BulkRequestChannelType0 | None | Unset = UNSET
    granted: bool | None | Unset = UNSET
    fields: BulkRequestFieldsType0 | None | Unset = UNSET
    dry_run: bool | Unset = False
    expected_count: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.bulk_request_fields_type_0 import BulkRequestFieldsType0  # noqa: PLC0415

        action = self.action.value

        selection = self.selection.to_dict()

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, BulkRequestStatusType0):
            status = self.status.value
        else:
            status = self.status

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        elif isinstance(self.channel, BulkRequestChannelType0):
            channel = self.channel.value
        else:
            channel = self.channel

        granted: bool | None | Unset
        if isinstance(self.granted, Unset):
            granted = UNSET
        else:
            granted = self.granted

        fields: dict[str, Any] | None | Unset
        if isinstance(self.fields, Unset):
            fields = UNSET
        elif isinstance(self.fields, BulkRequestFieldsType0):
            fields = self.fields.to_dict()
        else:
            fields = self.fields

        dry_run = self.dry_run

        expected_count: int | None | Unset
        if isinstance(self.expected_count, Unset):
            expected_count = UNSET
        else:
            expected_count = self.expected_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "action": action,
                "selection": selection,
            }
        )
        if tags is not UNSET:
            field_dict["tags"] = tags
        if status is not UNSET:
            field_dict["status"] = status
        if channel is not UNSET:
            field_dict["channel"] = channel
        if granted is not UNSET:
            field_dict["granted"] = granted
        if fields is not UNSET:
            field_dict["fields"] = fields
        if dry_run is not UNSET:
            field_dict["dry_run"] = dry_run
        if expected_count is not UNSET:
            field_dict["expected_count"] = expected_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bulk_request_fields_type_0 import BulkRequestFieldsType0  # noqa: PLC0415
        from ..models.selection_in import SelectionIn  # noqa: PLC0415

        d = dict(src_dict)
        action = BulkRequestAction(d.pop("action"))

        selection = SelectionIn.from_dict(d.pop("selection"))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_status(data: object) -> BulkRequestStatusType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = BulkRequestStatusType0(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BulkRequestStatusType0 | None | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_channel(data: object) -> BulkRequestChannelType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                channel_type_0 = BulkRequestChannelType0(data)

                return channel_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BulkRequestChannelType0 | None | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_granted(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        granted = _parse_granted(d.pop("granted", UNSET))

        def _parse_fields(data: object) -> BulkRequestFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                fields_type_0 = BulkRequestFieldsType0.from_dict(data)

                return fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BulkRequestFieldsType0 | None | Unset, data)

        fields = _parse_fields(d.pop("fields", UNSET))

        dry_run = d.pop("dry_run", UNSET)

        def _parse_expected_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expected_count = _parse_expected_count(d.pop("expected_count", UNSET))

        bulk_request = cls(
            action=action,
            selection=selection,
            tags=tags,
            status=status,
            channel=channel,
            granted=granted,
            fields=fields,
            dry_run=dry_run,
            expected_count=expected_count,
        )

        return bulk_request
