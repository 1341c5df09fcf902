from enum import StrEnum


class TransactionRecordedKind(StrEnum):
    PURCHASE = "purchase"
    REFUND = "refund"

    def __str__(self) -> str:
        return str(self.value)
