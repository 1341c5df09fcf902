from enum import StrEnum


class IssueResultStatus(StrEnum):
    DONE = "done"
    QUEUED = "queued"

    def __str__(self) -> str:
        return str(self.value)
