"""Seed what the contract run needs and print its ids as JSON:
`python -m tests.contract.seed BASE_URL` against a running API on a migrated database.

A tenant and an all-scopes API key come from the demo bootstrap (with a few customers); the
rest is made through the API itself, as a client would, so every id is a real one.
"""

import asyncio
import json
import sys
import uuid

import httpx

from app.core.context import Context
from app.core.db import unit_of_work
from app.demo.bootstrap import ensure_demo
from app.jobs import service as jobs_service


async def _job(api_key_principal: Context) -> str:
    async with unit_of_work(tenant_id=api_key_principal.tenant_id) as session:
        job = await jobs_service.create_job(
            session, api_key_principal, "bulk", {"action": "add_tags"}, total=0
        )
        return str(job.id)


async def seed(base_url: str) -> dict[str, str]:
    login = await ensure_demo(5)
    headers = {"Authorization": f"Bearer {login.api_key}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60) as api:

        async def post(path: str, **kwargs: object) -> dict[str, object]:
            kwargs.setdefault("headers", {"Idempotency-Key": str(uuid.uuid4())})
            response = await api.post(path, **kwargs)  # type: ignore[arg-type]
            assert response.status_code < 300, (path, response.status_code, response.text)
            return dict(response.json())

        async def customer(name: str) -> str:
            made = await post("/customers", json={"first_name": name, "email": f"{name}@c.example"})
            return str(made["id"])

        async def tag(name: str) -> str:
            return str((await post("/tags", json={"name": name}))["id"])

        async def segment(name: str) -> str:
            made = await post("/segments", json={"name": name, "filter": "status = active"})
            return str(made["id"])

        # The operations that end a resource (delete, erase, merge) get their own: the others
        # keep theirs for the whole run.
        ids = {
            "CONTRACT_CUSTOMER_ID": await customer("anna"),
            "CONTRACT_DOOMED_CUSTOMER_ID": await customer("doomed"),
            "CONTRACT_ERASED_CUSTOMER_ID": await customer("erased"),
            "CONTRACT_MERGE_TARGET_ID": await customer("target"),
            "CONTRACT_MERGE_SOURCE_ID": await customer("source"),
            "CONTRACT_TAG_ID": await tag("Contract"),
            "CONTRACT_DOOMED_TAG_ID": await tag("Doomed"),
            "CONTRACT_SEGMENT_ID": await segment("Contract"),
            "CONTRACT_DOOMED_SEGMENT_ID": await segment("Doomed"),
        }
        voucher = await post("/vouchers", json={"value": "50.00", "kind": "amount"})
        links = await api.get(f"/customers/{ids['CONTRACT_CUSTOMER_ID']}/unsubscribe-links")
        assert links.status_code == 200, links.text
        ids["CONTRACT_UNSUBSCRIBE_TOKEN"] = next(iter(links.json().values())).rsplit("/", 1)[-1]
        upload = await post(
            "/imports",
            files={"file": ("contract.csv", b"first_name;email\nJan;jan@contract.example\n")},
        )
    principal_ctx = await _context(login.api_key)
    return {
        **ids,
        "CONTRACT_API_KEY": login.api_key,
        "CONTRACT_VOUCHER_CODE": str(voucher["code"]),
        "CONTRACT_IMPORT_ID": str(upload["id"]),
        "CONTRACT_JOB_ID": await _job(principal_ctx),
    }


async def _context(api_key: str) -> Context:
    from app.auth import service as auth_service

    async with unit_of_work() as session:
        ctx = await auth_service.resolve_api_key(session, api_key)
    assert ctx is not None
    return ctx


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed(sys.argv[1]))))
