from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rules_input import RulesInput


T = TypeVar("T", bound="PreviewIn")


@_attrs_define
class PreviewIn:
    """
    Attributes:
        amount (float | str):
        at (datetime.datetime | None | Unset): Default: now
        location (None | str | Unset):
        level (None | str | Unset):
        tags (list[str] | Unset):
        segment_ids (list[UUID] | Unset):
        first_purchase (bool | Unset):  Default: False.
        first_visit_of_day (bool | Unset):  Default: True.
        rules (None | RulesInput | Unset): Try rules before saving them
    """

    amount: float | str
    at: datetime.datetime | None | Unset = UNSET
    location: None | str | Unset = UNSET
    level: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    segment_ids: list[UUID] | Unset = UNSET
    first_purchase: bool | Unset = False
    first_visit_of_day: bool | Unset = True
    rules: None | RulesInput | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.rules_input import RulesInput  # noqa: PLC0415

        amount: float | str
        amount = self.amount

        at: None | str | Unset
        if isinstance(self.at, Unset):
            at = UNSET
        elif isinstance(self.at, datetime.datetime):
            at = self.at.isoformat()
        else:
            at = self.at

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        level: None | str | Unset
        if isinstance(self.level, Unset):
            level = UNSET
        else:
            level = self.level

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        segment_ids: list[str] | Unset = UNSET
        if not isinstance(self.segment_ids, Unset):
            segment_ids = []
            for segment_ids_item_data in self.segment_ids:
                segment_ids_item = str(segment_ids_item_data)
                segment_ids.append(segment_ids_item)

        first_purchase = self.first_purchase

        first_visit_of_day = self.first_visit_of_day

        rules: dict[str, Any] | None | Unset
        if isinstance(self.rules, Unset):
            rules = UNSET
        elif isinstance(self.rules, RulesInput):
            rules = self.rules.to_dict()
        else:
            rules = self.rules

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
            }
        )
        if at is not UNSET:
            field_dict["at"] = at
        if location is not UNSET:
            field_dict["location"] = location
        if level is not UNSET:
            field_dict["level"] = level
        if tags is not UNSET:
            field_dict["tags"] = tags
        if segment_ids is not UNSET:
            field_dict["segment_ids"] = segment_ids
        if first_purchase is not UNSET:
            field_dict["first_purchase"] = first_purchase
        if first_visit_of_day is not UNSET:
            field_dict["first_visit_of_day"] = first_visit_of_day
        if rules is not UNSET:
            field_dict["rules"] = rules

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rules_input import RulesInput  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                at_type_0 = datetime.datetime.fromisoformat(data)

                return at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        at = _parse_at(d.pop("at", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_level(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        level = _parse_level(d.pop("level", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        _segment_ids = d.pop("segment_ids", UNSET)
        segment_ids: list[UUID] | Unset = UNSET
        if _segment_ids is not UNSET:
            segment_ids = []
            for segment_ids_item_data in _segment_ids:
                segment_ids_item = UUID(segment_ids_item_data)

                segment_ids.append(segment_ids_item)

        first_purchase = d.pop("first_purchase", UNSET)

        first_visit_of_day = d.pop("first_visit_of_day", UNSET)

        def _parse_rules(data: object) -> None | RulesInput | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                rules_type_0 = RulesInput.from_dict(data)

                return rules_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RulesInput | Unset, data)

        rules = _parse_rules(d.pop("rules", UNSET))

        preview_in = cls(
            amount=amount,
            at=at,
            location=location,
            level=level,
            tags=tags,
            segment_ids=segment_ids,
            first_purchase=first_purchase,
            first_visit_of_day=first_visit_of_day,
            rules=rules,
        )

        return preview_in
