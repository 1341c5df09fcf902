"""Erasure (#14): saved segments no longer hold the erased person's email or phone."""

from typing import Any

import httpx
import pytest

from tests.privacy.test_erasure import PERSON, _erase, _person


async def _segment(client: httpx.AsyncClient, name: str, **body: Any) -> dict[str, Any]:
    r = await client.post("/segments", json={"name": name, **body})
    assert r.status_code == 201, r.text
    segment: dict[str, Any] = r.json()
    return segment


class TestSegmentsScrubbed:
    @pytest.mark.parametrize(
        ("name", "body"),
        [
            ("by email", {"filter": f"email = '{PERSON['email'].upper()}'"}),
            ("by phone", {"filter": "phone = '+48600123456'"}),
            ("by phone word", {"filter": "city = 'Wrocław'", "q": "600123456"}),
        ],
    )
    async def test_the_value_goes_and_the_segment_still_works(
        self, client: httpx.AsyncClient, name: str, body: dict[str, Any]
    ) -> None:
        customer = await _person(client)
        segment = await _segment(client, name, **body)
        assert segment["member_count"] == 1
        await _erase(client, customer["id"])
        got = await client.get(f"/segments/{segment['id']}")
        assert got.status_code == 200, got.text
        stored = got.json()
        text = str(stored["filter"]) + " " + (stored["q"] or "")
        assert "zofia" not in text.lower() and "123" not in text
        assert stored["member_count"] == 0
        members = await client.get(f"/segments/{segment['id']}/customers")
        assert members.status_code == 200, members.text

    async def test_other_segments_are_left_alone(self, client: httpx.AsyncClient) -> None:
        customer = await _person(client)
        other = await _segment(client, "someone else", filter="email = 'jan@example.pl'")
        await _erase(client, customer["id"])
        got = (await client.get(f"/segments/{other['id']}")).json()
        assert (
            got["filter"]
            == other["filter"]
            == {"field": "email", "op": "eq", "value": "jan@example.pl"}
        )
