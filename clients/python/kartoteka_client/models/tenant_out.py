from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TenantOut")


@_attrs_define
class TenantOut:
    """
    Attributes:
        id (UUID):
        slug (str):
        name (str):
        country (str):
        currency (str):
        timezone (str):
        locale (str):
        shared_phone_allowed (bool): Two customers may have the same phone without `allow_duplicate`.
        redemption_undo_minutes (int): Minutes in which a voucher's last redemption can be undone; 0: never.
    """

    id: UUID
    slug: str
    name: str
    country: str
    currency: str
    timezone: str
    locale: str
    shared_phone_allowed: bool
    redemption_undo_minutes: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        slug = self.slug

        name = self.name

        country = self.country

        currency = self.currency

        timezone = self.timezone

        locale = self.locale

        shared_phone_allowed = self.shared_phone_allowed

        redemption_undo_minutes = self.redemption_undo_minutes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "slug": slug,
                "name": name,
                "country": country,
                "currency": currency,
                "timezone": timezone,
                "locale": locale,
                "shared_phone_allowed": shared_phone_allowed,
                "redemption_undo_minutes": redemption_undo_minutes,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        slug = d.pop("slug")

        name = d.pop("name")

        country = d.pop("country")

        currency = d.pop("currency")

        timezone = d.pop("timezone")

        locale = d.pop("locale")

        shared_phone_allowed = d.pop("shared_phone_allowed")

        redemption_undo_minutes = d.pop("redemption_undo_minutes")

        tenant_out = cls(
            id=id,
            slug=slug,
            name=name,
            country=country,
            currency=currency,
            timezone=timezone,
            locale=locale,
            shared_phone_allowed=shared_phone_allowed,
            redemption_undo_minutes=redemption_undo_minutes,
        )

        tenant_out.additional_properties = d
        return tenant_out

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
