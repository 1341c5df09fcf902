from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeline_item_kind import TimelineItemKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.field_change import FieldChange


T = TypeVar("T", bound="TimelineItem")


@_attrs_define
class TimelineItem:
    """
    Attributes:
        id (str): Stable within the stream: the kind and the source row's id
        at (datetime.datetime):
        kind (TimelineItemKind):
        actor_label (None | str | Unset): Who did it, when known
        amount (None | str | Unset):
        voucher_code (None | str | Unset):
        channel (None | str | Unset): consent_changed: the channel
        granted (bool | None | Unset):
        text (None | str | Unset): note: its text
        action (None | str | Unset): change: the audited action
        changes (list[FieldChange] | None | Unset): change: each field with its value before and after
    """

    id: str
    at: datetime.datetime
    kind: TimelineItemKind
    actor_label: None | str | Unset = UNSET
    amount: None | str | Unset = UNSET
    voucher_code: None | str | Unset = UNSET
    channel: None | str | Unset = UNSET
    granted: bool | None | Unset = UNSET
    text: None | str | Unset = UNSET
    action: None | str | Unset = UNSET
    changes: list[FieldChange] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        at = self.at.isoformat()

        kind = self.kind.value

        actor_label: None | str | Unset
        if isinstance(self.actor_label, Unset):
            actor_label = UNSET
        else:
            actor_label = self.actor_label

        amount: None | str | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

        voucher_code: None | str | Unset
        if isinstance(self.voucher_code, Unset):
            voucher_code = UNSET
        else:
            voucher_code = self.voucher_code

        channel: None | str | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        granted: bool | None | Unset
        if isinstance(self.granted, Unset):
            granted = UNSET
        else:
            granted = self.granted

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        action: None | str | Unset
        if isinstance(self.action, Unset):
            action = UNSET
        else:
            action = self.action

        changes: list[dict[str, Any]] | None | Unset
        if isinstance(self.changes, Unset):
            changes = UNSET
        elif isinstance(self.changes, list):
            changes = []
            for changes_type_0_item_data in self.changes:
                changes_type_0_item = changes_type_0_item_data.to_dict()
                changes.append(changes_type_0_item)

        else:
            changes = self.changes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "at": at,
                "kind": kind,
            }
        )
        if actor_label is not UNSET:
            field_dict["actor_label"] = actor_label
        if amount is not UNSET:
            field_dict["amount"] = amount
        if voucher_code is not UNSET:
            field_dict["voucher_code"] = voucher_code
        if channel is not UNSET:
            field_dict["channel"] = channel
        if granted is not UNSET:
            field_dict["granted"] = granted
        if text is not UNSET:
            field_dict["text"] = text
        if action is not UNSET:
            field_dict["action"] = action
        if changes is not UNSET:
            field_dict["changes"] = changes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.field_change import FieldChange  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        kind = TimelineItemKind(d.pop("kind"))

        def _parse_actor_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        actor_label = _parse_actor_label(d.pop("actor_label", UNSET))

        def _parse_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

        def _parse_voucher_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        voucher_code = _parse_voucher_code(d.pop("voucher_code", UNSET))

        def _parse_channel(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_granted(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        granted = _parse_granted(d.pop("granted", UNSET))

        def _parse_text(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        text = _parse_text(d.pop("text", UNSET))

        def _parse_action(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        action = _parse_action(d.pop("action", UNSET))

        def _parse_changes(data: object) -> list[FieldChange] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                changes_type_0 = []
                _changes_type_0 = data
                for changes_type_0_item_data in _changes_type_0:
                    changes_type_0_item = FieldChange.from_dict(changes_type_0_item_data)

                    changes_type_0.append(changes_type_0_item)

                return changes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[FieldChange] | None | Unset, data)

        changes = _parse_changes(d.pop("changes", UNSET))

        timeline_item = cls(
            id=id,
            at=at,
            kind=kind,
            actor_label=actor_label,
            amount=amount,
            voucher_code=voucher_code,
            channel=channel,
            granted=granted,
            text=text,
            action=action,
            changes=changes,
        )

        timeline_item.additional_properties = d
        return timeline_item

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
