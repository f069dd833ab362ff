"""Schema keywords whose value has the wrong shape (``type: {a: 1}``, ``required: true``, ``properties: []``).

The validator reports them when it runs; with ``--no-validate`` (or where a validator lets one through)
they would reach the builder, which expects each keyword's value to have its JSON Schema shape. Each
one becomes a ``schema-invalid`` warning at its pointer and the keyword is removed, so the schema is
built from its other keywords.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostics
from .pointer import join
from .refs import ResolvedSpec, locate
from .sites import ROOT, SCHEMA, walk
from .tolerance import without

__all__ = ["drop_malformed_keywords"]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _is_schema(value: Any) -> bool:
    return isinstance(value, dict | bool)


def _is_type(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, list) and bool(value) and all(isinstance(t, str) for t in value))


_SHAPES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "type": (_is_type, "a type name or a non-empty list of them"),
    "required": (lambda v: isinstance(v, list) and all(isinstance(n, str) for n in v), "a list of names"),
    "enum": (lambda v: isinstance(v, list), "a list"),
    "discriminator": (lambda v: isinstance(v, dict) and isinstance(v.get("propertyName"), str),
                      "an object with a `propertyName`"),
    **dict.fromkeys(["allOf", "anyOf", "oneOf", "prefixItems"], (lambda v: isinstance(v, list), "a list")),
    **dict.fromkeys(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"],
                    (lambda v: isinstance(v, dict), "an object")),
    **dict.fromkeys(["items", "additionalProperties", "unevaluatedProperties", "additionalItems", "unevaluatedItems",
                     "not", "if", "then", "else", "contains", "propertyNames", "contentSchema"],
                    (_is_schema, "a schema")),
    **dict.fromkeys(["nullable", "readOnly", "writeOnly", "uniqueItems"], (lambda v: isinstance(v, bool), "a boolean")),
    **dict.fromkeys(["format", "pattern"], (lambda v: isinstance(v, str), "a string")),
    **dict.fromkeys(["minimum", "maximum", "multipleOf"], (_is_number, "a number")),
    **dict.fromkeys(["exclusiveMinimum", "exclusiveMaximum"], (lambda v: _is_number(v) or isinstance(v, bool),
                                                              "a number (3.1) or a boolean (3.0)")),
    **dict.fromkeys(["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"],
                    (_is_count, "a non-negative integer")),
}  # fmt: skip
# A malformed `type` leaves the value's type a guess: an error, as the validator's verdict is (tolerance.py);
# every other malformed keyword is ignored with a warning.
_FATAL = frozenset({"type"})
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def drop_malformed_keywords(spec: ResolvedSpec, diagnostics: Diagnostics) -> ResolvedSpec:
    """``spec`` without schema keywords whose value has the wrong shape, each reported where it is."""
    drops: list[tuple[str | int, ...]] = []
    for path, node, kind in walk(spec.data, ROOT):
        if kind != SCHEMA:
            continue
        for keyword, value in node.items():
            shape = _SHAPES.get(keyword) if isinstance(keyword, str) else None
            if shape is not None and not shape[0](value):
                drops.append((*path, keyword))
                problem = f"`{keyword}` must be {shape[1]}, not {_kind(value)}"
                _report(spec, diagnostics, (*path, keyword), problem, fatal=keyword in _FATAL)
            elif keyword in _SCHEMA_MAPS and isinstance(value, dict):
                for name, member in value.items():
                    if not _is_schema(member):
                        drops.append((*path, keyword, name))
                        _report(spec, diagnostics, (*path, keyword, name), f"must be a schema, not {_kind(member)}")
    return replace(spec, data=without(spec.data, drops)) if drops else spec


def _report(
    spec: ResolvedSpec, diagnostics: Diagnostics, path: tuple[str | int, ...], problem: str, *, fatal: bool = False
) -> None:
    file, pointer = locate(spec, join("", *path))
    if fatal:
        diagnostics.error("schema-invalid", problem, file=file, pointer=pointer)
    else:
        diagnostics.warning("schema-invalid", f"{problem}; ignored", file=file, pointer=pointer)


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")
