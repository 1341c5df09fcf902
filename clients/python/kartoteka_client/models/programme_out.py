from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rules_output import RulesOutput


T = TypeVar("T", bound="ProgrammeOut")


@_attrs_define
class ProgrammeOut:
    """
    Attributes:
        version (int):
        enabled (bool):
        rules (RulesOutput): A programme version's rules. Points are whole numbers.
    """

    version: int
    enabled: bool
    rules: RulesOutput
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        version = self.version

        enabled = self.enabled

        rules = self.rules.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "version": version,
                "enabled": enabled,
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules_output import RulesOutput  # noqa: PLC0415

        d = dict(src_dict)
        version = d.pop("version")

        enabled = d.pop("enabled")

        rules = RulesOutput.from_dict(d.pop("rules"))

        programme_out = cls(
            version=version,
            enabled=enabled,
            rules=rules,
        )

        programme_out.additional_properties = d
        return programme_out

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
