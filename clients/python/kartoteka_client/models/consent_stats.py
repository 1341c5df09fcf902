from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.channel_consents import ChannelConsents
    from ..models.period import Period


T = TypeVar("T", bound="ConsentStats")


@_attrs_define
class ConsentStats:
    """
    Attributes:
        period (Period):
        total_customers (int):
        any_granted (int): Customers with at least one consent granted
        channels (list[ChannelConsents]):
    """

    period: Period
    total_customers: int
    any_granted: int
    channels: list[ChannelConsents]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        period = self.period.to_dict()

        total_customers = self.total_customers

        any_granted = self.any_granted

        channels = []
        for channels_item_data in self.channels:
            channels_item = channels_item_data.to_dict()
            channels.append(channels_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "period": period,
                "total_customers": total_customers,
                "any_granted": any_granted,
                "channels": channels,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.channel_consents import ChannelConsents  # noqa: PLC0415
        from ..models.period import Period  # noqa: PLC0415

        d = dict(src_dict)
        period = Period.from_dict(d.pop("period"))

        total_customers = d.pop("total_customers")

        any_granted = d.pop("any_granted")

        channels = []
        _channels = d.pop("channels")
        for channels_item_data in _channels:
            channels_item = ChannelConsents.from_dict(channels_item_data)

            channels.append(channels_item)

        consent_stats = cls(
            period=period,
            total_customers=total_customers,
            any_granted=any_granted,
            channels=channels,
        )

        consent_stats.additional_properties = d
        return consent_stats

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
