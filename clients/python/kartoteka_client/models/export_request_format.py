from enum import StrEnum


class ExportRequestFormat(StrEnum):
    CSV = "csv"
    PDF = "pdf"
    XLSX = "xlsx"

    def __str__(self) -> str:
        return str(self.value)
