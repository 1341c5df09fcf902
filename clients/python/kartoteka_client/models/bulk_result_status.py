from enum import StrEnum


class BulkResultStatus(StrEnum):
    DONE = "done"
    DRY_RUN = "dry_run"
    QUEUED = "queued"

    def __str__(self) -> str:
        return str(self.value)
