from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.birthday_customer import BirthdayCustomer
    from ..models.expiring_voucher import ExpiringVoucher
    from ..models.lapsed_customer import LapsedCustomer
    from ..models.served_customer import ServedCustomer


T = TypeVar("T", bound="DeskToday")


@_attrs_define
class DeskToday:
    """
    Attributes:
        date (datetime.date): Today in the tenant's time zone
        birthdays (list[BirthdayCustomer]): Birthday today, at most 50
        expiring_vouchers (list[ExpiringVoucher]): Active vouchers expiring within 30 days, soonest first, at most 50
        lapsed (list[LapsedCustomer]): Not seen for `lapsed_days`, the most valuable first, at most 20
        last_served (list[ServedCustomer]): The last 10 customers served
    """

    date: datetime.date
    birthdays: list[BirthdayCustomer]
    expiring_vouchers: list[ExpiringVoucher]
    lapsed: list[LapsedCustomer]
    last_served: list[ServedCustomer]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        date = self.date.isoformat()

        birthdays = []
        for birthdays_item_data in self.birthdays:
            birthdays_item = birthdays_item_data.to_dict()
            birthdays.append(birthdays_item)

        expiring_vouchers = []
        for expiring_vouchers_item_data in self.expiring_vouchers:
            expiring_vouchers_item = expiring_vouchers_item_data.to_dict()
            expiring_vouchers.append(expiring_vouchers_item)

        lapsed = []
        for lapsed_item_data in self.lapsed:
            lapsed_item = lapsed_item_data.to_dict()
            lapsed.append(lapsed_item)

        last_served = []
        for last_served_item_data in self.last_served:
            last_served_item = last_served_item_data.to_dict()
            last_served.append(last_served_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "date": date,
                "birthdays": birthdays,
                "expiring_vouchers": expiring_vouchers,
                "lapsed": lapsed,
                "last_served": last_served,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.birthday_customer import BirthdayCustomer  # noqa: PLC0415
        from ..models.expiring_voucher import ExpiringVoucher  # noqa: PLC0415
        from ..models.lapsed_customer import LapsedCustomer  # noqa: PLC0415
        from ..models.served_customer import ServedCustomer  # noqa: PLC0415

        d = dict(src_dict)
        date = datetime.date.fromisoformat(d.pop("date"))

        birthdays = []
        _birthdays = d.pop("birthdays")
        for birthdays_item_data in _birthdays:
            birthdays_item = BirthdayCustomer.from_dict(birthdays_item_data)

            birthdays.append(birthdays_item)

        expiring_vouchers = []
        _expiring_vouchers = d.pop("expiring_vouchers")
        for expiring_vouchers_item_data in _expiring_vouchers:
            expiring_vouchers_item = ExpiringVoucher.from_dict(expiring_vouchers_item_data)

            expiring_vouchers.append(expiring_vouchers_item)

        lapsed = []
        _lapsed = d.pop("lapsed")
        for lapsed_item_data in _lapsed:
            lapsed_item = LapsedCustomer.from_dict(lapsed_item_data)

            lapsed.append(lapsed_item)

        last_served = []
        _last_served = d.pop("last_served")
        for last_served_item_data in _last_served:
            last_served_item = ServedCustomer.from_dict(last_served_item_data)

            last_served.append(last_served_item)

        desk_today = cls(
            date=date,
            birthdays=birthdays,
            expiring_vouchers=expiring_vouchers,
            lapsed=lapsed,
            last_served=last_served,
        )

        desk_today.additional_properties = d
        return desk_today

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
