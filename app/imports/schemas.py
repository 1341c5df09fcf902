import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.imports.status import ImportStatus


class Mapping(BaseModel):
    """Each file column → a target (`email`, `consents.sms_marketing`, `cf.key`, …) or null."""

    model_config = ConfigDict(extra="forbid")

    columns: dict[str, str | None] = Field(
        examples=[{"Imię": "first_name", "Telefon": "phone", "Stara kolumna": None}]
    )
    dedupe_key: Literal["email", "phone", "external_id", "card"] = "email"
    on_duplicate: Literal["skip", "update", "fill_empty"] = "skip"
    tag_separator: str = Field(default="|", min_length=1, max_length=3)
    add_tags: list[str] = Field(default_factory=list, max_length=20)
    default_country: str = Field(default="PL", pattern=r"^[A-Z]{2}$")
    date_format: str = Field(default="auto", max_length=32, examples=["auto", "%d.%m.%Y"])


class FileSettings(BaseModel):
    """How to read a CSV file, instead of what was detected; columns and the suggested
    mapping are read again with them."""

    model_config = ConfigDict(extra="forbid")

    encoding: (
        Literal["utf-8", "utf-8-sig", "utf-16", "cp1250", "cp1251", "cp1252", "iso8859_2"] | None
    ) = Field(default=None, examples=["cp1250"])
    delimiter: Literal[",", ";", "\t", "|"] | None = Field(default=None, examples=[";"])


class ColumnOut(BaseModel):
    name: str
    samples: list[str]


class Counts(BaseModel):
    rows: int = 0
    valid: int = 0
    invalid: int = 0
    to_create: int = 0
    to_update: int = 0
    to_skip: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0


class Progress(BaseModel):
    phase: str = "uploaded"
    done: int = 0
    total: int = 0
    percent: float = 0.0
    given_up: Literal["preview", "commit", "revert"] | None = Field(
        default=None,
        description="Of a failed import: the job that was given up after failing again and "
        "again. A given-up revert can be started again (`POST /imports/{id}/revert`): it goes "
        "on from what it had undone.",
    )


class ImportOut(BaseModel):
    id: uuid.UUID
    status: ImportStatus
    file_name: str
    file_type: str
    encoding: str | None
    delimiter: str | None
    columns: list[ColumnOut]
    mapping: Mapping | None
    counts: Counts
    progress: Progress
    sample: list[dict[str, object]] = Field(
        default_factory=list, description="A few mapped records, after preview"
    )
    error: str | None
    created_by: str | None
    created_at: datetime


class ImportErrorOut(BaseModel):
    row: int = Field(description="1 = the first data row after the header")
    column: str | None
    code: str = Field(examples=["invalid_email"])
    message: str
    value: str | None


class ImportErrorGroup(BaseModel):
    code: str = Field(examples=["invalid_email"])
    column: str | None = Field(description="The file's column, as in its header")
    count: int = Field(description="Problems of this kind in this column")
    first_row: int = Field(description="The first row with it (1 = the first data row)")
