"""Erasure (#14): bulk actions do not write onto an erased customer's tombstone."""

import httpx
import pytest

from tests.privacy.test_erasure import _erase, _person


class TestBulkSkipsTombstones:
    @pytest.mark.parametrize(
        ("body", "field", "untouched"),
        [
            ({"action": "add_tags", "tags": ["Newsletter"]}, "tags", []),
            (
                {"action": "set_consent", "channel": "sms_marketing", "granted": True},
                "consents",
                {},
            ),
            ({"action": "update_fields", "fields": {"city": "Gdańsk"}}, "city", None),
        ],
    )
    async def test_write_actions_leave_the_tombstone_alone(
        self, client: httpx.AsyncClient, body: dict[str, object], field: str, untouched: object
    ) -> None:
        erased = await _person(client)
        await _erase(client, erased["id"])
        other = await client.post("/customers", json={"email": "jan@example.pl"})
        assert other.status_code == 201, other.text
        ids = [erased["id"], other.json()["id"]]
        r = await client.post("/customers/bulk", json={"selection": {"ids": ids}, **body})
        assert r.status_code in (200, 202), r.text
        got = (await client.get(f"/customers/{erased['id']}")).json()
        assert got[field] == untouched
        assert (await client.get(f"/customers/{ids[1]}")).json()[field] != untouched

    async def test_delete_may_remove_a_tombstone(self, client: httpx.AsyncClient) -> None:
        erased = await _person(client)
        await _erase(client, erased["id"])
        r = await client.post(
            "/customers/bulk",
            json={"selection": {"ids": [erased["id"]]}, "action": "delete", "expected_count": 1},
        )
        assert r.status_code in (200, 202), r.text
        assert (await client.get(f"/customers/{erased['id']}")).status_code == 404
