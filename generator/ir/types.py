"""The closed union of IR types: what a value looks like on the wire, in Python terms.

Nullability is a flag on each use (``nullable``), never a wrapper type. Named things (models, enums,
unions) are referenced by name; their definitions live in ``ir.models``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from typing import Literal as TypingLiteral

__all__ = [
    "AnyValue",
    "ArrayOf",
    "EnumRef",
    "Literal",
    "MapOf",
    "ModelRef",
    "Primitive",
    "PrimitiveKind",
    "TupleOf",
    "Type",
    "UnionRef",
    "json_kind",
]

PrimitiveKind = TypingLiteral["string", "integer", "number", "boolean", "null"]


@dataclass(frozen=True, slots=True)
class Primitive:
    """A JSON scalar. ``format`` keeps the spec's format (date-time, date, uuid, binary, byte, ...)."""

    kind: PrimitiveKind
    format: str | None = None
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class ArrayOf:
    item: Type
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class TupleOf:
    """``prefixItems``: fixed leading items, then ``rest`` (None = no further items allowed/declared)."""

    items: tuple[Type, ...]
    rest: Type | None = None
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class MapOf:
    """An object used as a dictionary (``additionalProperties`` only, no declared properties)."""

    value: Type
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class ModelRef:
    name: str
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class EnumRef:
    name: str
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class UnionRef:
    name: str
    nullable: bool = False


@dataclass(frozen=True, slots=True)
class Literal:
    """``const`` (or a one-value enum used as a tag): exactly this JSON value."""

    value: Any
    nullable: bool = False

    @property
    def json_kind(self) -> str:
        return json_kind(self.value)


def json_kind(value: Any) -> str:
    """The JSON Schema type name of a JSON value ("integer" for 1, "array" for [1], ...)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "null"


@dataclass(frozen=True, slots=True)
class AnyValue:
    nullable: bool = False


Type = Primitive | ArrayOf | TupleOf | MapOf | ModelRef | EnumRef | UnionRef | Literal | AnyValue
