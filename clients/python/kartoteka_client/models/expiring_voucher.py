from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ExpiringVoucher")


@_attrs_define
class ExpiringVoucher:
    """
    Attributes:
        voucher_id (UUID):
        code (str):
        kind (str):
        balance (str):
        valid_until (datetime.datetime):
        customer_id (None | UUID):
        display_name (None | str): The voucher's customer, if it has one
    """

    voucher_id: UUID
    code: str
    kind: str
    balance: str
    valid_until: datetime.datetime
    customer_id: None | UUID
    display_name: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        voucher_id = str(self.voucher_id)

        code = self.code

        kind = self.kind

        balance = self.balance

        valid_until = self.valid_until.isoformat()

        customer_id: None | str
        if isinstance(self.customer_id, UUID):
            customer_id = str(self.customer_id)
        else:
            customer_id = self.customer_id

        display_name: None | str
        display_name = self.display_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "voucher_id": voucher_id,
                "code": code,
                "kind": kind,
                "balance": balance,
                "valid_until": valid_until,
                "customer_id": customer_id,
                "display_name": display_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        voucher_id = UUID(d.pop("voucher_id"))

        code = d.pop("code")

        kind = d.pop("kind")

        balance = d.pop("balance")

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

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

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        expiring_voucher = cls(
            voucher_id=voucher_id,
            code=code,
            kind=kind,
            balance=balance,
            valid_until=valid_until,
            customer_id=customer_id,
            display_name=display_name,
        )

        expiring_voucher.additional_properties = d
        return expiring_voucher

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
