"""Python knowledge of IR types: annotation text, decode/encode expressions, and the names they need.

One function per concern, dispatching on the IR type with ``match``.  Expressions refer to other
definitions through the lazily-loading models package, imported as ``_models`` (``_models.Pet.from_dict``,
``_models.Color.decode``, ``_models.decode_shape``): attributes are looked up at call time, so circular
references between models are safe and importing one model never imports the rest.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Any

from .. import ir
from .filters import py_str
from .heights import definition_heights

__all__ = [
    "Needs",
    "Registry",
    "annotation",
    "builtin",
    "decode",
    "encode",
    "is_identity",
    "py_literal",
    "union_decoder",
]

_FORMATS = {  # string format → (annotation, decode function, encode template, import)
    "date-time": ("datetime", "parse_datetime", "{}.isoformat()", "datetime"),  # format_datetime, inline
    "date": ("date", "parse_date", "{}.isoformat()", "date"),
    "uuid": ("UUID", "parse_uuid", "str({})", "UUID"),
    "byte": ("bytes", "b64decode", "b64encode({})", None),
}
_SCALARS = {"integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_PY_KINDS = {bool: "bool", int: "int", float: "float", str: "str"}


@dataclass
class Needs:
    """Names an expression or annotation uses; a module's imports are the union of its needs."""

    runtime: set[str] = field(default_factory=set)  # names from _runtime
    typing: set[str] = field(default_factory=set)  # Any, Literal
    stdlib: set[str] = field(default_factory=set)  # datetime, date, UUID
    definitions: set[str] = field(default_factory=set)  # definition names used in annotations
    uses_models: bool = False  # run-time references through ``_models``
    shadowed: frozenset[str] = frozenset()  # builtins hidden by a class member of the same name
    uses_self: bool = False  # ``Self`` (typing_extensions, only while type checking) in annotations


@dataclass(frozen=True)
class Registry:
    """Definitions by name, so type functions can see what a reference points at."""

    models: dict[str, ir.Model]
    enums: dict[str, ir.Enum]
    unions: dict[str, ir.UnionDef]

    heights: dict[str, int] = field(default_factory=dict)  # depth of each definition's smallest example

    @classmethod
    def of(cls, api: ir.Api) -> Registry:
        reg = cls({m.name: m for m in api.models}, {e.name: e for e in api.enums}, {u.name: u for u in api.unions})
        return dataclasses.replace(reg, heights=definition_heights(reg))

    def module(self, name: str) -> str:
        found = self.models.get(name) or self.enums.get(name) or self.unions.get(name)
        assert found is not None, name
        return found.module


def union_decoder(union: ir.UnionDef) -> str:
    """Name of a union's decode function as exported by the models package (``decode`` in its module when
    that is ``decode_<module>``)."""
    return union.decoder or f"decode_{union.module}"


def py_literal(value: Any) -> str:
    """Python source for a JSON value (repr-based: spec text can never become code)."""
    if type(value) is str:  # the common case first
        return py_str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_literal(str(k))}: {py_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(py_literal(v) for v in value) + "]"
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    return py_str(value)


def _literal_ok(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, str))


def _enum_raw(kind: str) -> str:
    return {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}.get(kind, "Any")


def builtin(name: str, needs: Needs) -> str:
    """``name``, or ``builtins.name`` where a method of the same name would shadow it."""
    if name in needs.shadowed:
        needs.stdlib.add("builtins")
        return f"builtins.{name}"
    return name


def annotation(t: ir.Type, reg: Registry, needs: Needs) -> str:
    """The annotation text for a value of type ``t`` (``| None`` when nullable)."""
    text = _annotation(t, reg, needs)
    if t.nullable and text not in ("Any", "None") and not text.endswith("| None"):
        text += " | None"
    return text


def _annotation(t: ir.Type, reg: Registry, needs: Needs) -> str:
    match t:
        case ir.Primitive(kind="string", format=fmt) if fmt in _FORMATS:
            name, _, _, stdlib = _FORMATS[fmt]
            if stdlib:
                needs.stdlib.add(stdlib)
            return name
        case ir.Primitive(kind="string"):
            return builtin("str", needs)
        case ir.Primitive(kind=kind):
            return builtin(_SCALARS[kind], needs)
        case ir.ArrayOf(item=item):
            return f"{builtin('list', needs)}[{annotation(item, reg, needs)}]"
        case ir.TupleOf(items=items, rest=None):
            return f"{builtin('tuple', needs)}[{', '.join(annotation(i, reg, needs) for i in items)}]"
        case ir.TupleOf(items=items, rest=rest) if rest is not None and all(
            is_identity(i, reg) for i in (*items, rest)
        ):
            parts = list(dict.fromkeys(annotation(i, reg, needs) for i in (*items, rest)))
            return f"{builtin('list', needs)}[{'Any' if 'Any' in parts else ' | '.join(parts)}]"
        case ir.TupleOf():
            needs.typing.add("Any")
            return f"{builtin('list', needs)}[Any]"
        case ir.MapOf(value=value):
            return f"{builtin('dict', needs)}[{builtin('str', needs)}, {annotation(value, reg, needs)}]"
        case ir.ModelRef(name=name) | ir.UnionRef(name=name):
            needs.definitions.add(name)
            return name
        case ir.EnumRef(name=name):
            needs.definitions.add(name)
            enum = reg.enums[name]
            raw = _enum_raw(enum.value_kind)
            if raw != "Any":
                return f"{name} | {builtin(raw, needs)}"
            kinds = sorted({_PY_KINDS[type(m.value)] for m in enum.members if type(m.value) in _PY_KINDS})
            if not kinds:
                needs.typing.add("Any")
                return "Any"
            return " | ".join([name, *(builtin(k, needs) for k in kinds)])
        case ir.Literal(value=value) if _literal_ok(value):
            needs.typing.add("Literal")
            return f"Literal[{py_literal(value)}]"
        case ir.Literal(value=value) if isinstance(value, float):
            return "float"
    needs.typing.add("Any")
    return "Any"


