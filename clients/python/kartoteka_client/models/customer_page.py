from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut


T = TypeVar("T", bound="CustomerPage")


@_attrs_define
class CustomerPage:
    """A page of `GET /customers`; `total` may be an estimate (see `total_is_estimate`).

    Attributes:
        items (list[CustomerOut]):
        total (int | None): Matching customers; null with `include_total=false`
        page (int):
        page_size (int):
        has_more (bool): Another page follows this one
        total_is_estimate (bool | Unset): false: `total` is exact. true: more than 10,000 customers match (or counting
            them took too long), and `total` is the database's estimate, never below the rows known to exist; show it as
            approximate (`~52,000`). Counting a million matches exactly on every page would read a million rows. Default:
            False.
    """

    items: list[CustomerOut]
    total: int | None
    page: int
    page_size: int
    has_more: bool
    total_is_estimate: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        total: int | None
        total = self.total

        page = self.page

        page_size = self.page_size

        has_more = self.has_more

        total_is_estimate = self.total_is_estimate

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "total": total,
                "page": page,
                "page_size": page_size,
                "has_more": has_more,
            }
        )
        if total_is_estimate is not UNSET:
            field_dict["total_is_estimate"] = total_is_estimate

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = CustomerOut.from_dict(items_item_data)

            items.append(items_item)

        def _parse_total(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        total = _parse_total(d.pop("total"))

        page = d.pop("page")

        page_size = d.pop("page_size")

        has_more = d.pop("has_more")

        total_is_estimate = d.pop("total_is_estimate", UNSET)

        customer_page = cls(
            items=items,
            total=total,
            page=page,
            page_size=page_size,
            has_more=has_more,
            total_is_estimate=total_is_estimate,
        )

        customer_page.additional_properties = d
        return customer_page

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
