from enum import StrEnum


class ProgressGivenUpType0(StrEnum):
    COMMIT = "commit"
    PREVIEW = "preview"
    REVERT = "revert"

    def __str__(self) -> str:
        return str(self.value)
