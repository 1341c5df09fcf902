from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tenant_patch_country_type_0 import TenantPatchCountryType0
from ..models.tenant_patch_locale_type_0 import TenantPatchLocaleType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="TenantPatch")


@_attrs_define
class TenantPatch:
    """
    Attributes:
        name (None | str | Unset):
        country (None | TenantPatchCountryType0 | Unset):
        currency (None | str | Unset):
        timezone (None | str | Unset):
        locale (None | TenantPatchLocaleType0 | Unset):
        shared_phone_allowed (bool | None | Unset):
        redemption_undo_minutes (int | None | Unset):
    """

    name: None | str | Unset = UNSET
    country: None | TenantPatchCountryType0 | Unset = UNSET
    currency: None | str | Unset = UNSET
    timezone: None | str | Unset = UNSET
    locale: None | TenantPatchLocaleType0 | Unset = UNSET
    shared_phone_allowed: bool | None | Unset = UNSET
    redemption_undo_minutes: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        elif isinstance(self.country, TenantPatchCountryType0):
            country = self.country.value
        else:
            country = self.country

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        timezone: None | str | Unset
        if isinstance(self.timezone, Unset):
            timezone = UNSET
        else:
            timezone = self.timezone

        locale: None | str | Unset
        if isinstance(self.locale, Unset):
            locale = UNSET
        elif isinstance(self.locale, TenantPatchLocaleType0):
            locale = self.locale.value
        else:
            locale = self.locale

        shared_phone_allowed: bool | None | Unset
        if isinstance(self.shared_phone_allowed, Unset):
            shared_phone_allowed = UNSET
        else:
            shared_phone_allowed = self.shared_phone_allowed

        redemption_undo_minutes: int | None | Unset
        if isinstance(self.redemption_undo_minutes, Unset):
            redemption_undo_minutes = UNSET
        else:
            redemption_undo_minutes = self.redemption_undo_minutes

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if country is not UNSET:
            field_dict["country"] = country
        if currency is not UNSET:
            field_dict["currency"] = currency
        if timezone is not UNSET:
            field_dict["timezone"] = timezone
        if locale is not UNSET:
            field_dict["locale"] = locale
        if shared_phone_allowed is not UNSET:
            field_dict["shared_phone_allowed"] = shared_phone_allowed
        if redemption_undo_minutes is not UNSET:
            field_dict["redemption_undo_minutes"] = redemption_undo_minutes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_country(data: object) -> None | TenantPatchCountryType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                country_type_0 = TenantPatchCountryType0(data)

                return country_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TenantPatchCountryType0 | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_timezone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        timezone = _parse_timezone(d.pop("timezone", UNSET))

        def _parse_locale(data: object) -> None | TenantPatchLocaleType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                locale_type_0 = TenantPatchLocaleType0(data)

                return locale_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TenantPatchLocaleType0 | Unset, data)

        locale = _parse_locale(d.pop("locale", UNSET))

        def _parse_shared_phone_allowed(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        shared_phone_allowed = _parse_shared_phone_allowed(d.pop("shared_phone_allowed", UNSET))

        def _parse_redemption_undo_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redemption_undo_minutes = _parse_redemption_undo_minutes(d.pop("redemption_undo_minutes", UNSET))

        tenant_patch = cls(
            name=name,
            country=country,
            currency=currency,
            timezone=timezone,
            locale=locale,
            shared_phone_allowed=shared_phone_allowed,
            redemption_undo_minutes=redemption_undo_minutes,
        )

        return tenant_patch
