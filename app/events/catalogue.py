"""Every event type, with what its `data` holds: one table, read by `emit` (an unknown type is
a bug), the webhook routes (what an endpoint may subscribe to), the feed's filter and
docs/integrations.md.

Payloads are small and stable: ids, the fields a change touched (with their new values) and
counts, never a whole record a consumer can read with GET when it needs it. A bulk action or
an import emits one summary event, not one per customer (`bulk.completed`,
`import.completed`): a million-row import must not become a million HTTP calls.
"""

CATALOGUE: dict[str, str] = {
    "customer.created": "`{id, source}` — a customer was added (API, SPA, upsert by external id).",
    "customer.updated": "`{id, changed: {field: new value}}` — the fields an edit changed.",
    "customer.deleted": "`{id}` — a customer was deleted.",
    "customer.merged": "`{id, merged_ids: [...]}` — the sources were merged into `id` and are gone.",
    "customer.erased": "`{id}` — a customer's personal data was erased (GDPR art. 17).",
    "consent.granted": "`{customer_id, kind, source}` — a consent was given.",
    "consent.withdrawn": "`{customer_id, kind, source}` — a consent was withdrawn.",
    "voucher.issued": "`{id, code, customer_id, value, currency, expires_at}` — a voucher was issued.",
    "voucher.assigned": "`{id, code, customer_id}` — a voucher was given to a customer.",
    "voucher.redeemed": "`{id, code, customer_id, redemption_id, amount, remaining}` — a redemption.",
    "voucher.expired": "`{id, code, customer_id}` — a voucher passed its expiry date.",
    "voucher.cancelled": "`{id, code, customer_id}` — a voucher was cancelled.",
    "transaction.created": "`{id, customer_id, kind, amount, currency, occurred_at, external_ref}`.",
    "transaction.refunded": "`{id, customer_id, kind, amount, currency, occurred_at, external_ref}`.",
    "import.completed": "`{id, created, updated, skipped}` — an import's rows are in the base.",
    "import.failed": "`{id, error}` — an import stopped; nothing of it was committed.",
    "import.reverted": "`{id}` — an import was undone.",
    "export.ready": "`{id, format, rows}` — an export was built and handed out.",
    "bulk.completed": "`{id, action, affected}` — a bulk action over a selection finished.",
    "webhook.disabled": "`{id, url, reason}` — an endpoint was switched off after failing too long.",
    "webhook.ping": "`{id}` — the test event of POST /webhooks/{id}/ping (never in the feed).",
}

# What a consumer may subscribe to: every type, or `*` for all (future types included).
ALL = "*"
