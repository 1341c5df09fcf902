"""A key's shown prefix tells keys of one tenant apart (issue #18, point 5)."""

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import service as auth_service
from app.auth.models import ApiKey
from app.core.context import TenantInfo
from tests.auth.conftest import LoginAs
from tests.auth.helpers import browser


class TestPrefix:
    async def test_two_keys_of_a_tenant_differ_and_both_work(
        self, app: object, logged_in: LoginAs
    ) -> None:
        owner, _ = await logged_in("owner")
        made = [
            (await owner.post("/api-keys", json={"name": n, "scopes": ["customers:read"]})).json()
            for n in ("till 1", "till 2")
        ]
        prefixes = [k["prefix"] for k in made]
        assert prefixes[0] != prefixes[1]
        for key in made:
            # `kt_` and the first 8 characters of the random part, which follows the tenant's
            # 22 characters and a `_` (read by width: base64url may itself contain `_`).
            assert key["prefix"] == "kt_" + key["key"][26:34]
            assert key["prefix"] not in key["key"][:26]
            till = browser(app)
            till.headers["Authorization"] = f"Bearer {key['key']}"
            assert (await till.get("/customers")).status_code == 200
            await till.aclose()

    async def test_a_key_made_with_the_old_prefix_still_works(
        self, app: object, session: AsyncSession, tenant: TenantInfo
    ) -> None:
        key, token = await auth_service.create_api_key(
            session, tenant.id, name="old", scopes=["customers:read"], created_by="tests"
        )
        await session.execute(
            update(ApiKey)
            .where(ApiKey.tenant_id == tenant.id, ApiKey.id == key.id)
            .values(prefix=token[:12])
        )
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
            base_url="http://test/api/v1",
            headers={"Authorization": f"Bearer {token}"},
        ) as till:
            assert (await till.get("/customers")).status_code == 200
