from enum import StrEnum


class DiscountInPeriod(StrEnum):
    MONTH = "month"
    WEEK = "week"
    YEAR = "year"

    def __str__(self) -> str:
        return str(self.value)
