from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.transaction_in_kind_type_0 import TransactionInKindType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.customer_ref import CustomerRef


T = TypeVar("T", bound="TransactionIn")


@_attrs_define
class TransactionIn:
    """
    Attributes:
        customer (CustomerRef): How the till names the customer: exactly one of these keys.
        amount (float | str):
        kind (None | TransactionInKindType0 | Unset): Default: `refund` when the amount is negative, else `purchase`. A
            refund's amount is stored negative whichever sign you send.
        currency (None | str | Unset): The tenant's currency (the default); any other is refused with 422
            `currency_mismatch`: a tenant's amounts are summed as one figure, never converted
        occurred_at (datetime.datetime | None | Unset): Default: now
        location (None | str | Unset): A location code
        external_ref (None | str | Unset): Your receipt id, unique per tenant: a replay returns the first result
        items_count (int | None | Unset):
        redeem_points (int | None | Unset): Loyalty points that pay part of this purchase (the programme's limits
            apply); the rest of the amount earns points
        refund_of (None | Unset | UUID): A refund's purchase (its id): the points that purchase earned are clawed back
            in proportion
    """

    customer: CustomerRef
    amount: float | str
    kind: None | TransactionInKindType0 | Unset = UNSET
    currency: None | str | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    location: None | str | Unset = UNSET
    external_ref: None | str | Unset = UNSET
    items_count: int | None | Unset = UNSET
    redeem_points: int | None | Unset = UNSET
    refund_of: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        customer = self.customer.to_dict()

        amount: float | str
        amount = self.amount

        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, TransactionInKindType0):
            kind = self.kind.value
        else:
            kind = self.kind

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        location: None | str | Unset
        if isinstance(self.location, Unset):
            location = UNSET
        else:
            location = self.location

        external_ref: None | str | Unset
        if isinstance(self.external_ref, Unset):
            external_ref = UNSET
        else:
            external_ref = self.external_ref

        items_count: int | None | Unset
        if isinstance(self.items_count, Unset):
            items_count = UNSET
        else:
            items_count = self.items_count

        redeem_points: int | None | Unset
        if isinstance(self.redeem_points, Unset):
            redeem_points = UNSET
        else:
            redeem_points = self.redeem_points

        refund_of: None | str | Unset
        if isinstance(self.refund_of, Unset):
            refund_of = UNSET
        elif isinstance(self.refund_of, UUID):
            refund_of = str(self.refund_of)
        else:
            refund_of = self.refund_of

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "customer": customer,
                "amount": amount,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if currency is not UNSET:
            field_dict["currency"] = currency
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if location is not UNSET:
            field_dict["location"] = location
        if external_ref is not UNSET:
            field_dict["external_ref"] = external_ref
        if items_count is not UNSET:
            field_dict["items_count"] = items_count
        if redeem_points is not UNSET:
            field_dict["redeem_points"] = redeem_points
        if refund_of is not UNSET:
            field_dict["refund_of"] = refund_of

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.customer_ref import CustomerRef  # noqa: PLC0415

        d = dict(src_dict)
        customer = CustomerRef.from_dict(d.pop("customer"))

        def _parse_amount(data: object) -> float | str:
            return cast(float | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_kind(data: object) -> None | TransactionInKindType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = TransactionInKindType0(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TransactionInKindType0 | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        def _parse_location(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        location = _parse_location(d.pop("location", UNSET))

        def _parse_external_ref(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        external_ref = _parse_external_ref(d.pop("external_ref", UNSET))

        def _parse_items_count(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        items_count = _parse_items_count(d.pop("items_count", UNSET))

        def _parse_redeem_points(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        redeem_points = _parse_redeem_points(d.pop("redeem_points", UNSET))

        def _parse_refund_of(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                refund_of_type_0 = UUID(data)

                return refund_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        refund_of = _parse_refund_of(d.pop("refund_of", UNSET))

        transaction_in = cls(
            customer=customer,
            amount=amount,
            kind=kind,
            currency=currency,
            occurred_at=occurred_at,
            location=location,
            external_ref=external_ref,
            items_count=items_count,
            redeem_points=redeem_points,
            refund_of=refund_of,
        )

        return transaction_in
