from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.customer_out_gender_type_0 import CustomerOutGenderType0
from ..models.customer_out_source import CustomerOutSource
from ..models.customer_out_status import CustomerOutStatus
from ..models.customer_out_type import CustomerOutType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.card_out import CardOut
    from ..models.customer_loyalty import CustomerLoyalty
    from ..models.customer_out_consents import CustomerOutConsents
    from ..models.customer_out_custom_fields import CustomerOutCustomFields


T = TypeVar("T", bound="CustomerOut")


@_attrs_define
class CustomerOut:
    """
    Attributes:
        id (UUID):
        external_id (None | str):
        type_ (CustomerOutType):
        status (CustomerOutStatus):
        first_name (None | str):
        last_name (None | str):
        middle_name (None | str):
        company_name (None | str):
        tax_id (None | str):
        email (None | str):
        phone (None | str):
        birth_date (datetime.date | None):
        gender (CustomerOutGenderType0 | None):
        country (None | str):
        city (None | str):
        street (None | str):
        building (None | str):
        apartment (None | str):
        postal_code (None | str):
        notes (None | str):
        custom_fields (CustomerOutCustomFields):
        source (CustomerOutSource):
        import_id (None | UUID):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        last_activity_at (datetime.datetime | None):
        vouchers_assigned (int):
        vouchers_active (int):
        vouchers_redeemed (int):
        voucher_redeemed_amount (str):
        total_spent (str):
        transactions_count (int):
        visits (int):
        avg_check (None | str):
        first_visit_at (datetime.datetime | None):
        last_visit_at (datetime.datetime | None):
        last_purchase_amount (None | str):
        last_purchase_at (datetime.datetime | None):
        rfm_recency (int | None):
        rfm_frequency (int | None):
        rfm_monetary (int | None):
        rfm_segment (None | str):
        tags (list[str] | Unset):
        cards (list[CardOut] | Unset):
        consents (CustomerOutConsents | Unset):
        erased_at (datetime.datetime | None | Unset): Set when the person's identity was erased at their request: the
            record is a tombstone that keeps only the amounts (`POST /customers/{id}/erase`).
        loyalty (CustomerLoyalty | Unset): The customer's loyalty account at a glance (zeros when the customer has none
            yet).
    """

    id: UUID
    external_id: None | str
    type_: CustomerOutType
    status: CustomerOutStatus
    first_name: None | str
    last_name: None | str
    middle_name: None | str
    company_name: None | str
    tax_id: None | str
    email: None | str
    phone: None | str
    birth_date: datetime.date | None
    gender: CustomerOutGenderType0 | None
    country: None | str
    city: None | str
    street: None | str
    building: None | str
    apartment: None | str
    postal_code: None | str
    notes: None | str
    custom_fields: CustomerOutCustomFields
    source: CustomerOutSource
    import_id: None | UUID
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    last_activity_at: datetime.datetime | None
    vouchers_assigned: int
    vouchers_active: int
    vouchers_redeemed: int
    voucher_redeemed_amount: str
    total_spent: str
    transactions_count: int
    visits: int
    avg_check: None | str
    first_visit_at: datetime.datetime | None
    last_visit_at: datetime.datetime | None
    last_purchase_amount: None | str
    last_purchase_at: datetime.datetime | None
    rfm_recency: int | None
    rfm_frequency: int | None
    rfm_monetary: int | None
    rfm_segment: None | str
    tags: list[str] | Unset = UNSET
    cards: list[CardOut] | Unset = UNSET
    consents: CustomerOutConsents | Unset = UNSET
    erased_at: datetime.datetime | None | Unset = UNSET
    loyalty: CustomerLoyalty | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        external_id: None | str
        external_id = self.external_id

        type_ = self.type_.value

        status = self.status.value

        first_name: None | str
        first_name = self.first_name

        last_name: None | str
        last_name = self.last_name

        middle_name: None | str
        middle_name = self.middle_name

        company_name: None | str
        company_name = self.company_name

        tax_id: None | str
        tax_id = self.tax_id

        email: None | str
        email = self.email

        phone: None | str
        phone = self.phone

        birth_date: None | str
        if isinstance(self.birth_date, datetime.date):
            birth_date = self.birth_date.isoformat()
        else:
            birth_date = self.birth_date

        gender: None | str
        if isinstance(self.gender, CustomerOutGenderType0):
            gender = self.gender.value
        else:
            gender = self.gender

        country: None | str
        country = self.country

        city: None | str
        city = self.city

        street: None | str
        street = self.street

        building: None | str
        building = self.building

        apartment: None | str
        apartment = self.apartment

        postal_code: None | str
        postal_code = self.postal_code

        notes: None | str
        notes = self.notes

        custom_fields = self.custom_fields.to_dict()

        source = self.source.value

        import_id: None | str
        if isinstance(self.import_id, UUID):
            import_id = str(self.import_id)
        else:
            import_id = self.import_id

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        last_activity_at: None | str
        if isinstance(self.last_activity_at, datetime.datetime):
            last_activity_at = self.last_activity_at.isoformat()
        else:
            last_activity_at = self.last_activity_at

        vouchers_assigned = self.vouchers_assigned

        vouchers_active = self.vouchers_active

        vouchers_redeemed = self.vouchers_redeemed

        voucher_redeemed_amount = self.voucher_redeemed_amount

        total_spent = self.total_spent

        transactions_count = self.transactions_count

        visits = self.visits

        avg_check: None | str
        avg_check = self.avg_check

        first_visit_at: None | str
        if isinstance(self.first_visit_at, datetime.datetime):
            first_visit_at = self.first_visit_at.isoformat()
        else:
            first_visit_at = self.first_visit_at

        last_visit_at: None | str
        if isinstance(self.last_visit_at, datetime.datetime):
            last_visit_at = self.last_visit_at.isoformat()
        else:
            last_visit_at = self.last_visit_at

        last_purchase_amount: None | str
        last_purchase_amount = self.last_purchase_amount

        last_purchase_at: None | str
        if isinstance(self.last_purchase_at, datetime.datetime):
            last_purchase_at = self.last_purchase_at.isoformat()
        else:
            last_purchase_at = self.last_purchase_at

        rfm_recency: int | None
        rfm_recency = self.rfm_recency

        rfm_frequency: int | None
        rfm_frequency = self.rfm_frequency

        rfm_monetary: int | None
        rfm_monetary = self.rfm_monetary

        rfm_segment: None | str
        rfm_segment = self.rfm_segment

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

        erased_at: None | str | Unset
        if isinstance(self.erased_at, Unset):
            erased_at = UNSET
        elif isinstance(self.erased_at, datetime.datetime):
            erased_at = self.erased_at.isoformat()
        else:
            erased_at = self.erased_at

        loyalty: dict[str, Any] | Unset = UNSET
        if not isinstance(self.loyalty, Unset):
            loyalty = self.loyalty.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "external_id": external_id,
                "type": type_,
                "status": status,
                "first_name": first_name,
                "last_name": last_name,
                "middle_name": middle_name,
                "company_name": company_name,
                "tax_id": tax_id,
                "email": email,
                "phone": phone,
                "birth_date": birth_date,
                "gender": gender,
                "country": country,
                "city": city,
                "street": street,
                "building": building,
                "apartment": apartment,
                "postal_code": postal_code,
                "notes": notes,
                "custom_fields": custom_fields,
                "source": source,
                "import_id": import_id,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
                "last_activity_at": last_activity_at,
                "vouchers_assigned": vouchers_assigned,
                "vouchers_active": vouchers_active,
                "vouchers_redeemed": vouchers_redeemed,
                "voucher_redeemed_amount": voucher_redeemed_amount,
                "total_spent": total_spent,
                "transactions_count": transactions_count,
                "visits": visits,
                "avg_check": avg_check,
                "first_visit_at": first_visit_at,
                "last_visit_at": last_visit_at,
                "last_purchase_amount": last_purchase_amount,
                "last_purchase_at": last_purchase_at,
                "rfm_recency": rfm_recency,
                "rfm_frequency": rfm_frequency,
                "rfm_monetary": rfm_monetary,
                "rfm_segment": rfm_segment,
            }
        )
        if tags is not UNSET:
            field_dict["tags"] = tags
        if cards is not UNSET:
            field_dict["cards"] = cards
        if consents is not UNSET:
            field_dict["consents"] = consents
        if erased_at is not UNSET:
            field_dict["erased_at"] = erased_at
        if loyalty is not UNSET:
            field_dict["loyalty"] = loyalty

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.card_out import CardOut  # noqa: PLC0415
        from ..models.customer_loyalty import CustomerLoyalty  # noqa: PLC0415
        from ..models.customer_out_consents import CustomerOutConsents  # noqa: PLC0415
        from ..models.customer_out_custom_fields import CustomerOutCustomFields  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        def _parse_external_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        external_id = _parse_external_id(d.pop("external_id"))

        type_ = CustomerOutType(d.pop("type"))

        status = CustomerOutStatus(d.pop("status"))

        def _parse_first_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        first_name = _parse_first_name(d.pop("first_name"))

        def _parse_last_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_name = _parse_last_name(d.pop("last_name"))

        def _parse_middle_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        middle_name = _parse_middle_name(d.pop("middle_name"))

        def _parse_company_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        company_name = _parse_company_name(d.pop("company_name"))

        def _parse_tax_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tax_id = _parse_tax_id(d.pop("tax_id"))

        def _parse_email(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        email = _parse_email(d.pop("email"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_birth_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                birth_date_type_0 = datetime.date.fromisoformat(data)

                return birth_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        birth_date = _parse_birth_date(d.pop("birth_date"))

        def _parse_gender(data: object) -> CustomerOutGenderType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                gender_type_0 = CustomerOutGenderType0(data)

                return gender_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CustomerOutGenderType0 | None, data)

        gender = _parse_gender(d.pop("gender"))

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        def _parse_city(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        city = _parse_city(d.pop("city"))

        def _parse_street(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        street = _parse_street(d.pop("street"))

        def _parse_building(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        building = _parse_building(d.pop("building"))

        def _parse_apartment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        apartment = _parse_apartment(d.pop("apartment"))

        def _parse_postal_code(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        postal_code = _parse_postal_code(d.pop("postal_code"))

        def _parse_notes(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        notes = _parse_notes(d.pop("notes"))

        custom_fields = CustomerOutCustomFields.from_dict(d.pop("custom_fields"))

        source = CustomerOutSource(d.pop("source"))

        def _parse_import_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                import_id_type_0 = UUID(data)

                return import_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        import_id = _parse_import_id(d.pop("import_id"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_last_activity_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_activity_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_activity_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_activity_at = _parse_last_activity_at(d.pop("last_activity_at"))

        vouchers_assigned = d.pop("vouchers_assigned")

        vouchers_active = d.pop("vouchers_active")

        vouchers_redeemed = d.pop("vouchers_redeemed")

        voucher_redeemed_amount = d.pop("voucher_redeemed_amount")

        total_spent = d.pop("total_spent")

        transactions_count = d.pop("transactions_count")

        visits = d.pop("visits")

        def _parse_avg_check(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        avg_check = _parse_avg_check(d.pop("avg_check"))

        def _parse_first_visit_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                first_visit_at_type_0 = datetime.datetime.fromisoformat(data)

                return first_visit_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        first_visit_at = _parse_first_visit_at(d.pop("first_visit_at"))

        def _parse_last_visit_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_visit_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_visit_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_visit_at = _parse_last_visit_at(d.pop("last_visit_at"))

        def _parse_last_purchase_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_purchase_amount = _parse_last_purchase_amount(d.pop("last_purchase_amount"))

        def _parse_last_purchase_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_purchase_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_purchase_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_purchase_at = _parse_last_purchase_at(d.pop("last_purchase_at"))

        def _parse_rfm_recency(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rfm_recency = _parse_rfm_recency(d.pop("rfm_recency"))

        def _parse_rfm_frequency(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rfm_frequency = _parse_rfm_frequency(d.pop("rfm_frequency"))

        def _parse_rfm_monetary(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rfm_monetary = _parse_rfm_monetary(d.pop("rfm_monetary"))

        def _parse_rfm_segment(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rfm_segment = _parse_rfm_segment(d.pop("rfm_segment"))

        tags = cast(list[str], d.pop("tags", UNSET))

        _cards = d.pop("cards", UNSET)
        cards: list[CardOut] | Unset = UNSET
        if _cards is not UNSET:
            cards = []
            for cards_item_data in _cards:
                cards_item = CardOut.from_dict(cards_item_data)

                cards.append(cards_item)

        _consents = d.pop("consents", UNSET)
        consents: CustomerOutConsents | Unset
        if isinstance(_consents, Unset):
            consents = UNSET
        else:
            consents = CustomerOutConsents.from_dict(_consents)

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

        _loyalty = d.pop("loyalty", UNSET)
        loyalty: CustomerLoyalty | Unset
        if isinstance(_loyalty, Unset):
            loyalty = UNSET
        else:
            loyalty = CustomerLoyalty.from_dict(_loyalty)

        customer_out = cls(
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
            custom_fields=custom_fields,
            source=source,
            import_id=import_id,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            last_activity_at=last_activity_at,
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
            tags=tags,
            cards=cards,
            consents=consents,
            erased_at=erased_at,
            loyalty=loyalty,
        )

        customer_out.additional_properties = d
        return customer_out

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
