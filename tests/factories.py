"""Typed helpers that create rows through the services, as the API would."""

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.context import Context
from app.customers import service as customers
from app.customers.models import Customer
from app.customers.schemas import CustomerCreate

_counter = 0


async def create_customer(session: AsyncSession, ctx: Context, **overrides: Any) -> Customer:
    global _counter
    _counter += 1
    data: dict[str, Any] = {
        "first_name": "Anna",
        "last_name": "Kowalska",
        "email": f"anna{_counter}@example.pl",
    }
    data.update(overrides)
    return await customers.create_customer(session, ctx, CustomerCreate(**data))
