from enum import StrEnum


class CustomerOutType(StrEnum):
    CUSTOMER = "customer"
    LEAD = "lead"
    REGISTERED = "registered"

    def __str__(self) -> str:
        return str(self.value)
