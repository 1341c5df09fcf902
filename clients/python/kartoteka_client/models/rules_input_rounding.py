from enum import StrEnum


class RulesInputRounding(StrEnum):
    CEIL = "ceil"
    FLOOR = "floor"
    HALF_UP = "half_up"

    def __str__(self) -> str:
        return str(self.value)
