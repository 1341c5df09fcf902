"""The History tab's timeline: every kind of event of a customer, newest first, paged."""

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customer_summary import timeline as timeline_module
from tests.factories import create_customer, create_voucher


async def _all(client: httpx.AsyncClient, cid: object) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        r = await client.get(
            f"/customers/{cid}/timeline", params={"cursor": cursor} if cursor else {}
        )
        assert r.status_code == 200, r.text
        items += r.json()["items"]
        cursor = r.json()["next_cursor"]
        if cursor is None:
            return items


class TestTimeline:
    async def test_every_kind_in_one_stream_newest_first(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx, phone="600100200")
        cid = str(anna.id)
        await client.post("/transactions", json={"customer": {"id": cid}, "amount": "80.00"})
        voucher = await create_voucher(session, ctx, customer_id=anna.id)
        done = (await client.post(f"/vouchers/{voucher.code}/redeem", json={"amount": "5"})).json()
        await client.post(f"/vouchers/{voucher.code}/redemptions/{done['redemption']['id']}/undo")
        await client.patch(
            f"/customers/{cid}",
            json={"phone": "600100300", "consents": {"sms_marketing": {"granted": True}}},
        )
        await client.post(f"/customers/{cid}/notes", json={"text": "Prefers mornings."})
        items = await _all(client, cid)
        kinds = [i["kind"] for i in items]
        assert set(kinds) >= {
            "purchase", "voucher_issued", "voucher_redeemed", "voucher_redemption_undone",
            "consent_changed", "note", "change",
        }  # fmt: skip
        ats = [i["at"] for i in items]
        assert ats == sorted(ats, reverse=True)
        phone = next(
            c
            for i in items
            if i["kind"] == "change" and i["action"] == "customer.updated"
            for c in i["changes"]
            if c["field"] == "phone"
        )
        assert (phone["old"], phone["new"]) == ("+48600100200", "+48600100300")
        change = next(i for i in items if i["kind"] == "change")
        assert change["actor_label"].startswith("API key")

    async def test_cursor_pages_without_gaps_or_repeats(
        self,
        client: httpx.AsyncClient,
        session: AsyncSession,
        ctx: Context,
        monkeypatch: Any,
    ) -> None:
        monkeypatch.setattr(timeline_module, "PAGE", 3)
        anna = await create_customer(session, ctx)
        for n in range(7):
            await client.post(f"/customers/{anna.id}/notes", json={"text": f"note {n}"})
        items = await _all(client, anna.id)
        notes = [i["text"] for i in items if i["kind"] == "note"]
        assert sorted(notes) == [f"note {n}" for n in range(7)]
        assert len({i["id"] for i in items}) == len(items)

    async def test_a_bad_cursor_is_422(
        self, client: httpx.AsyncClient, session: AsyncSession, ctx: Context
    ) -> None:
        anna = await create_customer(session, ctx)
        r = await client.get(f"/customers/{anna.id}/timeline", params={"cursor": "nope"})
        assert (r.status_code, r.json()["errors"][0]["code"]) == (422, "invalid_cursor")
