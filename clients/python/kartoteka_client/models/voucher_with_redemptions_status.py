from enum import StrEnum


class VoucherWithRedemptionsStatus(StrEnum):
    ACTIVE = "active"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    REDEEMED = "redeemed"

    def __str__(self) -> str:
        return str(self.value)
