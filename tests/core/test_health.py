import httpx


class TestHealth:
    async def test_reports_database_and_redis(self, anonymous: httpx.AsyncClient) -> None:
        response = await anonymous.get("/health")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok", "redis": "ok", "reasons": []}
