"""Numbers from user input, bounded before anything converts them.

`Decimal("1e99999999")` is ten characters and parses instantly, but `int()` of it builds a
hundred-million-digit integer on the event loop, and PostgreSQL refuses its exponent. Every
number a caller sends (custom field values in the API, bulk edits and imports; filter
values) goes through `parse_decimal`, which checks length, digits and exponent on the
Decimal's tuple form first, which costs nothing whatever the value.
"""

from decimal import Decimal, InvalidOperation

# |x| < 10^15 and at most 15 decimal places: 15 significant digits are what a JSON number
# (a double, how custom field values are stored and compared) holds exactly, and filters
# compare against `Numeric(14, 2)` money columns at most this wide.
INTEGER_DIGITS = 15
FRACTION_DIGITS = 15
# Longer than any number within those bounds could reasonably be written.
MAX_TEXT = 64


class InvalidNumber(ValueError):
    """Not a finite number."""

    code = "invalid_number"


class NumberOutOfRange(ValueError):
    """A number, but more digits or a larger magnitude than the field holds."""

    code = "number_out_of_range"


def parse_decimal(
    value: object,
    *,
    integer_digits: int = INTEGER_DIGITS,
    fraction_digits: int = FRACTION_DIGITS,
    decimal_comma: bool = False,
) -> Decimal:
    """The value as a Decimal with at most `integer_digits` before the point and
    `fraction_digits` after it (trailing zeros do not count); InvalidNumber or
    NumberOutOfRange (both ValueError) otherwise."""
    if isinstance(value, bool):
        raise InvalidNumber("expected a number")
    if isinstance(value, int) and value.bit_length() > 4 * (integer_digits + 1):
        # str() of a huge int is itself slow (and refused past 4,300 digits).
        raise NumberOutOfRange(f"expected a number below 10^{integer_digits}")
    if not isinstance(value, str | int | float | Decimal):
        raise InvalidNumber("expected a number")
    text = str(value).strip()
    if decimal_comma:
        text = text.replace(",", ".")
    if len(text) > MAX_TEXT:
        raise NumberOutOfRange(f"at most {MAX_TEXT} characters")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise InvalidNumber("expected a number") from None
    if not number.is_finite():
        raise InvalidNumber("expected a finite number")
    if not number:
        return Decimal(0)
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if number.adjusted() >= integer_digits:
        raise NumberOutOfRange(f"expected a number below 10^{integer_digits}")
    if -(exponent + trailing_zeros) > fraction_digits:
        raise NumberOutOfRange(f"at most {fraction_digits} decimal places")
    return number
