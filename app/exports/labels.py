"""The words of an export file in the tenant's language: column headings come from the field
registry (the same labels as the columns menu and the filter); the few words that are no
field are in this one table."""

from collections.abc import Mapping, Sequence

from app.customers.filters.types import FieldDef

WORDS: Mapping[str, Mapping[str, str]] = {
    "cards": {"en": "Cards", "pl": "Karty", "uk": "Картки"},
    "customers": {"en": "Customers", "pl": "Klienci", "uk": "Клієнти"},
}


def word(key: str, locale: str) -> str:
    labels = WORDS[key]
    return labels.get(locale) or labels["en"]


def headers(names: Sequence[str], fields: Mapping[str, FieldDef], locale: str) -> list[str]:
    """The heading of each column, in `locale` (English where a label is missing)."""
    return [word(n, locale) if n in WORDS else fields[n].label(locale) for n in names]


def title(locale: str, count: int) -> str:
    """The PDF's title line and the XLSX sheet's name."""
    return f"{word('customers', locale)} ({count})"
