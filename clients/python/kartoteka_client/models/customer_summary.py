from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut
    from ..models.history_entry import HistoryEntry
    from ..models.transaction_out import TransactionOut
    from ..models.voucher_out import VoucherOut


T = TypeVar("T", bound="CustomerSummary")


@_attrs_define
class CustomerSummary:
    """
    Attributes:
        customer (CustomerOut):
        active_vouchers (list[VoucherOut]):
        last_transactions (list[TransactionOut]):
        recent_history (list[HistoryEntry]):
    """

    customer: CustomerOut
    active_vouchers: list[VoucherOut]
    last_transactions: list[TransactionOut]
    recent_history: list[HistoryEntry]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer.to_dict()

        active_vouchers = []
        for active_vouchers_item_data in self.active_vouchers:
            active_vouchers_item = active_vouchers_item_data.to_dict()
            active_vouchers.append(active_vouchers_item)

        last_transactions = []
        for last_transactions_item_data in self.last_transactions:
            last_transactions_item = last_transactions_item_data.to_dict()
            last_transactions.append(last_transactions_item)

        recent_history = []
        for recent_history_item_data in self.recent_history:
            recent_history_item = recent_history_item_data.to_dict()
            recent_history.append(recent_history_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customer": customer,
                "active_vouchers": active_vouchers,
                "last_transactions": last_transactions,
                "recent_history": recent_history,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415
        from ..models.history_entry import HistoryEntry  # noqa: PLC0415
        from ..models.transaction_out import TransactionOut  # noqa: PLC0415
        from ..models.voucher_out import VoucherOut  # noqa: PLC0415

        d = dict(src_dict)
        customer = CustomerOut.from_dict(d.pop("customer"))

        active_vouchers = []
        _active_vouchers = d.pop("active_vouchers")
        for active_vouchers_item_data in _active_vouchers:
            active_vouchers_item = VoucherOut.from_dict(active_vouchers_item_data)

            active_vouchers.append(active_vouchers_item)

        last_transactions = []
        _last_transactions = d.pop("last_transactions")
        for last_transactions_item_data in _last_transactions:
            last_transactions_item = TransactionOut.from_dict(last_transactions_item_data)

            last_transactions.append(last_transactions_item)

        recent_history = []
        _recent_history = d.pop("recent_history")
        for recent_history_item_data in _recent_history:
            recent_history_item = HistoryEntry.from_dict(recent_history_item_data)

            recent_history.append(recent_history_item)

        customer_summary = cls(
            customer=customer,
            active_vouchers=active_vouchers,
            last_transactions=last_transactions,
            recent_history=recent_history,
        )

        customer_summary.additional_properties = d
        return customer_summary

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
