from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.progress_given_up_type_0 import ProgressGivenUpType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="Progress")


@_attrs_define
class Progress:
    """
    Attributes:
        phase (str | Unset):  Default: 'uploaded'.
        done (int | Unset):  Default: 0.
        total (int | Unset):  Default: 0.
        percent (float | Unset):  Default: 0.0.
        given_up (None | ProgressGivenUpType0 | Unset): Of a failed import: the job that was given up after failing
            again and again. A given-up revert can be started again (`POST /imports/{id}/revert`): it goes on from what it
            had undone.
    """

    phase: str | Unset = "uploaded"
    done: int | Unset = 0
    total: int | Unset = 0
    percent: float | Unset = 0.0
    given_up: None | ProgressGivenUpType0 | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        phase = self.phase

        done = self.done

        total = self.total

        percent = self.percent

        given_up: None | str | Unset
        if isinstance(self.given_up, Unset):
            given_up = UNSET
        elif isinstance(self.given_up, ProgressGivenUpType0):
            given_up = self.given_up.value
        else:
            given_up = self.given_up

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if phase is not UNSET:
            field_dict["phase"] = phase
        if done is not UNSET:
            field_dict["done"] = done
        if total is not UNSET:
            field_dict["total"] = total
        if percent is not UNSET:
            field_dict["percent"] = percent
        if given_up is not UNSET:
            field_dict["given_up"] = given_up

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        phase = d.pop("phase", UNSET)

        done = d.pop("done", UNSET)

        total = d.pop("total", UNSET)

        percent = d.pop("percent", UNSET)

        def _parse_given_up(data: object) -> None | ProgressGivenUpType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                given_up_type_0 = ProgressGivenUpType0(data)

                return given_up_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | ProgressGivenUpType0 | Unset, data)

        given_up = _parse_given_up(d.pop("given_up", UNSET))

        progress = cls(
            phase=phase,
            done=done,
            total=total,
            percent=percent,
            given_up=given_up,
        )

        progress.additional_properties = d
        return progress

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
