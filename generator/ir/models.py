"""Named schema definitions: models (dataclasses), enums and unions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .types import Type

__all__ = [
    "Constraints",
    "Default",
    "Discriminator",
    "Enum",
    "EnumMember",
    "Field",
    "Model",
    "UnionDef",
]


@dataclass(frozen=True, slots=True)
class Default:
    """A spec ``default``: the JSON value as written (rendered through repr-based helpers only)."""

    value: Any


@dataclass(frozen=True, slots=True)
class Constraints:
    """Validation keywords of a schema use (kept for docs and the differ; not enforced by clients)."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool = False
    min_properties: int | None = None
    max_properties: int | None = None
    items: Constraints | None = None  # those of each item of an array


@dataclass(frozen=True, slots=True)
class Field:
    """One property of a model, or one flattened body field / parameter-like value."""

    name: str  # Python attribute name (sanitised, unique in its model)
    wire_name: str  # JSON key
    type: Type
    required: bool
    pointer: str
    default: Default | None = None
    description: str | None = None
    deprecated: bool = False
    read_only: bool = False
    write_only: bool = False
    examples: tuple[Any, ...] = ()
    constraints: Constraints | None = None


@dataclass(frozen=True, slots=True)
class Model:
    """An object schema. ``extra`` is the type of undeclared keys (AnyValue when the schema allows any)."""

    name: str  # Python class name, unique across the package
    module: str  # module under models/ that holds it; a named schema's inline definitions share its module
    fields: tuple[Field, ...]
    pointer: str
    extra: Type | None = None  # additionalProperties type; None = additionalProperties: false
    description: str | None = None
    deprecated: bool = False
    title: str | None = None
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str  # Python member name, unique in its enum
    value: Any  # str, int, float, bool or None as on the wire
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Enum:
    """A closed set of values; decoding keeps unknown values as their raw value (forward compatible)."""

    name: str
    module: str
    members: tuple[EnumMember, ...]
    value_kind: str  # "string", "integer", "number" or "mixed"
    pointer: str
    description: str | None = None
    deprecated: bool = False


@dataclass(frozen=True, slots=True)
class Discriminator:
    """How a union is told apart: a wire property and its value → variant model name."""

    property: str  # wire name
    mapping: tuple[tuple[str, str], ...]  # (wire value, model name), sorted by wire value
    is_explicit: bool = True  # False when inferred from const/enum properties


@dataclass(frozen=True, slots=True)
class UnionDef:
    """``oneOf``/``anyOf`` of several types (null variants removed and folded into nullability)."""

    name: str
    module: str
    variants: tuple[Type, ...]
    pointer: str
    discriminator: Discriminator | None = None
    description: str | None = None
    decoder: str | None = None  # its decode function as the models package exports it; None: decode_<module>
