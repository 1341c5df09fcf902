from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rules_input import RulesInput


T = TypeVar("T", bound="ProgrammeIn")


@_attrs_define
class ProgrammeIn:
    """
    Attributes:
        enabled (bool | Unset):  Default: True.
        rules (RulesInput | Unset): A programme version's rules. Points are whole numbers.
    """

    enabled: bool | Unset = True
    rules: RulesInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        enabled = self.enabled

        rules: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rules, Unset):
            rules = self.rules.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if enabled is not UNSET:
            field_dict["enabled"] = enabled
        if rules is not UNSET:
            field_dict["rules"] = rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules_input import RulesInput  # noqa: PLC0415

        d = dict(src_dict)
        enabled = d.pop("enabled", UNSET)

        _rules = d.pop("rules", UNSET)
        rules: RulesInput | Unset
        if isinstance(_rules, Unset):
            rules = UNSET
        else:
            rules = RulesInput.from_dict(_rules)

        programme_in = cls(
            enabled=enabled,
            rules=rules,
        )

        return programme_in
