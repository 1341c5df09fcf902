from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.issue_result_status import IssueResultStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="IssueResult")


@_attrs_define
class IssueResult:
    """
    Attributes:
        status (IssueResultStatus): `done`: issued in the request (201); `queued`: a job (202), see `job_id`
        matched (int): Customers in the selection
        issued (int | None): Vouchers issued; null while the job runs
        job_id (None | Unset | UUID): For `queued`: poll `GET /jobs/{job_id}`; its result has `changed`
    """

    status: IssueResultStatus
    matched: int
    issued: int | None
    job_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        matched = self.matched

        issued: int | None
        issued = self.issued

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
                "status": status,
                "matched": matched,
                "issued": issued,
            }
        )
        if job_id is not UNSET:
            field_dict["job_id"] = job_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = IssueResultStatus(d.pop("status"))

        matched = d.pop("matched")

        def _parse_issued(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        issued = _parse_issued(d.pop("issued"))

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

        issue_result = cls(
            status=status,
            matched=matched,
            issued=issued,
            job_id=job_id,
        )

        issue_result.additional_properties = d
        return issue_result

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
