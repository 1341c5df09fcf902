from enum import StrEnum


class CustomerPatchStatusType0(StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    INACTIVE = "inactive"

    def __str__(self) -> str:
        return str(self.value)
