from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="VoucherAssign")


@_attrs_define
class VoucherAssign:
    """
    Attributes:
        customer_id (UUID):
    """

    customer_id: UUID

    def to_dict(self) -> dict[str, Any]:
        customer_id = str(self.customer_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer_id": customer_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        customer_id = UUID(d.pop("customer_id"))

        voucher_assign = cls(
            customer_id=customer_id,
        )

        return voucher_assign
