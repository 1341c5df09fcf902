from enum import StrEnum


class CustomerOutSource(StrEnum):
    API = "api"
    IMPORT = "import"
    MANUAL = "manual"
    POS = "pos"

    def __str__(self) -> str:
        return str(self.value)
