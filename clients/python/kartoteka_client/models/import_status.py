from enum import StrEnum


class ImportStatus(StrEnum):
    CANCELLED = "cancelled"
    COMMITTING = "committing"
    COMPLETED = "completed"
    FAILED = "failed"
    REVERTED = "reverted"
    REVERTING = "reverting"
    UPLOADED = "uploaded"
    VALIDATED = "validated"
    VALIDATING = "validating"

    def __str__(self) -> str:
        return str(self.value)
