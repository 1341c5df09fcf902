from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_fields_out_gender_type_0 import CustomerFieldsOutGenderType0
from ..models.customer_fields_out_source import CustomerFieldsOutSource
from ..models.customer_fields_out_status import CustomerFieldsOutStatus
from ..models.customer_fields_out_type import CustomerFieldsOutType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_out import CardOut
    from ..models.customer_fields_out_consents import CustomerFieldsOutConsents
    from ..models.customer_fields_out_custom_fields import CustomerFieldsOutCustomFields
    from ..models.customer_loyalty import CustomerLoyalty


T = TypeVar("T", bound="CustomerFieldsOut")


@_attrs_define
class CustomerFieldsOut:
    """A customer with `id` and only the `fields` asked for (any of `CustomerOut`'s)

    Attributes:
        id (UUID):
        external_id (None | str | Unset):
        type_ (CustomerFieldsOutType | Unset):
        status (CustomerFieldsOutStatus | Unset):
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        middle_name (None | str | Unset):
        company_name (None | str | Unset):
        tax_id (None | str | Unset):
        email (None | str | Unset):
        phone (None | str | Unset):
        birth_date (datetime.date | None | Unset):
        gender (CustomerFieldsOutGenderType0 | None | Unset):
        country (None | str | Unset):
        city (None | str | Unset):
        street (None | str | Unset):
        building (None | str | Unset):
        apartment (None | str | Unset):
        postal_code (None | str | Unset):
        notes (None | str | Unset):
        tags (list[str] | Unset):
        cards (list[CardOut] | Unset):
        consents (CustomerFieldsOutConsents | Unset):
        custom_fields (CustomerFieldsOutCustomFields | Unset):
        source (CustomerFieldsOutSource | Unset):
        import_id (None | Unset | UUID):
        version (int | Unset):
        created_at (datetime.datetime | Unset):
        updated_at (datetime.datetime | Unset):
        last_activity_at (datetime.datetime | None | Unset):
        erased_at (datetime.datetime | None | Unset): Set when the person's identity was erased at their request: the
            record is a tombstone that keeps only the amounts (`POST /customers/{id}/erase`).
        vouchers_assigned (int | Unset):
        vouchers_active (int | Unset):
        vouchers_redeemed (int | Unset):
        voucher_redeemed_amount (str | Unset):
        total_spent (str | Unset):
        transactions_count (int | Unset):
        visits (int | Unset):
        avg_check (None | str | Unset):
        first_visit_at (datetime.datetime | None | Unset):
        last_visit_at (datetime.datetime | None | Unset):
        last_purchase_amount (None | str | Unset):
        last_purchase_at (datetime.datetime | None | Unset):
        rfm_recency (int | None | Unset):
        rfm_frequency (int | None | Unset):
        rfm_monetary (int | None | Unset):
        rfm_segment (None | str | Unset):
        loyalty (CustomerLoyalty | Unset): The customer's loyalty account at a glance (zeros when the customer has none
            yet).
    """

    id: UUID
    external_id: None | str | Unset = UNSET
    type_: CustomerFieldsOutType | Unset = UNSET
    status: CustomerFieldsOutStatus | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    middle_name: None | str | Unset = UNSET
    company_name: None | str | Unset = UNSET
    tax_id: None | str | Unset = UNSET
    email: None | str | Unset = UNSET
    phone: None | str | Unset = UNSET
    birth_date: datetime.date | None | Unset = UNSET
    gender: CustomerFieldsOutGenderType0 | None | Unset = UNSET
    country: None | str | Unset = UNSET
    city: None | str | Unset = UNSET
    street: None | str | Unset = UNSET
    building: None | str | Unset = UNSET
    apartment: None | str | Unset = UNSET
    postal_code: None | str | Unset = UNSET
    notes: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    cards: list[CardOut] | Unset = UNSET
    consents: CustomerFieldsOutConsents | Unset = UNSET
    custom_fields: CustomerFieldsOutCustomFields | Unset = UNSET
    source: CustomerFieldsOutSource | Unset = UNSET
    import_id: None | Unset | UUID = UNSET
    version: int | Unset = UNSET
    created_at: datetime.datetime | Unset = UNSET
    updated_at: datetime.datetime | Unset = UNSET
    last_activity_at: datetime.datetime | None | Unset = UNSET
    erased_at: datetime.datetime | None | Unset = UNSET
    vouchers_assigned: int | Unset = UNSET
    vouchers_active: int | Unset = UNSET
    vouchers_redeemed: int | Unset = UNSET
    voucher_redeemed_amount: str | Unset = UNSET
    total_spent: str | Unset = UNSET
    transactions_count: int | Unset = UNSET
    visits: int | Unset = UNSET
    avg_check: None | str | Unset = UNSET
    first_visit_at: datetime.datetime | None | Unset = UNSET
    last_visit_at: datetime.datetime | None | Unset = UNSET
    last_purchase_amount: None | str | Unset = UNSET
    last_purchase_at: datetime.datetime | None | Unset = UNSET
    rfm_recency: int | None | Unset = UNSET
    rfm_frequency: int | None | Unset = UNSET
    rfm_monetary: int | None | Unset = UNSET
    rfm_segment: None | str | Unset = UNSET
    loyalty: CustomerLoyalty | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        external_id: None | str | Unset
        if isinstance(self.external_id, Unset):
            external_id = UNSET
        else:
            external_id = self.external_id

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        middle_name: None | str | Unset
        if isinstance(self.middle_name, Unset):
            middle_name = UNSET
        else:
            middle_name = self.middle_name

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        tax_id: None | str | Unset
        if isinstance(self.tax_id, Unset):
            tax_id = UNSET
        else:
            tax_id = self.tax_id

        email: None | str | Unset
        if isinstance(self.email, Unset):
            email = UNSET
        else:
            email = self.email

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        birth_date: None | str | Unset
        if isinstance(self.birth_date, Unset):
            birth_date = UNSET
        elif isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        gender: None | str | Unset
        if isinstance(self.gender, Unset):
            gender = UNSET
        elif isinstance(self.gender, CustomerFieldsOutGenderType0):
            gender = self.gender.value
        else:
            gender = self.gender

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        street: None | str | Unset
        if isinstance(self.street, Unset):
            street = UNSET
        else:
            street = self.street

        building: None | str | Unset
        if isinstance(self.building, Unset):
            building = UNSET
        else:
            building = self.building

        apartment: None | str | Unset
        if isinstance(self.apartment, Unset):
            apartment = UNSET
        else:
            apartment = self.apartment

        postal_code: None | str | Unset
        if isinstance(self.postal_code, Unset):
            postal_code = UNSET
        else:
            postal_code = self.postal_code

        notes: None | str | Unset
        if isinstance(self.notes, Unset):
            notes = UNSET
        else:
            notes = self.notes

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        cards: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.cards, Unset):
            cards = []
            for cards_item_data in self.cards:
                cards_item = cards_item_data.to_dict()
                cards.append(cards_item)

        consents: dict[str, Any] | Unset = UNSET
        if not isinstance(self.consents, Unset):
            consents = self.consents.to_dict()

        custom_fields: dict[str, Any] | Unset = UNSET
        if not isinstance(self.custom_fields, Unset):
            custom_fields = self.custom_fields.to_dict()

        source: str | Unset = UNSET
        if not isinstance(self.source, Unset):
            source = self.source.value

        import_id: None | str | Unset
        if isinstance(self.import_id, Unset):
            import_id = UNSET
        elif isinstance(self.import_id, UUID):
            import_id = str(self.import_id)
        else:
            import_id = self.import_id

        version = self.version

        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        updated_at: str | Unset = UNSET
        if not isinstance(self.updated_at, Unset):
            updated_at = self.updated_at.isoformat()

        last_activity_at: None | str | Unset
        if isinstance(self.last_activity_at, Unset):
            last_activity_at = UNSET
        elif isinstance(self.last_activity_at, datetime.datetime):
            last_activity_at = self.last_activity_at.isoformat()
        else:
            last_activity_at = self.last_activity_at

        erased_at: None | str | Unset
        if isinstance(self.erased_at, Unset):
            erased_at = UNSET
        elif isinstance(self.erased_at, datetime.datetime):
            erased_at = self.erased_at.isoformat()
        else:
            erased_at = self.erased_at

        vouchers_assigned = self.vouchers_assigned

        vouchers_active = self.vouchers_active

        vouchers_redeemed = self.vouchers_redeemed

        voucher_redeemed_amount = self.voucher_redeemed_amount

        total_spent = self.total_spent

        transactions_count = self.transactions_count

        visits = self.visits

        avg_check: None | str | Unset
        if isinstance(self.avg_check, Unset):
            avg_check = UNSET
        else:
            avg_check = self.avg_check

        first_visit_at: None | str | Unset
        if isinstance(self.first_visit_at, Unset):
            first_visit_at = UNSET
        elif isinstance(self.first_visit_at, datetime.datetime):
            first_visit_at = self.first_visit_at.isoformat()
        else:
            first_visit_at = self.first_visit_at

        last_visit_at: None | str | Unset
        if isinstance(self.last_visit_at, Unset):
            last_visit_at = UNSET
        elif isinstance(self.last_visit_at, datetime.datetime):
            last_visit_at = self.last_visit_at.isoformat()
        else:
            last_visit_at = self.last_visit_at

        last_purchase_amount: None | str | Unset
        if isinstance(self.last_purchase_amount, Unset):
            last_purchase_amount = UNSET
        else:
            last_purchase_amount = self.last_purchase_amount

        last_purchase_at: None | str | Unset
        if isinstance(self.last_purchase_at, Unset):
            last_purchase_at = UNSET
        elif isinstance(self.last_purchase_at, datetime.datetime):
            last_purchase_at = self.last_purchase_at.isoformat()
        else:
            last_purchase_at = self.last_purchase_at

        rfm_recency: int | None | Unset
        if isinstance(self.rfm_recency, Unset):
            rfm_recency = UNSET
        else:
            rfm_recency = self.rfm_recency

        rfm_frequency: int | None | Unset
        if isinstance(self.rfm_frequency, Unset):
            rfm_frequency = UNSET
        else:
            rfm_frequency = self.rfm_frequency

        rfm_monetary: int | None | Unset
        if isinstance(self.rfm_monetary, Unset):
            rfm_monetary = UNSET
        else:
            rfm_monetary = self.rfm_monetary

        rfm_segment: None | str | Unset
        if isinstance(self.rfm_segment, Unset):
            rfm_segment = UNSET
        else:
            rfm_segment = self.rfm_segment

        loyalty: dict[str, Any] | Unset = UNSET
        if not isinstance(self.loyalty, Unset):
            loyalty = self.loyalty.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
            }
        )
        if external_id is not UNSET:
            field_dict["external_id"] = external_id
        if type_ is not UNSET:
            field_dict["type"] = type_
        if status is not UNSET:
            field_dict["status"] = status
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if middle_name is not UNSET:
            field_dict["middle_name"] = middle_name
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if tax_id is not UNSET:
            field_dict["tax_id"] = tax_id
        if email is not UNSET:
            field_dict["email"] = email
        if phone is not UNSET:
            field_dict["phone"] = phone
        if birth_date is not UNSET:
            field_dict["birth_date"] = birth_date
        if gender is not UNSET:
            field_dict["gender"] = gender
        if country is not UNSET:
            field_dict["country"] = country
        if city is not UNSET:
            field_dict["city"] = city
        if street is not UNSET:
            field_dict["street"] = street
        if building is not UNSET:
            field_dict["building"] = building
        if apartment is not UNSET:
            field_dict["apartment"] = apartment
        if postal_code is not UNSET:
            field_dict["postal_code"] = postal_code
        if notes is not UNSET:
            field_dict["notes"] = notes
        if tags is not UNSET:
            field_dict["tags"] = tags
        if cards is not UNSET:
            field_dict["cards"] = cards
        if consents is not UNSET:
            field_dict["consents"] = consents
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if source is not UNSET:
            field_dict["source"] = source
        if import_id is not UNSET:
            field_dict["import_id"] = import_id
        if version is not UNSET:
            field_dict["version"] = version
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if last_activity_at is not UNSET:
            field_dict["last_activity_at"] = last_activity_at
        if erased_at is not UNSET:
            field_dict["erased_at"] = erased_at
        if vouchers_assigned is not UNSET:
            field_dict["vouchers_assigned"] = vouchers_assigned
        if vouchers_active is not UNSET:
            field_dict["vouchers_active"] = vouchers_active
        if vouchers_redeemed is not UNSET:
            field_dict["vouchers_redeemed"] = vouchers_redeemed
        if voucher_redeemed_amount is not UNSET:
            field_dict["voucher_redeemed_amount"] = voucher_redeemed_amount
        if total_spent is not UNSET:
            field_dict["total_spent"] = total_spent
        if transactions_count is not UNSET:
            field_dict["transactions_count"] = transactions_count
        if visits is not UNSET:
            field_dict["visits"] = visits
        if avg_check is not UNSET:
            field_dict["avg_check"] = avg_check
        if first_visit_at is not UNSET:
            field_dict["first_visit_at"] = first_visit_at
        if last_visit_at is not UNSET:
            field_dict["last_visit_at"] = last_visit_at
        if last_purchase_amount is not UNSET:
            field_dict["last_purchase_amount"] = last_purchase_amount
        if last_purchase_at is not UNSET:
            field_dict["last_purchase_at"] = last_purchase_at
        if rfm_recency is not UNSET:
            field_dict["rfm_recency"] = rfm_recency
        if rfm_frequency is not UNSET:
            field_dict["rfm_frequency"] = rfm_frequency
        if rfm_monetary is not UNSET:
            field_dict["rfm_monetary"] = rfm_monetary
        if rfm_segment is not UNSET:
            field_dict["rfm_segment"] = rfm_segment
        if loyalty is not UNSET:
            field_dict["loyalty"] = loyalty

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_out import CardOut  # noqa: PLC0415
        from ..models.customer_fields_out_consents import CustomerFieldsOutConsents  # noqa: PLC0415
        from ..models.customer_fields_out_custom_fields import CustomerFieldsOutCustomFields  # noqa: PLC0415
        from ..models.customer_loyalty import CustomerLoyalty  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_external_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_id = _parse_external_id(d.pop("external_id", UNSET))

        _type_ = d.pop("type", UNSET)
        type_: CustomerFieldsOutType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = CustomerFieldsOutType(_type_)

        _status = d.pop("status", UNSET)
        status: CustomerFieldsOutStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = CustomerFieldsOutStatus(_status)

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_middle_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        middle_name = _parse_middle_name(d.pop("middle_name", UNSET))

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("company_name", UNSET))

        def _parse_tax_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tax_id = _parse_tax_id(d.pop("tax_id", UNSET))

        def _parse_email(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        email = _parse_email(d.pop("email", UNSET))

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_birth_date(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = datetime.date.fromisoformat(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        birth_date = _parse_birth_date(d.pop("birth_date", UNSET))

        def _parse_gender(data: object) -> CustomerFieldsOutGenderType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = CustomerFieldsOutGenderType0(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerFieldsOutGenderType0 | None | Unset, data)

        gender = _parse_gender(d.pop("gender", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_street(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        street = _parse_street(d.pop("street", UNSET))

        def _parse_building(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        building = _parse_building(d.pop("building", UNSET))

        def _parse_apartment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        apartment = _parse_apartment(d.pop("apartment", UNSET))

        def _parse_postal_code(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postal_code = _parse_postal_code(d.pop("postal_code", UNSET))

        def _parse_notes(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        notes = _parse_notes(d.pop("notes", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        _cards = d.pop("cards", UNSET)
        cards: list[CardOut] | Unset = UNSET
        if _cards is not UNSET:
            cards = []
            for cards_item_data in _cards:
                cards_item = CardOut.from_dict(cards_item_data)

                cards.append(cards_item)

        _consents = d.pop("consents", UNSET)
        consents: CustomerFieldsOutConsents | Unset
        if isinstance(_consents, Unset):
            consents = UNSET
        else:
            consents = CustomerFieldsOutConsents.from_dict(_consents)

        _custom_fields = d.pop("custom_fields", UNSET)
        custom_fields: CustomerFieldsOutCustomFields | Unset
        if isinstance(_custom_fields, Unset):
            custom_fields = UNSET
        else:
            custom_fields = CustomerFieldsOutCustomFields.from_dict(_custom_fields)

        _source = d.pop("source", UNSET)
        source: CustomerFieldsOutSource | Unset
        if isinstance(_source, Unset):
            source = UNSET
        else:
            source = CustomerFieldsOutSource(_source)

        def _parse_import_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                import_id_type_0 = UUID(data)

                return import_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        import_id = _parse_import_id(d.pop("import_id", UNSET))

        version = d.pop("version", UNSET)

        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _updated_at = d.pop("updated_at", UNSET)
        updated_at: datetime.datetime | Unset
        if isinstance(_updated_at, Unset):
            updated_at = UNSET
        else:
            updated_at = datetime.datetime.fromisoformat(_updated_at)

        def _parse_last_activity_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_activity_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_activity_at = _parse_last_activity_at(d.pop("last_activity_at", UNSET))

        def _parse_erased_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                erased_at_type_0 = datetime.datetime.fromisoformat(data)

                return erased_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        erased_at = _parse_erased_at(d.pop("erased_at", UNSET))

        vouchers_assigned = d.pop("vouchers_assigned", UNSET)

        vouchers_active = d.pop("vouchers_active", UNSET)

        vouchers_redeemed = d.pop("vouchers_redeemed", UNSET)

        voucher_redeemed_amount = d.pop("voucher_redeemed_amount", UNSET)

        total_spent = d.pop("total_spent", UNSET)

        transactions_count = d.pop("transactions_count", UNSET)

        visits = d.pop("visits", UNSET)

        def _parse_avg_check(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        avg_check = _parse_avg_check(d.pop("avg_check", UNSET))

        def _parse_first_visit_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_visit_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_visit_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        first_visit_at = _parse_first_visit_at(d.pop("first_visit_at", UNSET))

        def _parse_last_visit_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_visit_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_visit_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_visit_at = _parse_last_visit_at(d.pop("last_visit_at", UNSET))

        def _parse_last_purchase_amount(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_purchase_amount = _parse_last_purchase_amount(d.pop("last_purchase_amount", UNSET))

        def _parse_last_purchase_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_purchase_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_purchase_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        last_purchase_at = _parse_last_purchase_at(d.pop("last_purchase_at", UNSET))

        def _parse_rfm_recency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rfm_recency = _parse_rfm_recency(d.pop("rfm_recency", UNSET))

        def _parse_rfm_frequency(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rfm_frequency = _parse_rfm_frequency(d.pop("rfm_frequency", UNSET))

        def _parse_rfm_monetary(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rfm_monetary = _parse_rfm_monetary(d.pop("rfm_monetary", UNSET))

        def _parse_rfm_segment(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        rfm_segment = _parse_rfm_segment(d.pop("rfm_segment", UNSET))

        _loyalty = d.pop("loyalty", UNSET)
        loyalty: CustomerLoyalty | Unset
        if isinstance(_loyalty, Unset):
            loyalty = UNSET
        else:
            loyalty = CustomerLoyalty.from_dict(_loyalty)

        customer_fields_out = cls(
            id=id,
            external_id=external_id,
            type_=type_,
            status=status,
            first_name=first_name,
            last_name=last_name,
            middle_name=middle_name,
            company_name=company_name,
            tax_id=tax_id,
            email=email,
            phone=phone,
            birth_date=birth_date,
            gender=gender,
            country=country,
            city=city,
            street=street,
            building=building,
            apartment=apartment,
            postal_code=postal_code,
            notes=notes,
            tags=tags,
            cards=cards,
            consents=consents,
            custom_fields=custom_fields,
            source=source,
            import_id=import_id,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            last_activity_at=last_activity_at,
            erased_at=erased_at,
            vouchers_assigned=vouchers_assigned,
            vouchers_active=vouchers_active,
            vouchers_redeemed=vouchers_redeemed,
            voucher_redeemed_amount=voucher_redeemed_amount,
            total_spent=total_spent,
            transactions_count=transactions_count,
            visits=visits,
            avg_check=avg_check,
            first_visit_at=first_visit_at,
            last_visit_at=last_visit_at,
            last_purchase_amount=last_purchase_amount,
            last_purchase_at=last_purchase_at,
            rfm_recency=rfm_recency,
            rfm_frequency=rfm_frequency,
            rfm_monetary=rfm_monetary,
            rfm_segment=rfm_segment,
            loyalty=loyalty,
        )

        customer_fields_out.additional_properties = d
        return customer_fields_out

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
