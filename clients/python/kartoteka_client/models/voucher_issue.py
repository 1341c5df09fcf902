from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.voucher_issue_kind import VoucherIssueKind
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.voucher_issue_filter_type_0 import VoucherIssueFilterType0


T = TypeVar("T", bound="VoucherIssue")


@_attrs_define
class VoucherIssue:
    """One voucher for each customer of a selection (filter, quick search, segment or ids).

    Attributes:
        value (float | str): Amount, or percent (≤ 100)
        kind (VoucherIssueKind | Unset):  Default: VoucherIssueKind.AMOUNT.
        currency (None | str | Unset): The tenant's currency (the default; kept for `amount` vouchers); any other is
            refused with 422 `currency_mismatch`: no conversion is made
        valid_from (datetime.datetime | None | Unset):
        valid_until (datetime.datetime | None | Unset):
        prefix (None | str | Unset):
        filter_ (None | str | Unset | VoucherIssueFilterType0): A filter tree or text
        q (None | str | Unset):
        segment_id (None | Unset | UUID):
        customer_ids (list[UUID] | None | Unset):
    """

    value: float | str
    kind: VoucherIssueKind | Unset = VoucherIssueKind.AMOUNT
    currency: None | str | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_until: datetime.datetime | None | Unset = UNSET
    prefix: None | str | Unset = UNSET
    filter_: None | str | Unset | VoucherIssueFilterType0 = UNSET
    q: None | str | Unset = UNSET
    segment_id: None | Unset | UUID = UNSET
    customer_ids: list[UUID] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.voucher_issue_filter_type_0 import VoucherIssueFilterType0  # noqa: PLC0415

        value: float | str
        value = self.value

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_until: None | str | Unset
        if isinstance(self.valid_until, Unset):
            valid_until = UNSET
        elif isinstance(self.valid_until, datetime.datetime):
            valid_until = self.valid_until.isoformat()
        else:
            valid_until = self.valid_until

        prefix: None | str | Unset
        if isinstance(self.prefix, Unset):
            prefix = UNSET
        else:
            prefix = self.prefix

        filter_: dict[str, Any] | None | str | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, VoucherIssueFilterType0):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        segment_id: None | str | Unset
        if isinstance(self.segment_id, Unset):
            segment_id = UNSET
        elif isinstance(self.segment_id, UUID):
            segment_id = str(self.segment_id)
        else:
            segment_id = self.segment_id

        customer_ids: list[str] | None | Unset
        if isinstance(self.customer_ids, Unset):
            customer_ids = UNSET
        elif isinstance(self.customer_ids, list):
            customer_ids = []
            for customer_ids_type_0_item_data in self.customer_ids:
                customer_ids_type_0_item = str(customer_ids_type_0_item_data)
                customer_ids.append(customer_ids_type_0_item)

        else:
            customer_ids = self.customer_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "value": value,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if currency is not UNSET:
            field_dict["currency"] = currency
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_until is not UNSET:
            field_dict["valid_until"] = valid_until
        if prefix is not UNSET:
            field_dict["prefix"] = prefix
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if q is not UNSET:
            field_dict["q"] = q
        if segment_id is not UNSET:
            field_dict["segment_id"] = segment_id
        if customer_ids is not UNSET:
            field_dict["customer_ids"] = customer_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.voucher_issue_filter_type_0 import VoucherIssueFilterType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_value(data: object) -> float | str:
            return cast(float | str, data)

        value = _parse_value(d.pop("value"))

        _kind = d.pop("kind", UNSET)
        kind: VoucherIssueKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = VoucherIssueKind(_kind)

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_until(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_until_type_0 = datetime.datetime.fromisoformat(data)

                return valid_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_until = _parse_valid_until(d.pop("valid_until", UNSET))

        def _parse_prefix(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        prefix = _parse_prefix(d.pop("prefix", UNSET))

        def _parse_filter_(data: object) -> None | str | Unset | VoucherIssueFilterType0:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = VoucherIssueFilterType0.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | str | Unset | VoucherIssueFilterType0, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        def _parse_segment_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                segment_id_type_0 = UUID(data)

                return segment_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        segment_id = _parse_segment_id(d.pop("segment_id", UNSET))

        def _parse_customer_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                customer_ids_type_0 = []
                _customer_ids_type_0 = data
                for customer_ids_type_0_item_data in _customer_ids_type_0:
                    customer_ids_type_0_item = UUID(customer_ids_type_0_item_data)

                    customer_ids_type_0.append(customer_ids_type_0_item)

                return customer_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        customer_ids = _parse_customer_ids(d.pop("customer_ids", UNSET))

        voucher_issue = cls(
            value=value,
            kind=kind,
            currency=currency,
            valid_from=valid_from,
            valid_until=valid_until,
            prefix=prefix,
            filter_=filter_,
            q=q,
            segment_id=segment_id,
            customer_ids=customer_ids,
        )

        return voucher_issue
