"""The statements a generated model's ``from_dict`` runs for one field, and its ``to_dict`` dict literal.

``from_dict`` makes the instance with ``object.__new__`` (no keyword ``__init__`` call) and fills each slot
from one read of the JSON value into ``v``. The JSON kind of a primitive value is checked inline with exact
types (``type(v) is not str``: a bool is not an integer); the runtime's ``expect`` is the slow half, run
only when that test fails, which raises a ``Mismatch`` at the key or accepts a subclass (an enum member).
A conversion that may fail deeper down (a model, an array, a format) first stores the key in ``at``, one
store of a constant, so the error path can say where the failure happened.
"""

from __future__ import annotations

import dataclasses

from .. import ir
from ..knownshapes import fit_item
from ..linewidth import line_width
from .pytypes import Needs, Registry, decode, is_identity, py_literal

__all__ = ["decode_statements", "dict_literal"]

LINE_LENGTH = 100
_INDENT = 12  # the statements sit in ``try:`` inside a method
_TESTS = {  # true when ``v`` is not of the JSON kind (exact types; the slow path accepts subclasses)
    "string": "type(v) is not str",
    "integer": "type(v) is not int",
    "number": "type(v) is not float and type(v) is not int",
    "boolean": "type(v) is not bool",
    "object": "type(v) is not dict",
    "array": "type(v) is not list",
    "null": "v is not None",
}
_LOOSE_FORMATS = {"int-or-string"}  # Kubernetes' IntOrString: declared a string, sent as either
_LOOKUP_ENUMS = ("string", "integer", "number")  # decoded by a dict lookup in from_dict itself
_SLOT = "\x00"  # stands for the value in a decode expression until we know how it is read (never in a name)


def _checked_kind(t: ir.Type, reg: Registry) -> str | None:
    """The JSON kind an identity value of ``t`` is checked against inline (None: nothing to check)."""
    match t:
        case ir.Primitive(kind=kind, format=format) if is_identity(t, reg) and format not in _LOOSE_FORMATS:
            return kind
        case ir.Literal(value=value):
            return ir.json_kind(value)
        case ir.MapOf() if is_identity(t, reg) and not _item_kind(t):
            return "object"
    return None


def _item_kind(t: ir.Type) -> str:
    """The JSON kind of the items of an identity array or map ``t`` that ``as_list``/``as_dict`` check
    ("" for none)."""
    item = t.item if isinstance(t, ir.ArrayOf) else t.value if isinstance(t, ir.MapOf) else None
    if item is None or item.nullable:
        return ""
    if isinstance(item, ir.Primitive) and item.format is None and item.kind != "null":
        return item.kind
    return ir.json_kind(item.value) if isinstance(item, ir.Literal) else ""


def _check(kind: str, nullable: bool, skips: list[str], key: str, target: str) -> list[str]:
    """``if <not of the kind>: <target> = expect(...)``: the slow path raises, or gives the value to keep."""
    expected = kind if kind == "null" or not nullable else f"{kind}|null"
    test = " and ".join(dict.fromkeys([_TESTS[kind], *skips]))
    return [f"if {test}:", f"    {target} = expect(data, {key}, {py_literal(expected)})"]


def decode_statements(f: ir.Field, fetch: str, skips: list[str], reg: Registry, needs: Needs) -> list[str]:
    """Statements storing the decoded value of ``f`` (read from ``data`` by ``fetch``) into ``self``.

    ``skips`` are the tests ``v is not OMIT`` / ``v is not None`` true when there is a value to decode.
    """
    target, key = f"self.{f.name}", py_literal(f.wire_name)
    bare = dataclasses.replace(f.type, nullable=False)
    kind = _checked_kind(bare, reg)
    if kind is not None:
        needs.runtime.add("expect")
        lines = [f"{target} = v = {fetch}", *_check(kind, f.type.nullable, skips, key, target)]
        if all(line_width(line) + _INDENT <= LINE_LENGTH for line in lines):
            return lines
        return [f"v = {fetch}", *_check(kind, f.type.nullable, skips, key, "v"), f"{target} = v"]
    if isinstance(bare, ir.EnumRef) and reg.enums[bare.name].value_kind in _LOOKUP_ENUMS:
        needs.runtime.add("expect")
        needs.uses_models = True
        check = _check(reg.enums[bare.name].value_kind, f.type.nullable, skips, key, "v")
        lookup = f"v = _models.{bare.name}._value2member_map_.get(v, v)"  # OMIT and None are no member
        return [f"v = {fetch}", *check, lookup, f"{target} = v"]
    items = _item_kind(bare)
    if is_identity(bare, reg) and isinstance(bare, ir.MapOf) and items:
        needs.runtime.add("as_dict")
        inner = f"as_dict({_SLOT}, {py_literal(items)})"
    elif is_identity(bare, reg) and not isinstance(bare, ir.ArrayOf):
        return [f"{target} = {fetch}"]  # any JSON value
    elif is_identity(bare, reg):
        needs.runtime.add("as_list")
        inner = f"as_list({_SLOT}, {py_literal(items)})" if items else f"as_list({_SLOT})"
    else:
        inner = decode(bare, _SLOT, reg, needs)
    lines = [f"at = {key}"]
    if skips:
        lines += [f"v = {fetch}", f"if {' and '.join(skips)}:", f"    v = {inner.replace(_SLOT, 'v')}"]
        return [*lines, f"{target} = v"]
    if inner.count(_SLOT) == 1:
        return [*lines, f"{target} = {inner.replace(_SLOT, fetch)}"]
    return [*lines, f"v = {fetch}", f"{target} = {inner.replace(_SLOT, 'v')}"]


def dict_literal(items: list[tuple[str, str]]) -> list[str]:
    """The lines of ``data: dict[str, Any] = {...}`` holding ``items`` (key source, value source), one
    per line with a trailing comma, the layout black keeps (an item too long laid out as black would,
    where that is certain: the lines are written at indent 8)."""
    if not items:
        return ["data: dict[str, Any] = {}"]
    return ["data: dict[str, Any] = {", *(f"    {fit_item(f'{key}: {value}', 12)}" for key, value in items), "}"]
