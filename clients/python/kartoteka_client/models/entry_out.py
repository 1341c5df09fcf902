from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.entry_out_kind import EntryOutKind

T = TypeVar("T", bound="EntryOut")


@_attrs_define
class EntryOut:
    """
    Attributes:
        id (UUID):
        kind (EntryOutKind):
        points (int):
        debt_change (int):
        reason (None | str):
        ref (None | str):
        transaction_id (None | UUID):
        amount (None | str):
        programme_version (int | None):
        actor_label (str):
        created_at (datetime.datetime):
    """

    id: UUID
    kind: EntryOutKind
    points: int
    debt_change: int
    reason: None | str
    ref: None | str
    transaction_id: None | UUID
    amount: None | str
    programme_version: int | None
    actor_label: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        points = self.points

        debt_change = self.debt_change

        reason: None | str
        reason = self.reason

        ref: None | str
        ref = self.ref

        transaction_id: None | str
        if isinstance(self.transaction_id, UUID):
            transaction_id = str(self.transaction_id)
        else:
            transaction_id = self.transaction_id

        amount: None | str
        amount = self.amount

        programme_version: int | None
        programme_version = self.programme_version

        actor_label = self.actor_label

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "points": points,
                "debt_change": debt_change,
                "reason": reason,
                "ref": ref,
                "transaction_id": transaction_id,
                "amount": amount,
                "programme_version": programme_version,
                "actor_label": actor_label,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = EntryOutKind(d.pop("kind"))

        points = d.pop("points")

        debt_change = d.pop("debt_change")

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        def _parse_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        ref = _parse_ref(d.pop("ref"))

        def _parse_transaction_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                transaction_id_type_0 = UUID(data)

                return transaction_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        transaction_id = _parse_transaction_id(d.pop("transaction_id"))

        def _parse_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_programme_version(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        programme_version = _parse_programme_version(d.pop("programme_version"))

        actor_label = d.pop("actor_label")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        entry_out = cls(
            id=id,
            kind=kind,
            points=points,
            debt_change=debt_change,
            reason=reason,
            ref=ref,
            transaction_id=transaction_id,
            amount=amount,
            programme_version=programme_version,
            actor_label=actor_label,
            created_at=created_at,
        )

        entry_out.additional_properties = d
        return entry_out

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
