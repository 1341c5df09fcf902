from enum import StrEnum


class FileSettingsDelimiterType0(StrEnum):
    VALUE_0 = ","
    VALUE_1 = ";"
    VALUE_2 = "\t"
    VALUE_3 = "|"

    def __str__(self) -> str:
        return str(self.value)
