"""Column types shared by the tables."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored without going through a float.

    SQLite has no decimal type: its NUMERIC affinity turns ``0.1`` into a binary float. There the
    value is kept as its canonical text, which SQLite still sums and compares numerically with
    ``CAST``; other databases get a real NUMERIC.
    """

    impl = sa.Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(sa.String(40))
        return dialect.type_descriptor(sa.Numeric(24, 8))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            value = Decimal(str(value))
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value}")
        if dialect.name == "sqlite":
            return format(canonical_decimal(value), "f")
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return canonical_decimal(value if isinstance(value, Decimal) else Decimal(str(value)))


def canonical_decimal(value: Decimal) -> Decimal:
    """The same number without trailing zeros or exponent: 12.50 -> 12.5, 1E+2 -> 100."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normal.quantize(Decimal(1))
    return normal


def enum_column(
    enum_cls: type[enum.Enum], *, nullable: bool = False, index: bool = False
) -> sa.Column[Any]:
    """A VARCHAR column holding an enum's value (no native PostgreSQL enum to migrate)."""
    return sa.Column(
        sa.Enum(
            enum_cls,
            native_enum=False,
            create_constraint=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
            validate_strings=True,
        ),
        nullable=nullable,
        index=index,
    )
