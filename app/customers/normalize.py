"""Contact data in one canonical form: E.164 phones and lower-case emails.

Used by the API, the import and lookups alike, so "600-123-456" typed at the till finds
the "+48 600 123 456" that came from an Excel file.
"""

import re
import unicodedata

import phonenumbers
from email_validator import EmailNotValidError, validate_email

_DIGITS = re.compile(r"\D+")


class InvalidContact(ValueError):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def normalize_phone(raw: str, default_country: str) -> str:
    """E.164 for a phone in any local or international spelling, or InvalidContact."""
    text = raw.strip()
    if not text:
        raise InvalidContact("invalid_phone", "The phone number is empty.")
    if len(text) > 40:
        raise InvalidContact("invalid_phone", "The phone number is too long.")
    try:
        number = phonenumbers.parse(text, default_country)
    except phonenumbers.NumberParseException:
        raise InvalidContact("invalid_phone", f"{raw!r} is not a phone number.") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidContact(
            "invalid_phone", f"{raw!r} is not a valid phone number for {default_country}."
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def try_normalize_phone(raw: str, default_country: str) -> str | None:
    try:
        return normalize_phone(raw, default_country)
    except InvalidContact:
        return None


def normalize_name(raw: str) -> str:
    """NFC and trimmed: "Zoe\u0308" typed on a Mac and "Zoë" pasted from Excel are one name, so
    they sort, search and deduplicate alike."""
    return unicodedata.normalize("NFC", raw).strip()


def phone_digits(raw: str) -> str:
    """The digits of a phone fragment, for searching (`600 123` → `600123`)."""
    return _DIGITS.sub("", raw)


def normalize_email(raw: str) -> str:
    """A syntactically valid address, lower-cased; no DNS look-ups (imports must be fast)."""
    text = raw.strip()
    if len(text) > 320:
        raise InvalidContact("invalid_email", "The email address is too long.")
    try:
        result = validate_email(text, check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidContact(
            "invalid_email", f"{raw!r} is not a valid email address: {exc}"
        ) from None
    return result.normalized.lower()
