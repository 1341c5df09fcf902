from enum import StrEnum


class WebhookPatchEventsType0Item(StrEnum):
    BULK_COMPLETED = "bulk.completed"
    CONSENT_GRANTED = "consent.granted"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    CUSTOMER_CREATED = "customer.created"
    CUSTOMER_DELETED = "customer.deleted"
    CUSTOMER_ERASED = "customer.erased"
    CUSTOMER_MERGED = "customer.merged"
    CUSTOMER_UPDATED = "customer.updated"
    EXPORT_READY = "export.ready"
    IMPORT_COMPLETED = "import.completed"
    IMPORT_FAILED = "import.failed"
    IMPORT_REVERTED = "import.reverted"
    TRANSACTION_CREATED = "transaction.created"
    TRANSACTION_REFUNDED = "transaction.refunded"
    VALUE_0 = "*"
    VOUCHER_ASSIGNED = "voucher.assigned"
    VOUCHER_CANCELLED = "voucher.cancelled"
    VOUCHER_EXPIRED = "voucher.expired"
    VOUCHER_ISSUED = "voucher.issued"
    VOUCHER_REDEEMED = "voucher.redeemed"
    WEBHOOK_DISABLED = "webhook.disabled"

    def __str__(self) -> str:
        return str(self.value)
