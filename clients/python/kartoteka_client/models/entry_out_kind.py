from enum import StrEnum


class EntryOutKind(StrEnum):
    ADJUST = "adjust"
    CLAWBACK = "clawback"
    EARN = "earn"
    EXPIRE = "expire"
    OPENING = "opening"
    REDEEM = "redeem"

    def __str__(self) -> str:
        return str(self.value)
