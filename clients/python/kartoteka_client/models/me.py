from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tenant_out import TenantOut
    from ..models.user_out import UserOut


T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """
    Attributes:
        user (None | UserOut):
        principal (str): `user` or `api_key`
        scopes (list[str]):
        tenant (TenantOut):
        csrf_token (None | str | Unset):
    """

    user: None | UserOut
    principal: str
    scopes: list[str]
    tenant: TenantOut
    csrf_token: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.user_out import UserOut  # noqa: PLC0415

        user: dict[str, Any] | None
        if isinstance(self.user, UserOut):
            user = self.user.to_dict()
        else:
            user = self.user

        principal = self.principal

        scopes = self.scopes

        tenant = self.tenant.to_dict()

        csrf_token: None | str | Unset
        if isinstance(self.csrf_token, Unset):
            csrf_token = UNSET
        else:
            csrf_token = self.csrf_token

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user": user,
                "principal": principal,
                "scopes": scopes,
                "tenant": tenant,
            }
        )
        if csrf_token is not UNSET:
            field_dict["csrf_token"] = csrf_token

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tenant_out import TenantOut  # noqa: PLC0415
        from ..models.user_out import UserOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_user(data: object) -> None | UserOut:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                user_type_0 = UserOut.from_dict(data)

                return user_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UserOut, data)

        user = _parse_user(d.pop("user"))

        principal = d.pop("principal")

        scopes = cast(list[str], d.pop("scopes"))

        tenant = TenantOut.from_dict(d.pop("tenant"))

        def _parse_csrf_token(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        csrf_token = _parse_csrf_token(d.pop("csrf_token", UNSET))

        me = cls(
            user=user,
            principal=principal,
            scopes=scopes,
            tenant=tenant,
            csrf_token=csrf_token,
        )

        me.additional_properties = d
        return me

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
