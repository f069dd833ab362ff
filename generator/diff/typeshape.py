"""Pure helpers about IR types: how to write one, what kind of JSON value it is, how two relate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..ir import (
    AnyValue,
    ArrayOf,
    EnumRef,
    Literal,
    MapOf,
    ModelRef,
    Primitive,
    TupleOf,
    Type,
    UnionRef,
    json_kind,
)
from .context import Index

__all__ = [
    "CHANGED",
    "FORMAT",
    "NARROWER",
    "SAME",
    "WIDER",
    "Domain",
    "domain",
    "kind_of",
    "pair_variants",
    "primitive_relation",
    "type_text",
    "value_text",
]

SAME, WIDER, NARROWER, CHANGED, FORMAT = "same", "wider", "narrower", "changed", "format"
_PYTHON_NAMES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
}


def value_text(value: Any) -> str:
    """A JSON value as it would appear in the spec."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _bare_text(type_: Type) -> str:
    if isinstance(type_, Primitive):
        name = _PYTHON_NAMES[type_.kind]
        return f"{name}<{type_.format}>" if type_.format else name
    if isinstance(type_, ArrayOf):
        return f"list[{type_text(type_.item)}]"
    if isinstance(type_, TupleOf):
        items = [type_text(item) for item in type_.items]
        return f"tuple[{', '.join([*items, '...'] if type_.rest is not None else items)}]"
    if isinstance(type_, MapOf):
        return f"dict[str, {type_text(type_.value)}]"
    if isinstance(type_, Literal):
        return f"Literal[{value_text(type_.value)}]"
    if isinstance(type_, AnyValue):
        return "Any"
    return type_.name


def type_text(type_: Type) -> str:
    """A Python-like annotation for a type, e.g. ``list[Voice] | None``."""
    return f"{_bare_text(type_)} | None" if type_.nullable else _bare_text(type_)


def kind_of(type_: Type, index: Index) -> str:
    """The JSON kind: string, number (integers too), boolean, null, array, object, union or any."""
    if isinstance(type_, Primitive):
        return "number" if type_.kind == "integer" else type_.kind
    if isinstance(type_, Literal):
        kind = json_kind(type_.value)
        return "number" if kind == "integer" else kind
    if isinstance(type_, EnumRef):
        kind = index.enum_kind(type_.name)
        return "number" if kind == "integer" else kind
    if isinstance(type_, ArrayOf | TupleOf):
        return "array"
    if isinstance(type_, MapOf | ModelRef):
        return "object"
    return "union" if isinstance(type_, UnionRef) else "any"


@dataclass(frozen=True, slots=True)
class Domain:
    """The values a scalar type admits: whole JSON kinds plus single literal values (as JSON text)."""

    kinds: frozenset[str] = frozenset()
    values: frozenset[str] = frozenset()
    is_any: bool = False

    def __or__(self, other: Domain) -> Domain:
        return Domain(
            self.kinds | other.kinds, self.values | other.values, self.is_any or other.is_any
        )

    def _admits_kind(self, kind: str) -> bool:
        return kind in self.kinds or (kind == "integer" and "number" in self.kinds)

    def contains(self, other: Domain) -> bool:
        """Whether every value of ``other`` is a value of this domain."""
        if self.is_any or other.is_any:
            return self.is_any
        kinds = all(self._admits_kind(kind) for kind in other.kinds)
        values = all(
            v in self.values or self._admits_kind(json_kind(json.loads(v))) for v in other.values
        )
        return kinds and values


def domain(type_: Type, index: Index, depth: int = 0) -> Domain | None:
    """The domain of a scalar type (primitive, literal, enum, union of those, any); None for others."""
    if isinstance(type_, Primitive):
        if type_.kind in ("boolean", "null"):  # finite: the same as an enum of its values
            return Domain(
                values=frozenset({"true", "false"} if type_.kind == "boolean" else {"null"})
            )
        return Domain(kinds=frozenset({type_.kind}))
    if isinstance(type_, Literal):
        return Domain(values=frozenset({value_text(type_.value)}))
    if isinstance(type_, AnyValue):
        return Domain(is_any=True)
    if isinstance(type_, EnumRef) and type_.name in index.enums:
        return Domain(
            values=frozenset(value_text(m.value) for m in index.enums[type_.name].members)
        )
    if isinstance(type_, UnionRef) and type_.name in index.unions and depth < 8:
        found = Domain()
        for variant in index.unions[type_.name].variants:
            part = domain(variant, index, depth + 1)
            if part is None:
                return None
            found |= part
        return found
    return None


_WIDER_FORMATS = {("int32", "int64"), ("float", "double")}


def primitive_relation(old: Primitive, new: Primitive) -> str:
    """SAME, WIDER (integer → number, int32 → int64), NARROWER, FORMAT (same kind) or CHANGED."""
    if old.kind != new.kind:
        pair = (old.kind, new.kind)
        return (
            WIDER
            if pair == ("integer", "number")
            else NARROWER
            if pair == ("number", "integer")
            else CHANGED
        )
    if old.format == new.format:
        return SAME
    if (old.format, new.format) in _WIDER_FORMATS:
        return WIDER
    return NARROWER if (new.format, old.format) in _WIDER_FORMATS else FORMAT


def _identity(type_: Type) -> str:
    if isinstance(type_, ModelRef | EnumRef | UnionRef):
        return f"{type(type_).__name__}:{type_.name}"
    if isinstance(type_, Primitive):
        return f"primitive:{type_.kind}"
    if isinstance(type_, Literal):
        return f"literal:{value_text(type_.value)}"
    return type(type_).__name__


def _name(type_: Type) -> str | None:
    return type_.name if isinstance(type_, ModelRef | EnumRef | UnionRef) else None


def _field_overlap(old: Type, new: Type, old_index: Index, new_index: Index) -> float:
    if not (isinstance(old, ModelRef) and isinstance(new, ModelRef)):
        return 0.0
    old_model, new_model = old_index.models.get(old.name), new_index.models.get(new.name)
    if old_model is None or new_model is None:
        return 0.0
    old_keys = {field.wire_name for field in old_model.fields}
    new_keys = {field.wire_name for field in new_model.fields}
    union = old_keys | new_keys
    return len(old_keys & new_keys) / len(union) if union else 1.0


def pair_variants(
    old: tuple[Type, ...], new: tuple[Type, ...], old_index: Index, new_index: Index
) -> tuple[list[tuple[Type, Type]], list[Type], list[Type]]:
    """Match union variants: same class and name, same name, models sharing ≥ half their keys, JSON kind.

    Returns (pairs, removed old variants, added new variants).
    """
    left, right = list(old), list(new)
    pairs: list[tuple[Type, Type]] = []

    def take(score: Any) -> None:
        for old_type in list(left):
            candidates = [(score(old_type, new_type), i) for i, new_type in enumerate(right)]
            best = max(
                (c for c in candidates if c[0] > 0), key=lambda c: (c[0], -c[1]), default=None
            )
            if best is not None:
                pairs.append((old_type, right.pop(best[1])))
                left.remove(old_type)

    take(lambda a, b: 1.0 if _identity(a) == _identity(b) else 0.0)
    take(lambda a, b: 1.0 if _name(a) is not None and _name(a) == _name(b) else 0.0)
    take(lambda a, b: max(_field_overlap(a, b, old_index, new_index) - 0.499, 0.0))
    take(lambda a, b: 1.0 if kind_of(a, old_index) == kind_of(b, new_index) != "object" else 0.0)
    return pairs, left, right
