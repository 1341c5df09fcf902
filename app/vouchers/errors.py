"""The problems a voucher call can answer with; each `code` is stable for clients."""

from decimal import Decimal

from pydantic import Field

from app.core.errors import Conflict, NotFound, Problem, ValidationFailed


class VoucherNotFound(NotFound):
    code = "voucher_not_found"
    title = "Voucher not found"


class VoucherCodeTaken(Conflict):
    code = "voucher_code_taken"
    title = "Another voucher has this code"


class VoucherExpired(Conflict):
    code = "voucher_expired"
    title = "The voucher has expired"


class VoucherNotYetValid(Conflict):
    code = "voucher_not_yet_valid"
    title = "The voucher is not valid yet"


class VoucherCancelled(Conflict):
    code = "voucher_cancelled"
    title = "The voucher has been cancelled"


class VoucherUsedUp(Conflict):
    code = "voucher_used_up"
    title = "The voucher has been fully redeemed"


class VoucherOverspentProblem(Problem):
    max_amount: Decimal = Field(description="The balance: the most a redemption can take")


class VoucherOverspent(Conflict):
    code = "voucher_overspent"
    title = "The amount is more than the voucher's balance"
    problem_model = VoucherOverspentProblem


class RedemptionNotFound(NotFound):
    code = "redemption_not_found"
    title = "This voucher has no such redemption"


class UndoWindowPassed(Conflict):
    code = "undo_window_passed"
    title = "The redemption is too old to undo"


class NotLastRedemption(Conflict):
    code = "not_last_redemption"
    title = "Only the voucher's last redemption can be undone"


class RedemptionAlreadyUndone(Conflict):
    code = "redemption_already_undone"
    title = "The redemption was undone already"


class VoucherAlreadyAssigned(Conflict):
    code = "voucher_already_assigned"
    title = "The voucher belongs to another customer"


class VoucherNotActive(Conflict):
    code = "voucher_not_active"
    title = "Only an active voucher can be changed"


class TransactionRefReused(ValidationFailed):
    code = "transaction_ref_reused"
    title = "This transaction_ref redeemed the voucher with other amounts"


class PurchaseAmountRequired(ValidationFailed):
    code = "purchase_amount_required"
    title = "A percent voucher needs the purchase amount"


class PurchaseAmountTooSmall(ValidationFailed):
    code = "purchase_amount_too_small"
    title = "The discount on this purchase rounds to nothing"


class DiscountMismatch(ValidationFailed):
    code = "discount_mismatch"
    title = "The amount is not the voucher's discount on the purchase"


class AmountExceedsPurchase(ValidationFailed):
    code = "amount_exceeds_purchase"
    title = "The amount is more than the purchase"
