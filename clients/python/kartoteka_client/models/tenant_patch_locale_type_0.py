from enum import StrEnum


class TenantPatchLocaleType0(StrEnum):
    EN = "en"
    PL = "pl"
    RU = "ru"
    UK = "uk"

    def __str__(self) -> str:
        return str(self.value)
