"""The customer's own fields, stated once: name, kind, labels, length, and what each part of the
app does with it.

Everything else reads from here: the table's column lengths (models), the API's limits
(schemas), the fields a write may set (service), what the filter registry lists and sorts by,
what an export can show (its labels), what an import can map and write, and what an erasure
blanks. Figures computed over other tables (visits, RFM, vouchers) are not the customer's own
and live with their computation (app/customers/filters/registry.py, period.py); the words an
import recognises in a file's header for each field live with the import (app/imports/mapping.py).
"""

from dataclasses import dataclass
from typing import Literal

Kind = Literal["text", "date", "enum"]


@dataclass(frozen=True)
class CustomerField:
    name: str
    kind: Kind
    en: str
    pl: str
    uk: str
    # The column's length (None: not text, or fixed by its pattern).
    max_length: int | None = None
    # Identifies or describes the person: blanked by an erasure (issue #14).
    personal: bool = True
    # A file column can fill it (imports write these, in this order).
    importable: bool = True
    sortable: bool = True
    # A bulk action may set it on many customers at once (not contact data or keys: those must
    # stay unique per customer).
    bulk: bool = False
    # The allowed values of an enum.
    values: tuple[str, ...] = ()

    @property
    def labels(self) -> dict[str, str]:
        return {"en": self.en, "pl": self.pl, "uk": self.uk}


# In the order an import's staging table and the API's schema list them.
CUSTOMER_FIELDS: tuple[CustomerField, ...] = (
    CustomerField("external_id", "text", "External id", "Identyfikator zewnętrzny", "Зовнішній ідентифікатор", 200),
    CustomerField("type", "enum", "Type", "Typ", "Тип", 16, personal=False, importable=False, values=("lead", "customer", "registered"), bulk=True),
    CustomerField("status", "enum", "Status", "Status", "Статус", 16, personal=False, importable=False, values=("active", "blocked", "inactive"), bulk=True),
    CustomerField("first_name", "text", "First name", "Imię", "Ім'я", 200),
    CustomerField("last_name", "text", "Last name", "Nazwisko", "Прізвище", 200),
    CustomerField("middle_name", "text", "Middle name", "Drugie imię", "По батькові", 200),
    CustomerField("company_name", "text", "Company", "Firma", "Компанія", 300, bulk=True),
    CustomerField("tax_id", "text", "Tax id", "NIP", "ІПН", 64),
    CustomerField("email", "text", "Email", "E-mail", "Ел. пошта", 320),
    CustomerField("phone", "text", "Phone", "Telefon", "Телефон", 32),
    CustomerField("birth_date", "date", "Birth date", "Data urodzenia", "Дата народження"),
    CustomerField("gender", "enum", "Gender", "Płeć", "Стать", 16, values=("female", "male", "other", "unknown"), bulk=True),
    CustomerField("country", "text", "Country", "Kraj", "Країна", 2, bulk=True),
    CustomerField("city", "text", "City", "Miasto", "Місто", 200, bulk=True),
    CustomerField("street", "text", "Street", "Ulica", "Вулиця", 200, bulk=True),
    CustomerField("building", "text", "Building", "Budynek", "Будинок", 32),
    CustomerField("apartment", "text", "Apartment", "Lokal", "Квартира", 32),
    CustomerField("postal_code", "text", "Postal code", "Kod pocztowy", "Поштовий індекс", 16, bulk=True),
    CustomerField("notes", "text", "Notes", "Notatki", "Нотатки", 10_000, sortable=False, bulk=True),
)  # fmt: skip

BY_NAME: dict[str, CustomerField] = {f.name: f for f in CUSTOMER_FIELDS}
# The fields a create, replace or patch may set.
WRITABLE: tuple[str, ...] = tuple(f.name for f in CUSTOMER_FIELDS)
# The fields a file can fill, in staging order.
IMPORTABLE: tuple[str, ...] = tuple(f.name for f in CUSTOMER_FIELDS if f.importable)
# The fields a bulk action may set.
BULK_EDITABLE: tuple[str, ...] = tuple(f.name for f in CUSTOMER_FIELDS if f.bulk)
# The fields an erasure blanks.
PERSONAL: tuple[str, ...] = tuple(f.name for f in CUSTOMER_FIELDS if f.personal)


def length(name: str) -> int:
    """The column's length: the limit the table, the API and the import all apply."""
    limit = BY_NAME[name].max_length
    assert limit is not None, name
    return limit
