from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.transaction_out_kind import TransactionOutKind

T = TypeVar("T", bound="TransactionOut")


@_attrs_define
class TransactionOut:
    """
    Attributes:
        id (UUID):
        customer_id (None | UUID):
        kind (TransactionOutKind):
        amount (str):
        currency (str):
        occurred_at (datetime.datetime):
        location_id (None | UUID):
        external_ref (None | str):
        items_count (int | None):
        created_at (datetime.datetime):
    """

    id: UUID
    customer_id: None | UUID
    kind: TransactionOutKind
    amount: str
    currency: str
    occurred_at: datetime.datetime
    location_id: None | UUID
    external_ref: None | str
    items_count: int | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        customer_id: None | str
        if isinstance(self.customer_id, UUID):
            customer_id = str(self.customer_id)
        else:
            customer_id = self.customer_id

        kind = self.kind.value

        amount = self.amount

        currency = self.currency

        occurred_at = self.occurred_at.isoformat()

        location_id: None | str
        if isinstance(self.location_id, UUID):
            location_id = str(self.location_id)
        else:
            location_id = self.location_id

        external_ref: None | str
        external_ref = self.external_ref

        items_count: int | None
        items_count = self.items_count

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "customer_id": customer_id,
                "kind": kind,
                "amount": amount,
                "currency": currency,
                "occurred_at": occurred_at,
                "location_id": location_id,
                "external_ref": external_ref,
                "items_count": items_count,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_customer_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                customer_id_type_0 = UUID(data)

                return customer_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        customer_id = _parse_customer_id(d.pop("customer_id"))

        kind = TransactionOutKind(d.pop("kind"))

        amount = d.pop("amount")

        currency = d.pop("currency")

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        def _parse_location_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                location_id_type_0 = UUID(data)

                return location_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        location_id = _parse_location_id(d.pop("location_id"))

        def _parse_external_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_ref = _parse_external_ref(d.pop("external_ref"))

        def _parse_items_count(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        items_count = _parse_items_count(d.pop("items_count"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        transaction_out = cls(
            id=id,
            customer_id=customer_id,
            kind=kind,
            amount=amount,
            currency=currency,
            occurred_at=occurred_at,
            location_id=location_id,
            external_ref=external_ref,
            items_count=items_count,
            created_at=created_at,
        )

        transaction_out.additional_properties = d
        return transaction_out

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
