from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.voucher_with_redemptions_kind import VoucherWithRedemptionsKind
from ..models.voucher_with_redemptions_status import VoucherWithRedemptionsStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.redemption_out import RedemptionOut


T = TypeVar("T", bound="VoucherWithRedemptions")


@_attrs_define
class VoucherWithRedemptions:
    """
    Attributes:
        id (UUID):
        code (str):
        kind (VoucherWithRedemptionsKind):
        currency (None | str):
        initial_value (str):
        balance (str):
        status (VoucherWithRedemptionsStatus):
        valid_from (datetime.datetime | None):
        valid_until (datetime.datetime | None):
        customer_id (None | UUID):
        assigned_at (datetime.datetime | None):
        created_at (datetime.datetime):
        redemptions (list[RedemptionOut] | Unset):
    """

    id: UUID
    code: str
    kind: VoucherWithRedemptionsKind
    currency: None | str
    initial_value: str
    balance: str
    status: VoucherWithRedemptionsStatus
    valid_from: datetime.datetime | None
    valid_until: datetime.datetime | None
    customer_id: None | UUID
    assigned_at: datetime.datetime | None
    created_at: datetime.datetime
    redemptions: list[RedemptionOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        code = self.code

        kind = self.kind.value

        currency: None | str
        currency = self.currency

        initial_value = self.initial_value

        balance = self.balance

        status = self.status.value

        valid_from: None | str
        if isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str
        if isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        customer_id: None | str
        if isinstance(self.customer_id, UUID):
            customer_id = str(self.customer_id)
        else:
            customer_id = self.customer_id

        assigned_at: None | str
        if isinstance(self.assigned_at, datetime.datetime):
            assigned_at = self.assigned_at.isoformat()
        else:
            assigned_at = self.assigned_at

        created_at = self.created_at.isoformat()

        redemptions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.redemptions, Unset):
            redemptions = []
            for redemptions_item_data in self.redemptions:
                redemptions_item = redemptions_item_data.to_dict()
                redemptions.append(redemptions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "code": code,
                "kind": kind,
                "currency": currency,
                "initial_value": initial_value,
                "balance": balance,
                "status": status,
                "valid_from": valid_from,
                "valid_until": valid_until,
                "customer_id": customer_id,
                "assigned_at": assigned_at,
                "created_at": created_at,
            }
        )
        if redemptions is not UNSET:
            field_dict["redemptions"] = redemptions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.redemption_out import RedemptionOut  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        code = d.pop("code")

        kind = VoucherWithRedemptionsKind(d.pop("kind"))

        def _parse_currency(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        currency = _parse_currency(d.pop("currency"))

        initial_value = d.pop("initial_value")

        balance = d.pop("balance")

        status = VoucherWithRedemptionsStatus(d.pop("status"))

        def _parse_valid_from(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_from = _parse_valid_from(d.pop("valid_from"))

        def _parse_valid_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        valid_until = _parse_valid_until(d.pop("valid_until"))

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

        def _parse_assigned_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assigned_at_type_0 = datetime.datetime.fromisoformat(data)

                return assigned_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        assigned_at = _parse_assigned_at(d.pop("assigned_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _redemptions = d.pop("redemptions", UNSET)
        redemptions: list[RedemptionOut] | Unset = UNSET
        if _redemptions is not UNSET:
            redemptions = []
            for redemptions_item_data in _redemptions:
                redemptions_item = RedemptionOut.from_dict(redemptions_item_data)

                redemptions.append(redemptions_item)

        voucher_with_redemptions = cls(
            id=id,
            code=code,
            kind=kind,
            currency=currency,
            initial_value=initial_value,
            balance=balance,
            status=status,
            valid_from=valid_from,
            valid_until=valid_until,
            customer_id=customer_id,
            assigned_at=assigned_at,
            created_at=created_at,
            redemptions=redemptions,
        )

        voucher_with_redemptions.additional_properties = d
        return voucher_with_redemptions

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
