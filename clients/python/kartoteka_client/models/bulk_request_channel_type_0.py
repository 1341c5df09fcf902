from enum import StrEnum


class BulkRequestChannelType0(StrEnum):
    DATA_PROCESSING = "data_processing"
    EMAIL_MARKETING = "email_marketing"
    PUSH_MARKETING = "push_marketing"
    SMS_MARKETING = "sms_marketing"

    def __str__(self) -> str:
        return str(self.value)
