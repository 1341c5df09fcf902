from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.overview_granularity import OverviewGranularity
from ..models.overview_preset import OverviewPreset

if TYPE_CHECKING:
    from ..models.bucket import Bucket
    from ..models.figures import Figures
    from ..models.overview_change_percent import OverviewChangePercent
    from ..models.period import Period


T = TypeVar("T", bound="Overview")


@_attrs_define
class Overview:
    """
    Attributes:
        preset (OverviewPreset):
        granularity (OverviewGranularity):
        timezone (str):
        period (Period):
        previous_period (Period):
        series (list[Bucket]):
        totals (Figures):
        previous (Figures):
        change_percent (OverviewChangePercent): (totals − previous) / previous × 100 per figure; null when previous is 0
    """

    preset: OverviewPreset
    granularity: OverviewGranularity
    timezone: str
    period: Period
    previous_period: Period
    series: list[Bucket]
    totals: Figures
    previous: Figures
    change_percent: OverviewChangePercent
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        preset = self.preset.value

        granularity = self.granularity.value

        timezone = self.timezone

        period = self.period.to_dict()

        previous_period = self.previous_period.to_dict()

        series = []
        for series_item_data in self.series:
            series_item = series_item_data.to_dict()
            series.append(series_item)

        totals = self.totals.to_dict()

        previous = self.previous.to_dict()

        change_percent = self.change_percent.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "preset": preset,
                "granularity": granularity,
                "timezone": timezone,
                "period": period,
                "previous_period": previous_period,
                "series": series,
                "totals": totals,
                "previous": previous,
                "change_percent": change_percent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bucket import Bucket  # noqa: PLC0415
        from ..models.figures import Figures  # noqa: PLC0415
        from ..models.overview_change_percent import OverviewChangePercent  # noqa: PLC0415
        from ..models.period import Period  # noqa: PLC0415

        d = dict(src_dict)
        preset = OverviewPreset(d.pop("preset"))

        granularity = OverviewGranularity(d.pop("granularity"))

        timezone = d.pop("timezone")

        period = Period.from_dict(d.pop("period"))

        previous_period = Period.from_dict(d.pop("previous_period"))

        series = []
        _series = d.pop("series")
        for series_item_data in _series:
            series_item = Bucket.from_dict(series_item_data)

            series.append(series_item)

        totals = Figures.from_dict(d.pop("totals"))

        previous = Figures.from_dict(d.pop("previous"))

        change_percent = OverviewChangePercent.from_dict(d.pop("change_percent"))

        overview = cls(
            preset=preset,
            granularity=granularity,
            timezone=timezone,
            period=period,
            previous_period=previous_period,
            series=series,
            totals=totals,
            previous=previous,
            change_percent=change_percent,
        )

        overview.additional_properties = d
        return overview

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
