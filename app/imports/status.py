"""The import's statuses, and which of them a job is working in."""

from enum import StrEnum


class ImportStatus(StrEnum):
    UPLOADED = "uploaded"
    VALIDATING = "validating"
    VALIDATED = "validated"
    COMMITTING = "committing"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    REVERTING = "reverting"
    REVERTED = "reverted"


# Nothing more happens to an import in these.
TERMINAL = (
    ImportStatus.COMPLETED,
    ImportStatus.FAILED,
    ImportStatus.CANCELLED,
    ImportStatus.REVERTED,
)
