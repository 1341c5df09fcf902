"""The programme's rules (one JSON document per version) and what a purchase earns by them.

Pure functions: the service feeds them the facts (amount, time, place, tags, level, first
purchase or visit of the day); the preview endpoint feeds them a hypothetical purchase.
"""

import uuid
from datetime import datetime, time
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Annotated, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _whole(value: object) -> object:
    """JSON's integer: 5 or 5.0, never true or "5" (a strict int refuses 5.0, a lax one
    takes true and "5")."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# A whole number of the input: what JSON Schema's "integer" admits, and only that.
Whole = Annotated[int, Field(strict=True), BeforeValidator(_whole)]

# Bounded ones: bounds set before the before-validator stay declared in the JSON schema, also
# inside `| None` (set after it, pydantic writes them there as unknown keywords).
Weekday = Annotated[int, Field(strict=True, ge=1, le=7), BeforeValidator(_whole)]
Months = Annotated[int, Field(strict=True, ge=1, le=120), BeforeValidator(_whole)]
AtLeastOne = Annotated[int, Field(strict=True, ge=1), BeforeValidator(_whole)]

Rounding = Literal["floor", "half_up", "ceil"]
_ROUNDING = {"floor": ROUND_FLOOR, "half_up": ROUND_HALF_UP, "ceil": ROUND_CEILING}


class Multiplier(BaseModel):
    """Multiply a purchase's points when every condition given holds ("double points on
    Tuesdays in Kraków": weekdays [2], location "KRK-01", factor 2)."""

    model_config = ConfigDict(extra="forbid")
    factor: Decimal = Field(gt=0, le=100, decimal_places=2, examples=["2"])
    tag: str | None = Field(default=None, max_length=100, description="The customer has this tag")
    segment_id: uuid.UUID | None = Field(
        default=None, description="The customer is in this segment"
    )
    location: str | None = Field(default=None, max_length=64, description="A location code")
    weekdays: list[Weekday] | None = Field(
        default=None,
        max_length=7,
        description="ISO weekdays (1 Monday … 7 Sunday), in the tenant's zone",
    )
    # Strict: a time is an ISO string ("18:00"), never a number of seconds.
    from_time: time | None = Field(
        default=None, strict=True, description="Local time of day, inclusive"
    )
    to_time: time | None = Field(
        default=None, strict=True, description="Local time of day, exclusive"
    )


class Level(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    name: str = Field(min_length=1, max_length=64, examples=["Gold"])
    threshold: Decimal = Field(ge=0, description="Points earned or amount spent in the window")
    multiplier: Decimal = Field(default=Decimal(1), gt=0, le=100)
    discount_percent: Decimal = Field(default=Decimal(0), ge=0, le=100)


class Rules(BaseModel):
    """A programme version's rules. Points are whole numbers."""

    model_config = ConfigDict(extra="forbid")
    points_per_unit: Decimal = Field(
        default=Decimal(1), ge=0, le=10_000, description="Points per currency unit spent"
    )
    rounding: Rounding = "floor"
    points_per_visit: Whole = Field(default=0, ge=0, le=1_000_000)
    first_purchase_bonus: Whole = Field(default=0, ge=0, le=1_000_000)
    birthday_bonus: Whole = Field(default=0, ge=0, le=1_000_000)
    multipliers: list[Multiplier] = Field(default_factory=list, max_length=50)
    pending_days: Whole = Field(default=0, ge=0, le=365)
    expiry_months: Months | None = Field(default=12, description="None: never")
    point_value: Decimal = Field(
        default=Decimal("0.01"), gt=0, le=1000, description="Money one point pays"
    )
    redeem_min_points: Whole = Field(default=1, ge=1)
    redeem_max_points: AtLeastOne | None = Field(default=None, description="Per purchase")
    redeem_max_percent: Decimal = Field(
        default=Decimal(100), gt=0, le=100, description="Of the purchase amount, when given"
    )
    level_basis: Literal["points_earned", "amount_spent"] = "points_earned"
    level_window_days: Whole = Field(default=365, ge=1, le=3650)
    level_grace_days: Whole = Field(default=30, ge=0, le=3650)
    levels: list[Level] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _levels(self) -> Self:
        names = [lv.name for lv in self.levels]
        if len(set(names)) != len(names):
            raise ValueError("level names must be unique")
        self.levels.sort(key=lambda lv: lv.threshold)
        return self

    def level(self, name: str | None) -> Level | None:
        return next((lv for lv in self.levels if lv.name == name), None)

    def qualified_level(self, figure: Decimal) -> Level | None:
        """The highest level whose threshold the figure reaches."""
        found = None
        for lv in self.levels:
            if figure >= lv.threshold:
                found = lv
        return found


class Facts(BaseModel):
    """What earning depends on, about one purchase."""

    amount: Decimal
    at: datetime  # in the tenant's zone
    location: str | None = None
    tags: frozenset[str] = frozenset()
    segment_ids: frozenset[uuid.UUID] = frozenset()
    level: str | None = None
    first_purchase: bool = False
    first_visit_of_day: bool = True


class Earning(BaseModel):
    base: int = Field(strict=True, description="Amount × points_per_unit × multipliers, rounded")
    multiplier: Decimal = Field(description="Every matching multiplier and the level's, multiplied")
    visit: int
    first_purchase: int
    total: int


def _matches(m: Multiplier, facts: Facts) -> bool:
    local = facts.at
    return (
        (m.tag is None or m.tag in facts.tags)
        and (m.segment_id is None or m.segment_id in facts.segment_ids)
        and (m.location is None or m.location == facts.location)
        and (m.weekdays is None or local.isoweekday() in m.weekdays)
        and (m.from_time is None or local.time() >= m.from_time)
        and (m.to_time is None or local.time() < m.to_time)
    )


def earn(rules: Rules, facts: Facts) -> Earning:
    """The points a purchase earns: the amount's points times every matching multiplier and
    the level's, rounded by the programme's rule once; plus the visit and first-purchase
    bonuses (not multiplied)."""
    factor = Decimal(1)
    for m in rules.multipliers:
        if _matches(m, facts):
            factor *= m.factor
    level = rules.level(facts.level)
    if level is not None:
        factor *= level.multiplier
    raw = max(facts.amount, Decimal(0)) * rules.points_per_unit * factor
    base = int(raw.quantize(Decimal(1), rounding=_ROUNDING[rules.rounding]))
    visit = rules.points_per_visit if facts.first_visit_of_day else 0
    first = rules.first_purchase_bonus if facts.first_purchase else 0
    return Earning(
        base=base, multiplier=factor, visit=visit, first_purchase=first, total=base + visit + first
    )
