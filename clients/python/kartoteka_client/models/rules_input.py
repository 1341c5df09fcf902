from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.rules_input_level_basis import RulesInputLevelBasis
from ..models.rules_input_rounding import RulesInputRounding
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.level_input import LevelInput
    from ..models.multiplier_input import MultiplierInput


T = TypeVar("T", bound="RulesInput")


@_attrs_define
class RulesInput:
    """A programme version's rules. Points are whole numbers.

    Attributes:
        points_per_unit (float | str | Unset): Points per currency unit spent Default: 1.0.
        rounding (RulesInputRounding | Unset):  Default: RulesInputRounding.FLOOR.
        points_per_visit (int | Unset):  Default: 0.
        first_purchase_bonus (int | Unset):  Default: 0.
        birthday_bonus (int | Unset):  Default: 0.
        multipliers (list[MultiplierInput] | Unset):
        pending_days (int | Unset):  Default: 0.
        expiry_months (int | None | Unset): None: never Default: 12.
        point_value (float | str | Unset): Money one point pays Default: 0.01.
        redeem_min_points (int | Unset):  Default: 1.
        redeem_max_points (int | None | Unset): Per purchase
        redeem_max_percent (float | str | Unset): Of the purchase amount, when given Default: 100.0.
        level_basis (RulesInputLevelBasis | Unset):  Default: RulesInputLevelBasis.POINTS_EARNED.
        level_window_days (int | Unset):  Default: 365.
        level_grace_days (int | Unset):  Default: 30.
        levels (list[LevelInput] | Unset):
    """

    points_per_unit: float | str | Unset = 1.0
    rounding: RulesInputRounding | Unset = RulesInputRounding.FLOOR
    points_per_visit: int | Unset = 0
    first_purchase_bonus: int | Unset = 0
    birthday_bonus: int | Unset = 0
    multipliers: list[MultiplierInput] | Unset = UNSET
    pending_days: int | Unset = 0
    expiry_months: int | None | Unset = 12
    point_value: float | str | Unset = 0.01
    redeem_min_points: int | Unset = 1
    redeem_max_points: int | None | Unset = UNSET
    redeem_max_percent: float | str | Unset = 100.0
    level_basis: RulesInputLevelBasis | Unset = RulesInputLevelBasis.POINTS_EARNED
    level_window_days: int | Unset = 365
    level_grace_days: int | Unset = 30
    levels: list[LevelInput] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        points_per_unit: float | str | Unset
        if isinstance(self.points_per_unit, Unset):
            points_per_unit = UNSET
        else:
            points_per_unit = self.points_per_unit

        rounding: str | Unset = UNSET
        if not isinstance(self.rounding, Unset):
            rounding = self.rounding.value

        points_per_visit = self.points_per_visit

        first_purchase_bonus = self.first_purchase_bonus

        birthday_bonus = self.birthday_bonus

        multipliers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.multipliers, Unset):
            multipliers = []
            for multipliers_item_data in self.multipliers:
                multipliers_item = multipliers_item_data.to_dict()
                multipliers.append(multipliers_item)

        pending_days = self.pending_days

        expiry_months: int | None | Unset
        if isinstance(self.expiry_months, Unset):
            expiry_months = UNSET
        else:
            expiry_months = self.expiry_months

        point_value: float | str | Unset
        if isinstance(self.point_value, Unset):
            point_value = UNSET
        else:
            point_value = self.point_value

        redeem_min_points = self.redeem_min_points

        redeem_max_points: int | None | Unset
        if isinstance(self.redeem_max_points, Unset):
            redeem_max_points = UNSET
        else:
            redeem_max_points = self.redeem_max_points

        redeem_max_percent: float | str | Unset
        if isinstance(self.redeem_max_percent, Unset):
            redeem_max_percent = UNSET
        else:
            redeem_max_percent = self.redeem_max_percent

        level_basis: str | Unset = UNSET
        if not isinstance(self.level_basis, Unset):
            level_basis = self.level_basis.value

        level_window_days = self.level_window_days

        level_grace_days = self.level_grace_days

        levels: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.levels, Unset):
            levels = []
            for levels_item_data in self.levels:
                levels_item = levels_item_data.to_dict()
                levels.append(levels_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if points_per_unit is not UNSET:
            field_dict["points_per_unit"] = points_per_unit
        if rounding is not UNSET:
            field_dict["rounding"] = rounding
        if points_per_visit is not UNSET:
            field_dict["points_per_visit"] = points_per_visit
        if first_purchase_bonus is not UNSET:
            field_dict["first_purchase_bonus"] = first_purchase_bonus
        if birthday_bonus is not UNSET:
            field_dict["birthday_bonus"] = birthday_bonus
        if multipliers is not UNSET:
            field_dict["multipliers"] = multipliers
        if pending_days is not UNSET:
            field_dict["pending_days"] = pending_days
        if expiry_months is not UNSET:
            field_dict["expiry_months"] = expiry_months
        if point_value is not UNSET:
            field_dict["point_value"] = point_value
        if redeem_min_points is not UNSET:
            field_dict["redeem_min_points"] = redeem_min_points
        if redeem_max_points is not UNSET:
            field_dict["redeem_max_points"] = redeem_max_points
        if redeem_max_percent is not UNSET:
            field_dict["redeem_max_percent"] = redeem_max_percent
        if level_basis is not UNSET:
            field_dict["level_basis"] = level_basis
        if level_window_days is not UNSET:
            field_dict["level_window_days"] = level_window_days
        if level_grace_days is not UNSET:
            field_dict["level_grace_days"] = level_grace_days
        if levels is not UNSET:
            field_dict["levels"] = levels

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.level_input import LevelInput  # noqa: PLC0415
        from ..models.multiplier_input import MultiplierInput  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_points_per_unit(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        points_per_unit = _parse_points_per_unit(d.pop("points_per_unit", UNSET))

        _rounding = d.pop("rounding", UNSET)
        rounding: RulesInputRounding | Unset
        if isinstance(_rounding, Unset):
            rounding = UNSET
        else:
            rounding = RulesInputRounding(_rounding)

        points_per_visit = d.pop("points_per_visit", UNSET)

        first_purchase_bonus = d.pop("first_purchase_bonus", UNSET)

        birthday_bonus = d.pop("birthday_bonus", UNSET)

        _multipliers = d.pop("multipliers", UNSET)
        multipliers: list[MultiplierInput] | Unset = UNSET
        if _multipliers is not UNSET:
            multipliers = []
            for multipliers_item_data in _multipliers:
                multipliers_item = MultiplierInput.from_dict(multipliers_item_data)

                multipliers.append(multipliers_item)

        pending_days = d.pop("pending_days", UNSET)

        def _parse_expiry_months(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        expiry_months = _parse_expiry_months(d.pop("expiry_months", UNSET))

        def _parse_point_value(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        point_value = _parse_point_value(d.pop("point_value", UNSET))

        redeem_min_points = d.pop("redeem_min_points", UNSET)

        def _parse_redeem_max_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redeem_max_points = _parse_redeem_max_points(d.pop("redeem_max_points", UNSET))

        def _parse_redeem_max_percent(data: object) -> float | str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(float | str | Unset, data)

        redeem_max_percent = _parse_redeem_max_percent(d.pop("redeem_max_percent", UNSET))

        _level_basis = d.pop("level_basis", UNSET)
        level_basis: RulesInputLevelBasis | Unset
        if isinstance(_level_basis, Unset):
            level_basis = UNSET
        else:
            level_basis = RulesInputLevelBasis(_level_basis)

        level_window_days = d.pop("level_window_days", UNSET)

        level_grace_days = d.pop("level_grace_days", UNSET)

        _levels = d.pop("levels", UNSET)
        levels: list[LevelInput] | Unset = UNSET
        if _levels is not UNSET:
            levels = []
            for levels_item_data in _levels:
                levels_item = LevelInput.from_dict(levels_item_data)

                levels.append(levels_item)

        rules_input = cls(
            points_per_unit=points_per_unit,
            rounding=rounding,
            points_per_visit=points_per_visit,
            first_purchase_bonus=first_purchase_bonus,
            birthday_bonus=birthday_bonus,
            multipliers=multipliers,
            pending_days=pending_days,
            expiry_months=expiry_months,
            point_value=point_value,
            redeem_min_points=redeem_min_points,
            redeem_max_points=redeem_max_points,
            redeem_max_percent=redeem_max_percent,
            level_basis=level_basis,
            level_window_days=level_window_days,
            level_grace_days=level_grace_days,
            levels=levels,
        )

        return rules_input