def is_identity(t: ir.Type, reg: Registry) -> bool:
    """True when the JSON value already is the Python value (no decode/encode code needed)."""
    match t:
        case ir.Primitive(kind="string", format=fmt):
            return fmt not in _FORMATS
        case ir.Primitive() | ir.Literal() | ir.AnyValue():
            return True
        case ir.ArrayOf(item=item) | ir.MapOf(value=item):
            return is_identity(item, reg)
        case ir.EnumRef():
            return False
    return False


def _var(depth: int) -> str:
    return f"v{depth}" if depth else "v"


def decode(t: ir.Type, expr: str, reg: Registry, needs: Needs, depth: int = 0) -> str:
    """Expression turning the JSON value ``expr`` into the Python value of type ``t``."""
    if is_identity(t, reg):
        return expr
    inner = _decode(t, expr, reg, needs, depth)
    if t.nullable:
        return f"None if {expr} is None else {inner}" if expr.isidentifier() else inner
    return inner


def _decode(t: ir.Type, expr: str, reg: Registry, needs: Needs, depth: int) -> str:
    match t:
        case ir.Primitive(format=fmt) if fmt in _FORMATS:
            function = _FORMATS[fmt][1]
            needs.runtime.add(function)
            return f"{function}({expr})"
        case ir.ArrayOf(item=item):
            v = _var(depth + 1)
            body = decode(item, v, reg, needs, depth + 1)
            function = body.removesuffix(f"({v})")
            needs.runtime.add("as_list")  # a string or object where an array is declared is a mismatch
            if function != body and v not in function:  # one call per item: map is shorter and faster
                return f"{builtin('list', needs)}({builtin('map', needs)}({function}, as_list({expr})))"
            return f"[{body} for {v} in as_list({expr})]"
        case ir.MapOf(value=value):
            v = _var(depth + 1)
            return f"{{k{depth}: {decode(value, v, reg, needs, depth + 1)} for k{depth}, {v} in {expr}.items()}}"
        case ir.TupleOf(items=items, rest=None):
            parts = [decode(item, f"{expr}[{i}]", reg, needs, depth + 1) for i, item in enumerate(items)]
            return f"({', '.join(parts)},)"
        case ir.TupleOf():
            return f"list({expr})"
        case ir.ModelRef(name=name):
            needs.uses_models = True
            return f"_models.{name}.from_dict({expr})"
        case ir.EnumRef(name=name):
            needs.uses_models = True
            return f"_models.{name}.decode({expr})"
        case ir.UnionRef(name=name):
            needs.uses_models = True
            return f"_models.{union_decoder(reg.unions[name])}({expr})"
    return expr


def encode(t: ir.Type, expr: str, reg: Registry, needs: Needs, depth: int = 0) -> str:
    """Expression turning the Python value ``expr`` of type ``t`` into its JSON value."""
    if is_identity(t, reg):
        return expr
    inner = _encode(t, expr, reg, needs, depth)
    if inner == expr:
        return expr
    if t.nullable:
        return f"None if {expr} is None else {inner}"
    return inner


def _encode(t: ir.Type, expr: str, reg: Registry, needs: Needs, depth: int) -> str:
    match t:
        case ir.Primitive(format=fmt) if fmt in _FORMATS:
            template = _FORMATS[fmt][2]
            if template.startswith(("format_", "b64")):
                needs.runtime.add(template.split("(")[0])
            return template.format(expr)
        case ir.ArrayOf(item=item):
            v = _var(depth + 1)
            body = encode(item, v, reg, needs, depth + 1)
            return expr if body == v else f"[{body} for {v} in {expr}]"
        case ir.MapOf(value=value):
            v = _var(depth + 1)
            body = encode(value, v, reg, needs, depth + 1)
            return expr if body == v else f"{{k{depth}: {body} for k{depth}, {v} in {expr}.items()}}"
        case ir.ModelRef():
            return f"{expr}.to_dict()"
        case ir.UnionRef(name=name) if _all_models(name, reg, frozenset()):
            return f"{expr}.to_dict()"  # every variant, and UnknownVariant, has one
        case ir.EnumRef(name=name) if reg.enums[name].value_kind in ("string", "integer", "number"):
            return expr  # str/int/float enums serialise as their value
        case ir.EnumRef() | ir.UnionRef() | ir.TupleOf():
            needs.runtime.add("to_jsonable")
            return f"to_jsonable({expr})"
    return expr


def _all_models(union: str, reg: Registry, seen: frozenset[str]) -> bool:
    """Whether every variant of the union ``union`` is a (non-nullable) model or such a union."""
    for v in reg.unions[union].variants:
        if v.nullable or not isinstance(v, (ir.ModelRef, ir.UnionRef)):
            return False
        if isinstance(v, ir.UnionRef) and (v.name in seen or not _all_models(v.name, reg, seen | {union})):
            return False
    return True
