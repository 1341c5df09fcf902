"""How a customer is named where a person reads a list: one SQL expression for every list."""

from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import InstrumentedAttribute

from app.customers.models import Customer


def display_name(c: Any = Customer) -> Any:
    """First and last name, else the company, else the email, else the phone; `c` is the
    Customer model or an alias of it."""
    name: InstrumentedAttribute[Any] = c.first_name
    full = func.nullif(func.concat_ws(" ", name, c.last_name), "")
    return func.coalesce(full, c.company_name, c.email, c.phone, "")
