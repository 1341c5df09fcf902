from enum import StrEnum


class RulesInputLevelBasis(StrEnum):
    AMOUNT_SPENT = "amount_spent"
    POINTS_EARNED = "points_earned"

    def __str__(self) -> str:
        return str(self.value)
