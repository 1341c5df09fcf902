"""No personal data in logs (#14): a run through the API, an import, an export, errors and an
erasure leaves none of the people's names, emails, phones or ids in what is logged."""

import json
import logging

import httpx
import pytest
from structlog.testing import capture_logs

from app.core.jobs import InMemoryQueue
from app.privacy.erasure import SCRUB_JOB
from tests.imports.conftest import RunJobs, Upload
from tests.imports.test_rules import HEADER, _run

PERSON = {
    "first_name": "Zofia",
    "last_name": "Dąbrowska-Łęcka",
    "email": "zofia.dabrowska@example.pl",
    "phone": "600 123 456",
    "external_id": "CRM-SECRET-1",
    "notes": "Allergic to lavender",
}
SECRETS = ("Zofia", "Dąbrowska", "zofia.dabrowska", "600123456", "600 123 456", "CRM-SECRET-1",
           "lavender", "Bożena", "bozena@example.pl", "501502503")  # fmt: skip
FILE = (HEADER + "bozena@example.pl;Bożena;Nowak;501502503\nnot-an-email;Bożena;Nowak;\n").encode()


async def test_a_whole_run_logs_none_of_the_people(
    client: httpx.AsyncClient,
    upload: Upload,
    run_jobs: RunJobs,
    jobs: InMemoryQueue,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    with capture_logs() as events:
        created = await client.post("/customers", json=PERSON)
        assert created.status_code == 201
        customer = created.json()
        lookups = (
            ("/customers/lookup", {"phone": "600123456"}),
            ("/customers/lookup", {"email": PERSON["email"]}),
            ("/customers", {"q": "Dąbrowska"}),
        )
        for path, params in lookups:
            assert (await client.get(path, params=params)).status_code == 200
        sync = await client.put(
            "/customers/external/CRM-SECRET-1", json={"notes": "Allergic to lavender, again"}
        )
        assert sync.status_code == 200
        taken = await client.post("/customers", json={"email": PERSON["email"]})
        assert taken.status_code == 409
        invalid = await client.post("/customers", json={"first_name": "Zofia", "phone": "12"})
        assert invalid.status_code == 422
        imp = await _run(client, upload, run_jobs, FILE)
        assert imp["status"] == "completed"
        errors = await client.get(f"/imports/{imp['id']}/errors.csv")
        assert errors.status_code == 200
        export = await client.post("/customers/export", json={"format": "csv"})
        assert export.status_code == 200 and "Dąbrowska" in export.text
        erased = await client.post(f"/customers/{customer['id']}/erase")
        assert erased.status_code == 200
        jobs.jobs = [j for j in jobs.jobs if j.function != SCRUB_JOB]
    # The test's own HTTP client logs the URLs it calls: that is the caller's log, not ours.
    ours = [f"{r.name} {r.getMessage()}" for r in caplog.records if not r.name.startswith("httpx")]
    logged = json.dumps(events, default=str, ensure_ascii=False) + "\n".join(ours)
    # The run was logged (one line per request, by route): the check is not vacuous.
    routes = {e.get("route") for e in events if e.get("event") == "http.request"}
    assert {"/api/v1/customers/lookup", "/api/v1/customers/external/{external_id}"} <= routes
    for secret in SECRETS:
        assert secret not in logged, secret
