"""The customer's own fields are stated once (issue #19): every part that lists them agrees
with app/customers/fields.py, so a new field is added in one place."""

from sqlalchemy import String

from app.bulk.service import EDITABLE
from app.customers import fields
from app.customers.filters.registry import FIELDS as FILTERABLE
from app.customers.models import Customer
from app.customers.schemas import CustomerFields
from app.imports.mapping import FIELDS as MAPPABLE
from app.imports.validate import STAGE_COLUMNS
from app.imports.writing import FIELDS as WRITTEN
from app.privacy.erasure import IDENTITY_FIELDS


def test_every_field_is_a_column_of_its_length() -> None:
    for f in fields.CUSTOMER_FIELDS:
        column = Customer.__table__.c[f.name]
        # notes is TEXT: its limit is the API's and the import's only.
        if isinstance(column.type, String) and column.type.length is not None:
            assert column.type.length == f.max_length, f.name


def test_the_api_writes_and_limits_exactly_these_fields() -> None:
    scalar = [
        n for n in CustomerFields.model_fields if n in Customer.__table__.c and n != "custom_fields"
    ]
    assert scalar == list(fields.WRITABLE)
    for name in fields.WRITABLE:
        limits = [
            m.max_length
            for m in CustomerFields.model_fields[name].metadata
            if hasattr(m, "max_length")
        ]
        if limits and name != "phone":  # a phone is typed with spaces; stored as E.164
            assert limits == [fields.length(name)], name


def test_filters_imports_bulk_and_erasure_read_the_same_list() -> None:
    assert set(fields.WRITABLE) <= set(FILTERABLE)
    for name in fields.WRITABLE:
        assert FILTERABLE[name].labels == fields.BY_NAME[name].labels
    assert WRITTEN == fields.IMPORTABLE
    assert STAGE_COLUMNS[1 : 1 + len(fields.IMPORTABLE)] == fields.IMPORTABLE
    assert set(fields.IMPORTABLE) <= set(MAPPABLE)
    assert IDENTITY_FIELDS == fields.PERSONAL
    assert EDITABLE - {"custom_fields"} == set(fields.BULK_EDITABLE)
