from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.expiring_next import ExpiringNext
    from ..models.level_out import LevelOut


T = TypeVar("T", bound="PointsOut")


@_attrs_define
class PointsOut:
    """
    Attributes:
        customer_id (UUID):
        balance (int): Available now
        pending (int): Earned, available after the programme's pending days
        debt (int): Clawed back beyond the balance; settled by the next earnings
        earned_total (int):
        redeemed_total (int):
        expired_total (int):
        point_value (None | str): What one point pays, in the tenant's currency
        expiring_next (ExpiringNext | None):
        last_accrual_at (datetime.datetime | None):
        last_redemption_at (datetime.datetime | None):
        level (LevelOut):
        discount_percent (str): The higher of the level's and the staff's
        promo_credit_balance (str):
    """

    customer_id: UUID
    balance: int
    pending: int
    debt: int
    earned_total: int
    redeemed_total: int
    expired_total: int
    point_value: None | str
    expiring_next: ExpiringNext | None
    last_accrual_at: datetime.datetime | None
    last_redemption_at: datetime.datetime | None
    level: LevelOut
    discount_percent: str
    promo_credit_balance: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.expiring_next import ExpiringNext  # noqa: PLC0415

        customer_id = str(self.customer_id)

        balance = self.balance

        pending = self.pending

        debt = self.debt

        earned_total = self.earned_total

        redeemed_total = self.redeemed_total

        expired_total = self.expired_total

        point_value: None | str
        point_value = self.point_value

        expiring_next: dict[str, Any] | None
        if isinstance(self.expiring_next, ExpiringNext):
            expiring_next = self.expiring_next.to_dict()
        else:
            expiring_next = self.expiring_next

        last_accrual_at: None | str
        if isinstance(self.last_accrual_at, datetime.datetime):
            last_accrual_at = self.last_accrual_at.isoformat()
        else:
            last_accrual_at = self.last_accrual_at

        last_redemption_at: None | str
        if isinstance(self.last_redemption_at, datetime.datetime):
            last_redemption_at = self.last_redemption_at.isoformat()
        else:
            last_redemption_at = self.last_redemption_at

        level = self.level.to_dict()

        discount_percent = self.discount_percent

        promo_credit_balance = self.promo_credit_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customer_id": customer_id,
                "balance": balance,
                "pending": pending,
                "debt": debt,
                "earned_total": earned_total,
                "redeemed_total": redeemed_total,
                "expired_total": expired_total,
                "point_value": point_value,
                "expiring_next": expiring_next,
                "last_accrual_at": last_accrual_at,
                "last_redemption_at": last_redemption_at,
                "level": level,
                "discount_percent": discount_percent,
                "promo_credit_balance": promo_credit_balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.expiring_next import ExpiringNext  # noqa: PLC0415
        from ..models.level_out import LevelOut  # noqa: PLC0415

        d = dict(src_dict)
        customer_id = UUID(d.pop("customer_id"))

        balance = d.pop("balance")

        pending = d.pop("pending")

        debt = d.pop("debt")

        earned_total = d.pop("earned_total")

        redeemed_total = d.pop("redeemed_total")

        expired_total = d.pop("expired_total")

        def _parse_point_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        point_value = _parse_point_value(d.pop("point_value"))

        def _parse_expiring_next(data: object) -> ExpiringNext | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                expiring_next_type_0 = ExpiringNext.from_dict(data)

                return expiring_next_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ExpiringNext | None, data)

        expiring_next = _parse_expiring_next(d.pop("expiring_next"))

        def _parse_last_accrual_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_accrual_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_accrual_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_accrual_at = _parse_last_accrual_at(d.pop("last_accrual_at"))

        def _parse_last_redemption_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_redemption_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_redemption_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_redemption_at = _parse_last_redemption_at(d.pop("last_redemption_at"))

        level = LevelOut.from_dict(d.pop("level"))

        discount_percent = d.pop("discount_percent")

        promo_credit_balance = d.pop("promo_credit_balance")

        points_out = cls(
            customer_id=customer_id,
            balance=balance,
            pending=pending,
            debt=debt,
            earned_total=earned_total,
            redeemed_total=redeemed_total,
            expired_total=expired_total,
            point_value=point_value,
            expiring_next=expiring_next,
            last_accrual_at=last_accrual_at,
            last_redemption_at=last_redemption_at,
            level=level,
            discount_percent=discount_percent,
            promo_credit_balance=promo_credit_balance,
        )

        points_out.additional_properties = d
        return points_out

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
