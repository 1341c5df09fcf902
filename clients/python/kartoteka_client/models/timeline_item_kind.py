from enum import StrEnum


class TimelineItemKind(StrEnum):
    CHANGE = "change"
    CONSENT_CHANGED = "consent_changed"
    NOTE = "note"
    PURCHASE = "purchase"
    REFUND = "refund"
    VOUCHER_ISSUED = "voucher_issued"
    VOUCHER_REDEEMED = "voucher_redeemed"
    VOUCHER_REDEMPTION_UNDONE = "voucher_redemption_undone"

    def __str__(self) -> str:
        return str(self.value)
