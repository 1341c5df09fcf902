from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.entry_out import EntryOut


T = TypeVar("T", bound="RedeemOut")


@_attrs_define
class RedeemOut:
    """
    Attributes:
        entry (EntryOut):
        amount (str): What the points pay: points × point value
        balance (int):
        replayed (bool):
    """

    entry: EntryOut
    amount: str
    balance: int
    replayed: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entry = self.entry.to_dict()

        amount = self.amount

        balance = self.balance

        replayed = self.replayed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entry": entry,
                "amount": amount,
                "balance": balance,
                "replayed": replayed,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.entry_out import EntryOut  # noqa: PLC0415

        d = dict(src_dict)
        entry = EntryOut.from_dict(d.pop("entry"))

        amount = d.pop("amount")

        balance = d.pop("balance")

        replayed = d.pop("replayed")

        redeem_out = cls(
            entry=entry,
            amount=amount,
            balance=balance,
            replayed=replayed,
        )

        redeem_out.additional_properties = d
        return redeem_out

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
