from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LapsedCustomer")


@_attrs_define
class LapsedCustomer:
    """
    Attributes:
        customer_id (UUID):
        display_name (str):
        phone (None | str):
        email (None | str):
        last_seen_at (datetime.datetime): The last visit or purchase
        total_spent (str):
    """

    customer_id: UUID
    display_name: str
    phone: None | str
    email: None | str
    last_seen_at: datetime.datetime
    total_spent: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        customer_id = str(self.customer_id)

        display_name = self.display_name

        phone: None | str
        phone = self.phone

        email: None | str
        email = self.email

        last_seen_at = self.last_seen_at.isoformat()

        total_spent = self.total_spent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customer_id": customer_id,
                "display_name": display_name,
                "phone": phone,
                "email": email,
                "last_seen_at": last_seen_at,
                "total_spent": total_spent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_id = UUID(d.pop("customer_id"))

        display_name = d.pop("display_name")

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        last_seen_at = datetime.datetime.fromisoformat(d.pop("last_seen_at"))

        total_spent = d.pop("total_spent")

        lapsed_customer = cls(
            customer_id=customer_id,
            display_name=display_name,
            phone=phone,
            email=email,
            last_seen_at=last_seen_at,
            total_spent=total_spent,
        )

        lapsed_customer.additional_properties = d
        return lapsed_customer

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
