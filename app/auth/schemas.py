import uuid
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator

from app.core.iso import IsoInstant
from app.tenants.schemas import TenantOut


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320, examples=["owner@demo.kartoteka.dev"])
    password: str = Field(max_length=200)
    tenant: str | None = Field(
        default=None, max_length=63, description="Tenant slug, when the email has several"
    )


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    email: str
    role: str
    full_name: str | None
    locale: str | None
    is_active: bool
    created_at: datetime
    last_login_at: datetime | None


class Me(BaseModel):
    user: UserOut | None
    principal: str = Field(description="`user` or `api_key`")
    scopes: list[str]
    tenant: TenantOut
    csrf_token: str | None = None


class UserCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    role: str = Field(examples=["staff"])
    password: str = Field(min_length=10, max_length=200)
    full_name: str | None = Field(default=None, max_length=200)


class UserPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str | None = None
    is_active: bool | None = Field(default=None, strict=True)


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(max_length=200)
    new_password: str = Field(min_length=10, max_length=200)


class PasswordReset(BaseModel):
    model_config = ConfigDict(extra="forbid")
    password: str = Field(min_length=10, max_length=200)


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200, examples=["Till in the shop"])
    scopes: list[str] = Field(min_length=1, examples=[["customers:read", "vouchers"]])
    rate_limit_per_minute: int | None = Field(
        default=None,
        ge=1,
        le=1_000_000,
        description="Request units a minute for this key (heavier routes cost more); "
        "absent: the server's default",
    )
    expires_at: IsoInstant | None = Field(
        default=None,
        description="When the key stops working (in the future, at most 5 years ahead); "
        "absent: until revoked",
        examples=["2027-06-30T23:59:59Z"],
    )

    @field_validator("expires_at")
    @classmethod
    def _future(cls, value: datetime | None) -> datetime | None:
        if value is None:
            return value
        now = datetime.now(UTC)
        if value <= now:
            raise ValueError("must be in the future")
        if value > now + timedelta(days=5 * 366):
            raise ValueError("must be at most 5 years ahead")
        return value


class ApiKeyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    id: uuid.UUID
    name: str
    prefix: str
    scopes: list[str]
    created_by: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    rate_limit_per_minute: int | None = None
    expires_at: datetime | None = None


class ApiKeyCreated(ApiKeyOut):
    key: str = Field(description="The secret, shown only this once")
