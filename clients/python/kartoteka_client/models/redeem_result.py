from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.redemption_out import RedemptionOut
    from ..models.voucher_out import VoucherOut


T = TypeVar("T", bound="RedeemResult")


@_attrs_define
class RedeemResult:
    """
    Attributes:
        redemption (RedemptionOut):
        voucher (VoucherOut):
        replayed (bool): True when transaction_ref redeemed this voucher before: nothing was taken
    """

    redemption: RedemptionOut
    voucher: VoucherOut
    replayed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        redemption = self.redemption.to_dict()

        voucher = self.voucher.to_dict()

        replayed = self.replayed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "redemption": redemption,
                "voucher": voucher,
                "replayed": replayed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.redemption_out import RedemptionOut  # noqa: PLC0415
        from ..models.voucher_out import VoucherOut  # noqa: PLC0415

        d = dict(src_dict)
        redemption = RedemptionOut.from_dict(d.pop("redemption"))

        voucher = VoucherOut.from_dict(d.pop("voucher"))

        replayed = d.pop("replayed")

        redeem_result = cls(
            redemption=redemption,
            voucher=voucher,
            replayed=replayed,
        )

        redeem_result.additional_properties = d
        return redeem_result

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
