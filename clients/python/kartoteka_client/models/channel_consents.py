from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ChannelConsents")


@_attrs_define
class ChannelConsents:
    """
    Attributes:
        channel (str):
        granted (int):
        share (float): Granted / all customers, 0..1
        granted_in_period (int):
        withdrawn_in_period (int):
        net_change (int):
    """

    channel: str
    granted: int
    share: float
    granted_in_period: int
    withdrawn_in_period: int
    net_change: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel

        granted = self.granted

        share = self.share

        granted_in_period = self.granted_in_period

        withdrawn_in_period = self.withdrawn_in_period

        net_change = self.net_change

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "channel": channel,
                "granted": granted,
                "share": share,
                "granted_in_period": granted_in_period,
                "withdrawn_in_period": withdrawn_in_period,
                "net_change": net_change,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = d.pop("channel")

        granted = d.pop("granted")

        share = d.pop("share")

        granted_in_period = d.pop("granted_in_period")

        withdrawn_in_period = d.pop("withdrawn_in_period")

        net_change = d.pop("net_change")

        channel_consents = cls(
            channel=channel,
            granted=granted,
            share=share,
            granted_in_period=granted_in_period,
            withdrawn_in_period=withdrawn_in_period,
            net_change=net_change,
        )

        channel_consents.additional_properties = d
        return channel_consents

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
