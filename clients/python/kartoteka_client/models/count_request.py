from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.count_request_filter_type_0 import CountRequestFilterType0


T = TypeVar("T", bound="CountRequest")


@_attrs_define
class CountRequest:
    """What `POST /customers/search` would list: a filter (tree or text) and quick search.

    Attributes:
        filter_ (CountRequestFilterType0 | None | str | Unset): A filter tree, or its text form (`status = active AND
            total_spent >= 500`)
        q (None | str | Unset):
    """

    filter_: CountRequestFilterType0 | None | str | Unset = UNSET
    q: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.count_request_filter_type_0 import CountRequestFilterType0  # noqa: PLC0415

        filter_: dict[str, Any] | None | str | Unset
        if isinstance(self.filter_, Unset):
            filter_ = UNSET
        elif isinstance(self.filter_, CountRequestFilterType0):
            filter_ = self.filter_.to_dict()
        else:
            filter_ = self.filter_

        q: None | str | Unset
        if isinstance(self.q, Unset):
            q = UNSET
        else:
            q = self.q

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if filter_ is not UNSET:
            field_dict["filter"] = filter_
        if q is not UNSET:
            field_dict["q"] = q

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.count_request_filter_type_0 import CountRequestFilterType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_filter_(data: object) -> CountRequestFilterType0 | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                filter_type_0 = CountRequestFilterType0.from_dict(data)

                return filter_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CountRequestFilterType0 | None | str | Unset, data)

        filter_ = _parse_filter_(d.pop("filter", UNSET))

        def _parse_q(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        q = _parse_q(d.pop("q", UNSET))

        count_request = cls(
            filter_=filter_,
            q=q,
        )

        return count_request
