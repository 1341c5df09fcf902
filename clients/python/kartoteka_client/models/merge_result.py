from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.customer_out import CustomerOut
    from ..models.merge_result_moved import MergeResultMoved


T = TypeVar("T", bound="MergeResult")


@_attrs_define
class MergeResult:
    """
    Attributes:
        customer (CustomerOut):
        moved (MergeResultMoved): Rows moving to the target, by kind
        dry_run (bool):
    """

    customer: CustomerOut
    moved: MergeResultMoved
    dry_run: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer.to_dict()

        moved = self.moved.to_dict()

        dry_run = self.dry_run

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "customer": customer,
                "moved": moved,
                "dry_run": dry_run,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_out import CustomerOut  # noqa: PLC0415
        from ..models.merge_result_moved import MergeResultMoved  # noqa: PLC0415

        d = dict(src_dict)
        customer = CustomerOut.from_dict(d.pop("customer"))

        moved = MergeResultMoved.from_dict(d.pop("moved"))

        dry_run = d.pop("dry_run")

        merge_result = cls(
            customer=customer,
            moved=moved,
            dry_run=dry_run,
        )

        merge_result.additional_properties = d
        return merge_result

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
