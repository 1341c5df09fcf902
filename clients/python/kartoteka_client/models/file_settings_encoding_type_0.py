from enum import StrEnum


class FileSettingsEncodingType0(StrEnum):
    CP1250 = "cp1250"
    CP1251 = "cp1251"
    CP1252 = "cp1252"
    ISO8859_2 = "iso8859_2"
    UTF_16 = "utf-16"
    UTF_8 = "utf-8"
    UTF_8_SIG = "utf-8-sig"

    def __str__(self) -> str:
        return str(self.value)
