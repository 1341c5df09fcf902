from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.history_entry_changes_type_0 import HistoryEntryChangesType0
    from ..models.history_entry_meta_type_0 import HistoryEntryMetaType0


T = TypeVar("T", bound="HistoryEntry")


@_attrs_define
class HistoryEntry:
    """
    Attributes:
        id (int):
        occurred_at (datetime.datetime):
        actor_type (str):
        actor_label (None | str):
        action (str):
        changes (HistoryEntryChangesType0 | None | Unset):
        meta (HistoryEntryMetaType0 | None | Unset):
    """

    id: int
    occurred_at: datetime.datetime
    actor_type: str
    actor_label: None | str
    action: str
    changes: HistoryEntryChangesType0 | None | Unset = UNSET
    meta: HistoryEntryMetaType0 | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.history_entry_changes_type_0 import HistoryEntryChangesType0  # noqa: PLC0415
        from ..models.history_entry_meta_type_0 import HistoryEntryMetaType0  # noqa: PLC0415

        id = self.id

        occurred_at = self.occurred_at.isoformat()

        actor_type = self.actor_type

        actor_label: None | str
        actor_label = self.actor_label

        action = self.action

        changes: dict[str, Any] | None | Unset
        if isinstance(self.changes, Unset):
            changes = UNSET
        elif isinstance(self.changes, HistoryEntryChangesType0):
            changes = self.changes.to_dict()
        else:
            changes = self.changes

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, HistoryEntryMetaType0):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "occurred_at": occurred_at,
                "actor_type": actor_type,
                "actor_label": actor_label,
                "action": action,
            }
        )
        if changes is not UNSET:
            field_dict["changes"] = changes
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.history_entry_changes_type_0 import HistoryEntryChangesType0  # noqa: PLC0415
        from ..models.history_entry_meta_type_0 import HistoryEntryMetaType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        actor_type = d.pop("actor_type")

        def _parse_actor_label(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        actor_label = _parse_actor_label(d.pop("actor_label"))

        action = d.pop("action")

        def _parse_changes(data: object) -> HistoryEntryChangesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                changes_type_0 = HistoryEntryChangesType0.from_dict(data)

                return changes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HistoryEntryChangesType0 | None | Unset, data)

        changes = _parse_changes(d.pop("changes", UNSET))

        def _parse_meta(data: object) -> HistoryEntryMetaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                meta_type_0 = HistoryEntryMetaType0.from_dict(data)

                return meta_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HistoryEntryMetaType0 | None | Unset, data)

        meta = _parse_meta(d.pop("meta", UNSET))

        history_entry = cls(
            id=id,
            occurred_at=occurred_at,
            actor_type=actor_type,
            actor_label=actor_label,
            action=action,
            changes=changes,
            meta=meta,
        )

        history_entry.additional_properties = d
        return history_entry

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
