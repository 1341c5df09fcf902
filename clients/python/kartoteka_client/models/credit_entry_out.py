from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CreditEntryOut")


@_attrs_define
class CreditEntryOut:
    """
    Attributes:
        id (UUID):
        amount (str):
        reason (None | str):
        actor_label (str):
        created_at (datetime.datetime):
    """

    id: UUID
    amount: str
    reason: None | str
    actor_label: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        amount = self.amount

        reason: None | str
        reason = self.reason

        actor_label = self.actor_label

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "amount": amount,
                "reason": reason,
                "actor_label": actor_label,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        amount = d.pop("amount")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        actor_label = d.pop("actor_label")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        credit_entry_out = cls(
            id=id,
            amount=amount,
            reason=reason,
            actor_label=actor_label,
            created_at=created_at,
        )

        credit_entry_out.additional_properties = d
        return credit_entry_out

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
