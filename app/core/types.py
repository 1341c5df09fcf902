"""Column helpers shared by every domain's models."""

import uuid
from datetime import datetime
from typing import Annotated

from sqlalchemy import ForeignKey, func
from sqlalchemy.orm import Mapped, mapped_column

UUIDPk = Annotated[uuid.UUID, mapped_column(primary_key=True, default=uuid.uuid4)]
TenantFk = Annotated[
    uuid.UUID, mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False)
]
CreatedAt = Annotated[datetime, mapped_column(server_default=func.now(), nullable=False)]


class TenantScoped:
    """Every table carries tenant_id; every key and index starts with it."""

    tenant_id: Mapped[TenantFk]
