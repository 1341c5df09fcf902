from enum import StrEnum


class CustomFieldInType(StrEnum):
    BOOLEAN = "boolean"
    CHOICE = "choice"
    DATE = "date"
    NUMBER = "number"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
