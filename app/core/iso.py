"""Dates and instants in a request body as the spec states them: ISO 8601 strings.

pydantic's lax mode also takes a number (a Unix timestamp) for a date or a datetime, and its
strict mode takes no string at all from a decoded JSON body; these refuse a number (or a
string of digits) and leave every other string to pydantic, so what the spec calls
`format: date` / `date-time` is what is accepted.
"""

import re
from datetime import date
from typing import Annotated

from pydantic import AwareDatetime, BeforeValidator
from pydantic_core import PydanticCustomError

_NUMBER = re.compile(r"\s*[-+]?\d+(\.\d*)?\s*")


def _day(value: object) -> object:
    # A number, or a string of one, would be read as a Unix timestamp; any other string is
    # pydantic's to parse (and to name what is wrong with it).
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise PydanticCustomError("date_type", "Use a date as YYYY-MM-DD.")
    return value


def _instant(value: object) -> object:
    if isinstance(value, int | float) or (isinstance(value, str) and _NUMBER.fullmatch(value)):
        raise PydanticCustomError("datetime_type", "Use an ISO 8601 date and time with an offset.")
    return value


IsoDate = Annotated[date, BeforeValidator(_day)]
IsoInstant = Annotated[AwareDatetime, BeforeValidator(_instant)]
