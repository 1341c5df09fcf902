from enum import StrEnum


class CustomerFieldsOutSource(StrEnum):
    API = "api"
    IMPORT = "import"
    MANUAL = "manual"
    POS = "pos"

    def __str__(self) -> str:
        return str(self.value)
