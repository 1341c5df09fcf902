from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RedemptionOut")


@_attrs_define
class RedemptionOut:
    """
    Attributes:
        id (UUID):
        amount (str): Taken off: the amount, or a percent voucher's discount
        purchase_amount (None | str):
        transaction_ref (None | str):
        location_id (None | UUID):
        redeemed_at (datetime.datetime):
        undone_at (datetime.datetime | None | Unset): Set when the redemption was undone: it took nothing
        undone_by (None | str | Unset): Who undid it
    """

    id: UUID
    amount: str
    purchase_amount: None | str
    transaction_ref: None | str
    location_id: None | UUID
    redeemed_at: datetime.datetime
    undone_at: datetime.datetime | None | Unset = UNSET
    undone_by: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        amount = self.amount

        purchase_amount: None | str
        purchase_amount = self.purchase_amount

        transaction_ref: None | str
        transaction_ref = self.transaction_ref

        location_id: None | str
        if isinstance(self.location_id, UUID):
            location_id = str(self.location_id)
        else:
            location_id = self.location_id

        redeemed_at = self.redeemed_at.isoformat()

        undone_at: None | str | Unset
        if isinstance(self.undone_at, Unset):
            undone_at = UNSET
        elif isinstance(self.undone_at, datetime.datetime):
            undone_at = self.undone_at.isoformat()
        else:
            undone_at = self.undone_at

        undone_by: None | str | Unset
        if isinstance(self.undone_by, Unset):
            undone_by = UNSET
        else:
            undone_by = self.undone_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "amount": amount,
                "purchase_amount": purchase_amount,
                "transaction_ref": transaction_ref,
                "location_id": location_id,
                "redeemed_at": redeemed_at,
            }
        )
        if undone_at is not UNSET:
            field_dict["undone_at"] = undone_at
        if undone_by is not UNSET:
            field_dict["undone_by"] = undone_by

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        amount = d.pop("amount")

        def _parse_purchase_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        purchase_amount = _parse_purchase_amount(d.pop("purchase_amount"))

        def _parse_transaction_ref(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transaction_ref = _parse_transaction_ref(d.pop("transaction_ref"))

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

        redeemed_at = datetime.datetime.fromisoformat(d.pop("redeemed_at"))

        def _parse_undone_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                undone_at_type_0 = datetime.datetime.fromisoformat(data)

                return undone_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        undone_at = _parse_undone_at(d.pop("undone_at", UNSET))

        def _parse_undone_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        undone_by = _parse_undone_by(d.pop("undone_by", UNSET))

        redemption_out = cls(
            id=id,
            amount=amount,
            purchase_amount=purchase_amount,
            transaction_ref=transaction_ref,
            location_id=location_id,
            redeemed_at=redeemed_at,
            undone_at=undone_at,
            undone_by=undone_by,
        )

        redemption_out.additional_properties = d
        return redemption_out

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
