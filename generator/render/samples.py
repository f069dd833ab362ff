"""Synthesised example JSON values for IR types: the inputs and answers of generated tests."""

from __future__ import annotations

from typing import Any

from .. import ir
from .constrained import constrained_items, constrained_number, constrained_string, fits_string
from .pytypes import Registry

__all__ = ["sample"]

_MAX_DEPTH = 5
_NONE = ir.Constraints()
_STRINGS = {
    "date-time": "2024-01-02T03:04:05+00:00",
    "date": "2024-01-02",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "byte": "aGVsbG8=",
    "email": "user@example.com",
    "uri": "https://example.com/x",
}


def sample(
    t: ir.Type, reg: Registry, depth: int = 0, examples: tuple[Any, ...] = (), *, filled: bool = False,
    constraints: ir.Constraints | None = None,
) -> Any:  # fmt: skip
    """A JSON value of type ``t`` (required fields only; recursion cut at a small depth) that satisfies
    ``constraints`` (the validation keywords of the field or parameter it stands for) where it can.

    ``filled``: a top-level object also gets its optional fields (path parameters must not be empty).
    """
    limits = constraints or _NONE
    if filled and isinstance(t, ir.ModelRef):
        model = reg.models[t.name]
        return {f.wire_name: sample(f.type, reg, _MAX_DEPTH, constraints=f.constraints) for f in model.fields} or _model(
            model, reg, depth
        )
    if examples and _plain_string(t) and isinstance(examples[0], str) and examples[0].isalnum():
        if fits_string(examples[0], limits):
            return examples[0]
    match t:
        case ir.Primitive(kind="string", format=fmt):
            return constrained_string(_STRINGS.get(fmt or "", "string"), limits)
        case ir.Primitive(kind="integer"):
            return constrained_number(1, limits, integer=True)
        case ir.Primitive(kind="number"):
            return constrained_number(1.5, limits, integer=False)
        case ir.Primitive(kind="boolean"):
            return True
        case ir.Primitive(kind="null"):
            return None
        case ir.ArrayOf(item=item):
            make = lambda: sample(item, reg, depth + 1, constraints=limits.items)  # noqa: E731
            return constrained_items(make, limits, [] if depth >= _MAX_DEPTH else None)
        case ir.TupleOf(items=items):
            return [sample(i, reg, depth + 1) for i in items]
        case ir.MapOf(value=value):
            if depth >= _MAX_DEPTH and not limits.min_properties:
                return {}
            count = max(1, limits.min_properties or 0)
            return {("key" if i == 0 else f"key{i}"): sample(value, reg, depth + 1) for i in range(count)}
        case ir.ModelRef(name=name):
            return _model(reg.models[name], reg, depth)
        case ir.EnumRef(name=name):
            members = reg.enums[name].members
            return members[0].value if members else "value"
        case ir.UnionRef(name=name):
            return _union(reg.unions[name], reg, depth)
        case ir.Literal(value=value):
            return value
    return "value"


_ENDLESS = 1 << 30


def _height(t: ir.Type, heights: dict[str, int]) -> int:
    match t:
        case ir.ModelRef(name=name) | ir.UnionRef(name=name):
            return 0 if t.nullable else heights.get(name, _ENDLESS)
        case ir.TupleOf(items=items):
            return max((_height(i, heights) for i in items), default=0)
    return 0  # scalars, enums, literals, arrays and maps (empty) always end




def _plain_string(t: ir.Type) -> bool:
    return isinstance(t, ir.Primitive) and t.kind == "string" and t.format is None


def _model(model: ir.Model, reg: Registry, depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if depth > 3 * _MAX_DEPTH:
        return data  # a chain of required objects this long is a spec problem; the test will say so
    for f in model.fields:
        if not f.required:
            continue
        if depth >= _MAX_DEPTH and f.type.nullable:
            data[f.wire_name] = None
        else:
            data[f.wire_name] = sample(f.type, reg, depth + 1, constraints=f.constraints)
    return data


def _union(union: ir.UnionDef, reg: Registry, depth: int) -> Any:
    heights = reg.heights
    if depth > 3 * _MAX_DEPTH:  # unions naming each other with no object between: no finite example
        return None
    if union.discriminator and union.discriminator.mapping:
        pairs = union.discriminator.mapping
        if depth >= _MAX_DEPTH:  # deep inside a recursive structure: take the shortest way out
            pairs = tuple(sorted(pairs, key=lambda p: heights.get(p[1], _ENDLESS)))
        tag, model = pairs[0]
        value = _model(reg.models[model], reg, depth + 1)
        value[union.discriminator.property] = tag
        return value
    variants = union.variants
    if depth >= _MAX_DEPTH:
        variants = tuple(sorted(variants, key=lambda v: _height(v, heights)))
    return sample(variants[0], reg, depth + 1) if variants else None
