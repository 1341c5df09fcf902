"""The problems a customer call answers with; each `code` is stable for clients."""

from app.core.errors import AppError, Conflict, NotFound, PreconditionFailed


class CustomerNotFound(NotFound):
    code = "customer_not_found"
    title = "Customer not found"


class EmailTaken(Conflict):
    code = "email_taken"
    title = "Another customer has this email"


class ExternalIdTaken(Conflict):
    code = "external_id_taken"
    title = "Another customer has this external id"


class CardTaken(Conflict):
    code = "card_taken"
    title = "This card number belongs to another customer"


# A race past the service's checks ends at a unique index: the same error as the check.
UNIQUE_CONFLICTS: dict[str, type[AppError]] = {
    "uq_customers_tenant_id_email": EmailTaken,
    "uq_customers_tenant_id_external_id": ExternalIdTaken,
    "uq_cards_tenant_id_number": CardTaken,
}


class StaleVersion(PreconditionFailed):
    code = "stale_version"
    title = "The customer has changed since you read it"


class CustomerErased(Conflict):
    code = "customer_erased"
    title = "This customer's identity was erased"
