from enum import StrEnum


class VoucherOutKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"

    def __str__(self) -> str:
        return str(self.value)
