from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="MultiplierInput")


@_attrs_define
class MultiplierInput:
    """Multiply a purchase's points when every condition given holds ("double points on
    Tuesdays in Kraków": weekdays [2], location "KRK-01", factor 2).

        Attributes:
            factor (float | str):
            tag (None | str | Unset): The customer has this tag
            segment_id (None | Unset | UUID): The customer is in this segment
            location (None | str | Unset): A location code
            weekdays (list[int] | None | Unset): ISO weekdays (1 Monday … 7 Sunday), in the tenant's zone
            from_time (None | str | Unset): Local time of day, inclusive
            to_time (None | str | Unset): Local time of day, exclusive
    """

    factor: float | str
    tag: None | str | Unset = UNSET
    segment_id: None | Unset | UUID = UNSET
    location: None | str | Unset = UNSET
    weekdays: list[int] | None | Unset = UNSET
    from_time: None | str | Unset = UNSET
    to_time: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        factor: float | str
        factor = self.factor

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        segment_id: None | str | Unset
        if isinstance(self.segment_id, Unset):
            segment_id = UNSET
        elif isinstance(self.segment_id, UUID):
            segment_id = str(self.segment_id)
        else:
            segment_id = self.segment_id

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        weekdays: list[int] | None | Unset
        if isinstance(self.weekdays, Unset):
            weekdays = UNSET
        elif isinstance(self.weekdays, list):
            weekdays = self.weekdays

        else:
            weekdays = self.weekdays

        from_time: None | str | Unset
        if isinstance(self.from_time, Unset):
            from_time = UNSET
        else:
            from_time = self.from_time

        to_time: None | str | Unset
        if isinstance(self.to_time, Unset):
            to_time = UNSET
        else:
            to_time = self.to_time

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "factor": factor,
            }
        )
        if tag is not UNSET:
            field_dict["tag"] = tag
        if segment_id is not UNSET:
            field_dict["segment_id"] = segment_id
        if location is not UNSET:
            field_dict["location"] = location
        if weekdays is not UNSET:
            field_dict["weekdays"] = weekdays
        if from_time is not UNSET:
            field_dict["from_time"] = from_time
        if to_time is not UNSET:
            field_dict["to_time"] = to_time

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_factor(data: object) -> float | str:
            return cast(float | str, data)

        factor = _parse_factor(d.pop("factor"))

        def _parse_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        def _parse_segment_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                segment_id_type_0 = UUID(data)

                return segment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        segment_id = _parse_segment_id(d.pop("segment_id", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_weekdays(data: object) -> list[int] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                weekdays_type_0 = cast(list[int], data)

                return weekdays_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[int] | None | Unset, data)

        weekdays = _parse_weekdays(d.pop("weekdays", UNSET))

        def _parse_from_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        from_time = _parse_from_time(d.pop("from_time", UNSET))

        def _parse_to_time(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        to_time = _parse_to_time(d.pop("to_time", UNSET))

        multiplier_input = cls(
            factor=factor,
            tag=tag,
            segment_id=segment_id,
            location=location,
            weekdays=weekdays,
            from_time=from_time,
            to_time=to_time,
        )

        return multiplier_input
