from enum import StrEnum


class TransactionInKindType0(StrEnum):
    PURCHASE = "purchase"
    REFUND = "refund"

    def __str__(self) -> str:
        return str(self.value)
