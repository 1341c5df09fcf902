from typing import Any

import httpx
import pytest

PROGRAMME: dict[str, Any] = {
    "enabled": True,
    "rules": {
        "points_per_unit": "1",
        "rounding": "floor",
        "pending_days": 0,
        "expiry_months": 12,
        "point_value": "0.10",
        "levels": [
            {"name": "Silver", "threshold": "100", "multiplier": "1", "discount_percent": "2"},
            {"name": "Gold", "threshold": "500", "multiplier": "2", "discount_percent": "5"},
        ],
        "level_grace_days": 30,
    },
}


async def set_programme(client: httpx.AsyncClient, **rules: Any) -> dict[str, Any]:
    body = {**PROGRAMME, "rules": {**PROGRAMME["rules"], **rules}}
    r = await client.put("/loyalty/programme", json=body)
    assert r.status_code == 200, r.text
    return r.json()


async def buy(
    client: httpx.AsyncClient, customer_id: Any, amount: str, **extra: Any
) -> dict[str, Any]:
    r = await client.post(
        "/transactions", json={"customer": {"id": str(customer_id)}, "amount": amount, **extra}
    )
    assert r.status_code in (200, 201), r.text
    return r.json()


@pytest.fixture(autouse=True)
def _forget_keys() -> None:
    from app.auth.deps import forget_cached_keys

    forget_cached_keys()
