from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LiabilityOut")


@_attrs_define
class LiabilityOut:
    """
    Attributes:
        points_outstanding (int): Points the customers hold: available plus pending (the sum of balances)
        points_available (int): Redeemable now
        points_pending (int): Earned, available after the pending days
        points_debt (int): Clawed back beyond balances, owed by the customers (not netted)
        customers_holding (int): Customers with points
        point_value (None | str): What one point pays (the programme in force); null without a programme
        value (None | str): points_outstanding × point_value, in the tenant's currency
        promo_credit_outstanding (str): Promotional credit granted and not yet used
    """

    points_outstanding: int
    points_available: int
    points_pending: int
    points_debt: int
    customers_holding: int
    point_value: None | str
    value: None | str
    promo_credit_outstanding: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        points_outstanding = self.points_outstanding

        points_available = self.points_available

        points_pending = self.points_pending

        points_debt = self.points_debt

        customers_holding = self.customers_holding

        point_value: None | str
        point_value = self.point_value

        value: None | str
        value = self.value

        promo_credit_outstanding = self.promo_credit_outstanding

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "points_outstanding": points_outstanding,
                "points_available": points_available,
                "points_pending": points_pending,
                "points_debt": points_debt,
                "customers_holding": customers_holding,
                "point_value": point_value,
                "value": value,
                "promo_credit_outstanding": promo_credit_outstanding,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        points_outstanding = d.pop("points_outstanding")

        points_available = d.pop("points_available")

        points_pending = d.pop("points_pending")

        points_debt = d.pop("points_debt")

        customers_holding = d.pop("customers_holding")

        def _parse_point_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        point_value = _parse_point_value(d.pop("point_value"))

        def _parse_value(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        value = _parse_value(d.pop("value"))

        promo_credit_outstanding = d.pop("promo_credit_outstanding")

        liability_out = cls(
            points_outstanding=points_outstanding,
            points_available=points_available,
            points_pending=points_pending,
            points_debt=points_debt,
            customers_holding=customers_holding,
            point_value=point_value,
            value=value,
            promo_credit_outstanding=promo_credit_outstanding,
        )

        liability_out.additional_properties = d
        return liability_out

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
