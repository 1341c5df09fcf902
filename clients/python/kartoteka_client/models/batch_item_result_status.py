from enum import StrEnum


class BatchItemResultStatus(StrEnum):
    CREATED = "created"
    FAILED = "failed"
    REPLAYED = "replayed"

    def __str__(self) -> str:
        return str(self.value)
