from enum import StrEnum


class ImportMappingOnDuplicate(StrEnum):
    FILL_EMPTY = "fill_empty"
    SKIP = "skip"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
