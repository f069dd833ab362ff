"""Intermediate model: frozen dataclasses only, no behaviour beyond properties."""

from __future__ import annotations

from .api import Api, SecurityScheme, Server, ServerVariable
from .models import (
    Constraints,
    Default,
    Discriminator,
    Enum,
    EnumMember,
    Field,
    Model,
    UnionDef,
)
from .operations import Body, Operation, Pagination, Param, Resource, Response
from .types import (
    AnyValue,
    ArrayOf,
    EnumRef,
    Literal,
    MapOf,
    ModelRef,
    Primitive,
    PrimitiveKind,
    TupleOf,
    Type,
    UnionRef,
    json_kind,
)

__all__ = [
    "AnyValue",
    "Api",
    "ArrayOf",
    "Body",
    "Constraints",
    "Default",
    "Discriminator",
    "Enum",
    "EnumMember",
    "EnumRef",
    "Field",
    "Literal",
    "MapOf",
    "Model",
    "ModelRef",
    "Operation",
    "Pagination",
    "Param",
    "Primitive",
    "PrimitiveKind",
    "Resource",
    "Response",
    "SecurityScheme",
    "Server",
    "ServerVariable",
    "TupleOf",
    "Type",
    "UnionDef",
    "UnionRef",
    "json_kind",
]
