from enum import StrEnum


class BulkRequestAction(StrEnum):
    ADD_TAGS = "add_tags"
    DELETE = "delete"
    REMOVE_TAGS = "remove_tags"
    SET_CONSENT = "set_consent"
    SET_STATUS = "set_status"
    UPDATE_FIELDS = "update_fields"

    def __str__(self) -> str:
        return str(self.value)
