from enum import StrEnum


class CustomerFieldsOutStatus(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
