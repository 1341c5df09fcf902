"""Schemathesis hooks of the contract run (SCHEMATHESIS_HOOKS=tests.contract.hooks).

An `Idempotency-Key` is one request's: the same key with another request is a documented 422
`idempotency_key_reused`, a rule about the server's memory that no schema can state. The
generator draws header values from a small space and reuses them across operations, so each
schema-valid key is made unique per call, as a real client's is; an over-long key (a negative
case) is sent as generated and must still be refused.
"""

import uuid
from typing import Any

import schemathesis

from app.core.idempotency import MAX_KEY_LENGTH

HEADER = "Idempotency-Key"


@schemathesis.hook
def before_call(ctx: Any, case: Any, **kwargs: Any) -> None:
    key = (case.headers or {}).get(HEADER)
    if key and len(key) <= MAX_KEY_LENGTH:
        case.headers[HEADER] = f"contract-{uuid.uuid4()}"
