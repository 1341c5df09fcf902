from enum import StrEnum


class StatsConsentsPreset(StrEnum):
    CUSTOM = "custom"
    LAST_30_DAYS = "last_30_days"
    LAST_7_DAYS = "last_7_days"
    LAST_MONTH = "last_month"
    PREVIOUS_WEEK = "previous_week"

    def __str__(self) -> str:
        return str(self.value)
