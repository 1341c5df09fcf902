from enum import StrEnum


class CustomerOutStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
