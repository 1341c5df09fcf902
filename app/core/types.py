"""Column helpers shared by every domain's models."""

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import ForeignKey, ForeignKeyConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

UUIDPk = Annotated[uuid.UUID, mapped_column(primary_key=True, default=uuid.uuid4)]
# The tenant leads every primary key (and so every foreign key between tenant tables): the
# schema can be distributed by tenant (Citus) and a tenant's rows sit together in each index.
TenantFk = Annotated[
    uuid.UUID,
    mapped_column(
        ForeignKey("tenants.id", ondelete="CASCADE"),
        nullable=False,
        primary_key=True,
        sort_order=-1,
    ),
]

# The tenant of a row that belongs to another tenant row (a customer's tags and consents): its
# key to that row, (tenant_id, x_id), already proves the tenant and cascades its deletion, so
# a key of its own to `tenants` would only cost a lookup per inserted row.
ChildTenant = Annotated[uuid.UUID, mapped_column(nullable=False, primary_key=True, sort_order=-1)]


def tenant_fk(source: str, column: str, target: str, *, ondelete: str) -> ForeignKeyConstraint:
    """`source.column` references `target` ("customers.id") within the row's own tenant: the key is
    (tenant_id, column), so no row can point into another tenant. `SET NULL` clears only
    `column`, never tenant_id (PostgreSQL 15+)."""
    table = target.split(".")[0]
    return ForeignKeyConstraint(
        ["tenant_id", column],
        [f"{table}.tenant_id", target],
        name=f"fk_{source}_{column}_{table}",
        ondelete=f"SET NULL ({column})" if ondelete == "SET NULL" else ondelete,
    )


CreatedAt = Annotated[datetime, mapped_column(server_default=func.now(), nullable=False)]


class TenantScoped:
    """Every table carries tenant_id; every key and index starts with it."""

    tenant_id: Mapped[TenantFk]


class ChildOfTenantRow:
    """Carries tenant_id like every table; the tenant is checked through the parent row."""

    tenant_id: Mapped[ChildTenant]
