"""How an undiscriminated union tells its variants apart: the JSON kinds and object keys of each variant.

The generated union module hands these to the runtime's ``pick_variant`` as ``VariantShape`` literals.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import ir
from .pytypes import Registry, py_literal

__all__ = ["json_kinds", "variant_shape"]


def variant_shape(t: ir.Type, reg: Registry) -> str:
    """The runtime ``VariantShape`` literal of one variant: (JSON kinds, required keys, known keys)."""
    required, known = _object_keys(t, reg, frozenset())
    return f"({_frozenset(json_kinds(t, reg))}, {_frozenset(required)}, {_frozenset(known)})"


def _frozenset(items: Iterable[str]) -> str:
    ordered = sorted(items)
    return f"frozenset({{{', '.join(py_literal(i) for i in ordered)}}})" if ordered else "frozenset()"


def _object_keys(t: ir.Type, reg: Registry, seen: frozenset[str]) -> tuple[set[str], set[str]]:
    """(keys every object of ``t`` has, keys any object of ``t`` may have); a nested union's object
    variants combine (required: the keys all of them require; known: the keys any of them knows)."""
    if isinstance(t, ir.ModelRef):
        model = reg.models[t.name]
        return {f.wire_name for f in model.fields if f.required}, {f.wire_name for f in model.fields}
    if isinstance(t, ir.UnionRef) and t.name not in seen:
        parts = [_object_keys(v, reg, seen | {t.name}) for v in reg.unions[t.name].variants
                 if isinstance(v, (ir.ModelRef, ir.UnionRef))]  # fmt: skip
        if parts:
            return set.intersection(*(r for r, _ in parts)), set.union(*(k for _, k in parts))
    return set(), set()


def json_kinds(t: ir.Type, reg: Registry, seen: frozenset[str] = frozenset()) -> frozenset[str]:
    """The JSON kinds a value of ``t`` can arrive as (for picking an undiscriminated union's variant)."""
    kinds: set[str] = {"null"} if t.nullable else set()
    match t:
        case ir.Primitive(kind=kind):
            kinds |= {"integer", "number"} if kind == "number" else {kind}
        case ir.ArrayOf() | ir.TupleOf():
            kinds.add("array")
        case ir.MapOf() | ir.ModelRef():
            kinds.add("object")
        case ir.EnumRef(name=name):
            value_kind = reg.enums[name].value_kind
            kinds |= {"string", "integer", "number", "boolean"} if value_kind == "mixed" else {value_kind}
            if value_kind == "number":
                kinds.add("integer")
        case ir.UnionRef(name=name) if name not in seen:
            for variant in reg.unions[name].variants:
                kinds |= json_kinds(variant, reg, seen | {name})
        case ir.UnionRef():
            pass
        case ir.Literal(value=value):
            kinds.add(ir.json_kind(value))
        case _:
            kinds |= {"object", "array", "string", "integer", "number", "boolean", "null"}
    return frozenset(kinds)
