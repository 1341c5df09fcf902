from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bulk_result_action import BulkResultAction
from ..models.bulk_result_status import BulkResultStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="BulkResult")


@_attrs_define
class BulkResult:
    """
    Attributes:
        action (BulkResultAction):
        matched (int): Customers in the selection
        changed (int | None): Customers changed; null for a dry run or a queued job
        dry_run (bool):
        status (BulkResultStatus):
        job_id (None | Unset | UUID):
    """

    action: BulkResultAction
    matched: int
    changed: int | None
    dry_run: bool
    status: BulkResultStatus
    job_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        matched = self.matched

        changed: int | None
        changed = self.changed

        dry_run = self.dry_run

        status = self.status.value

        job_id: None | str | Unset
        if isinstance(self.job_id, Unset):
            job_id = UNSET
        elif isinstance(self.job_id, UUID):
            job_id = str(self.job_id)
        else:
            job_id = self.job_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "matched": matched,
                "changed": changed,
                "dry_run": dry_run,
                "status": status,
            }
        )
        if job_id is not UNSET:
            field_dict["job_id"] = job_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = BulkResultAction(d.pop("action"))

        matched = d.pop("matched")

        def _parse_changed(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        changed = _parse_changed(d.pop("changed"))

        dry_run = d.pop("dry_run")

        status = BulkResultStatus(d.pop("status"))

        def _parse_job_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_id_type_0 = UUID(data)

                return job_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        job_id = _parse_job_id(d.pop("job_id", UNSET))

        bulk_result = cls(
            action=action,
            matched=matched,
            changed=changed,
            dry_run=dry_run,
            status=status,
            job_id=job_id,
        )

        bulk_result.additional_properties = d
        return bulk_result

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
