"""The problems a loyalty call can answer with; each `code` is stable for clients."""

from pydantic import Field

from app.core.errors import Conflict, NotFound, Problem, ValidationFailed


class ProgrammeNotFound(NotFound):
    code = "loyalty_programme_not_found"
    title = "The tenant has no loyalty programme yet"


class ProgrammeDisabled(Conflict):
    code = "loyalty_programme_disabled"
    title = "The loyalty programme is switched off"


class InsufficientPointsProblem(Problem):
    available: int = Field(description="The points the customer can use now")


class InsufficientPoints(Conflict):
    code = "insufficient_points"
    title = "The customer does not have that many points available"
    problem_model = InsufficientPointsProblem


class RedeemLimitProblem(Problem):
    max_points: int = Field(description="The most points this purchase can take")


class RedeemLimitExceeded(ValidationFailed):
    code = "redeem_limit_exceeded"
    title = "The programme's limits for one purchase do not allow that many points"
    problem_model = RedeemLimitProblem


class RedeemTooSmall(ValidationFailed):
    code = "redeem_below_minimum"
    title = "Fewer points than the programme's minimum redemption"


class RefReused(ValidationFailed):
    code = "loyalty_ref_reused"
    title = "This reference (or Idempotency-Key) was used with other figures"


class OriginalTransactionNotFound(ValidationFailed):
    code = "refund_of_not_found"
    title = "refund_of names no purchase of this customer"


class InsufficientCredit(Conflict):
    code = "insufficient_promo_credit"
    title = "The customer does not have that much promotional credit"


class DiscountLimitReached(Conflict):
    code = "discount_limit_reached"
    title = "The customer's discount limit for this period is used up"
