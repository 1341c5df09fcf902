from enum import StrEnum


class VoucherCreateKind(StrEnum):
    AMOUNT = "amount"
    PERCENT = "percent"

    def __str__(self) -> str:
        return str(self.value)
