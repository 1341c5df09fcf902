"""Suggest which customer field each file column holds, from headers in EN/PL/UK/RU."""

import re
import unicodedata

from app.customers.fields import IMPORTABLE
from app.customers.schemas import CHANNELS

FIELDS = (*IMPORTABLE, "card", "opening_points", "tags", "full_name")

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "email": ("email", "e-mail", "mail", "emailaddress", "adresemail", "adres e-mail",
              "poczta", "електроннапошта", "пошта", "електроннаадреса", "елпошта", "электроннаяпочта",
              "почта", "элпочта", "емейл", "имейл"),
    "phone": ("phone", "phonenumber", "mobile", "tel", "telephone", "cell", "telefon",
              "numertelefonu", "telkom", "komórka", "телефон", "номертелефону", "номертелефона",
              "мобільний", "мобильный", "тел"),
    "first_name": ("firstname", "first", "givenname", "name", "imię", "imie", "ім'я", "імя",
                   "имя"),
    "last_name": ("lastname", "surname", "familyname", "last", "nazwisko", "прізвище",
                  "фамилия"),
    "middle_name": ("middlename", "patronymic", "drugieimię", "побатькові", "отчество"),
    "full_name": ("fullname", "customername", "clientname", "imięinazwisko", "imieinazwisko",
                  "klient", "фио", "піб", "пиб", "повнеім'я", "полноеимя"),
    "company_name": ("company", "companyname", "firma", "nazwafirmy", "компанія", "компания",
                     "организация", "організація"),
    "tax_id": ("taxid", "vat", "vatid", "nip", "инн", "іпн", "єдрпоу"),
    "birth_date": ("birthdate", "dateofbirth", "dob", "birthday", "datauro­dzenia",
                   "dataurodzenia", "urodziny", "датанародження", "деньнародження",
                   "датарождения", "деньрождения"),
    "gender": ("gender", "sex", "płeć", "plec", "стать", "пол"),
    "country": ("country", "kraj", "країна", "страна"),
    "city": ("city", "town", "miasto", "miejscowość", "місто", "город"),
    "street": ("street", "address", "ulica", "adres", "вулиця", "адреса", "улица", "адрес"),
    "building": ("building", "house", "nrdomu", "budynek", "будинок", "дом"),
    "apartment": ("apartment", "flat", "nrmieszkania", "lokal", "квартира"),
    "postal_code": ("postalcode", "postcode", "zip", "zipcode", "kodpocztowy", "індекс",
                    "поштовийіндекс", "индекс", "почтовыйиндекс"),
    "notes": ("notes", "note", "comment", "comments", "uwagi", "notatki", "komentarz",
              "примітки", "коментар", "примечание", "комментарий"),
    "external_id": ("externalid", "id", "customerid", "clientid", "idklienta", "кодклієнта",
                    "кодклиента"),
    "card": ("card", "cardnumber", "loyaltycard", "karta", "numerkarty", "картка",
             "номеркартки", "карта", "номеркарты"),
    "opening_points": ("points", "pointsbalance", "loyaltypoints", "bonuspoints", "bonuses",
                       "punkty", "saldopunktów", "saldopunktow", "punktylojalnościowe",
                       "бали", "бонуси", "бонусні бали", "баланс балів",
                       "бонусы", "баллы", "бонусные баллы", "баланс баллов"),
    "tags": ("tags", "tag", "labels", "tagi", "etykiety", "grupy", "теги", "мітки", "метки"),
    "consents.email_marketing": ("emailconsent", "emailmarketing", "marketingconsent",
                                 "zgodamarketingowa", "zgodaemail", "newsletter",
                                 "згоданарозсилку", "согласиенарассылку"),
    "consents.sms_marketing": ("smsconsent", "smsmarketing", "zgodasms", "згодасмс",
                               "согласиесмс"),
}  # fmt: skip

_NON_WORD = re.compile(r"[\s_\-.:/*()\u00ad]+")


def header_key(name: str) -> str:
    """`E-mail ` → `email`, `Номер телефона` → `номертелефона`: case, spaces, dashes dropped."""
    return _NON_WORD.sub("", unicodedata.normalize("NFC", name).strip().lower()).replace("’", "'")


_LOOKUP = {header_key(s): target for target, words in _SYNONYMS.items() for s in words}

SURNAME_FIRST = {"фио", "піб", "пиб"}


def suggest_target(name: str, custom_field_keys: dict[str, str]) -> str | None:
    key = header_key(name)
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key in custom_field_keys:
        return f"cf.{custom_field_keys[key]}"
    return None


def suggest_columns(header: list[str], custom_field_keys: dict[str, str]) -> dict[str, str | None]:
    """Each column's suggested target; a target is suggested for one column only."""
    out: dict[str, str | None] = {}
    used: set[str] = set()
    for name in header:
        target = suggest_target(name, custom_field_keys)
        if target in used:
            target = None
        if target is not None:
            used.add(target)
        out[name] = target
    return out


def valid_target(target: str, custom_field_keys: set[str]) -> bool:
    if target in FIELDS:
        return True
    if target.startswith("consents."):
        return target.removeprefix("consents.") in CHANNELS
    if target.startswith("cf."):
        return target.removeprefix("cf.") in custom_field_keys
    return False
