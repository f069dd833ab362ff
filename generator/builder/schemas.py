"""Schema → IR type.  The one dispatcher: every schema use goes through ``schema_type``.

Named things (component schemas and inline objects, enums and unions) become definitions in the context
and are referenced by name; everything else is an inline type.  Nullability in all its spellings (3.0
``nullable``, 3.1 ``type: [.., "null"]``, ``anyOf: [X, {type: null}]``, ``enum`` with null) is folded into
the ``nullable`` flag of the resulting type.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..ir import AnyValue, ArrayOf, Literal, MapOf, Primitive, PrimitiveKind, TupleOf, Type
from ..load.pointer import join
from .context import BuildContext
from .unsupported import report_unsupported

__all__ = ["classify", "is_null_schema", "schema_type", "split_nullable", "with_nullable"]

_PRIMITIVES: dict[str, PrimitiveKind] = {"string": "string", "integer": "integer", "number": "number",
                                          "boolean": "boolean"}  # fmt: skip
_OBJECT_KEYS = ("properties", "additionalProperties", "patternProperties")


def with_nullable(type_: Type, nullable: bool) -> Type:
    if not nullable or type_.nullable:
        return type_
    return dataclasses.replace(type_, nullable=True)


def is_null_schema(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get("type") == "null" or schema.get("type") == ["null"]:
        return True
    return schema.get("enum") == [None] or ("const" in schema and schema["const"] is None)


def split_nullable(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """Remove every spelling of "or null" from ``schema``; returns (schema without null, nullable)."""
    nullable = schema.get("nullable") is True
    if "nullable" in schema:
        schema = _without(schema, "nullable")
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        rest = [t for t in types if t != "null"]
        schema = {**schema, "type": rest[0] if len(rest) == 1 else rest}
        nullable = True
    if isinstance(schema.get("enum"), list) and None in schema["enum"] and len(schema["enum"]) > 1:
        schema = {**schema, "enum": [v for v in schema["enum"] if v is not None]}
        nullable = True
    for keyword in ("anyOf", "oneOf"):
        variants = schema.get(keyword)
        if isinstance(variants, list) and any(is_null_schema(v) for v in variants):
            rest = [v for v in variants if not is_null_schema(v)]
            nullable = True
            if len(rest) == 1 and not _has_structure(schema, keyword):
                siblings = {k: v for k, v in schema.items() if k != keyword}
                single = rest[0]
                if isinstance(single, dict) and "$ref" not in single:
                    return {**siblings, **single}, nullable
                return {**siblings, "allOf": [single]} if siblings.get("discriminator") else single, nullable
            schema = {**schema, keyword: rest}
    return schema, nullable


def _has_structure(schema: dict[str, Any], besides: str) -> bool:
    keys = ("properties", "allOf", "anyOf", "oneOf", "items", "enum", "const")
    return any(k in schema for k in keys if k != besides)


def classify(ctx: BuildContext, schema: Any, seen: frozenset[int] = frozenset()) -> str:
    """What a schema becomes: "model", "enum", "union", "literal" or "alias" (an inline type).

    ``seen`` holds the schemas already being classified through single-part ``allOf``s (a schema whose
    ``allOf`` names itself is an alias; ``named_type`` then reports the cycle)."""
    if not isinstance(schema, dict) or id(schema) in seen:
        return "alias"
    seen = seen | {id(schema)}
    schema, _ = split_nullable(schema)
    if "$ref" in schema and not _ref_needs_merge(schema):
        return "alias"
    if "const" in schema or (isinstance(schema.get("enum"), list) and len(schema["enum"]) == 1):
        return "literal"
    if isinstance(schema.get("enum"), list) and schema["enum"]:
        return "enum"
    for keyword in ("oneOf", "anyOf"):
        variants = schema.get(keyword)
        if isinstance(variants, list) and len(variants) > 1:
            return "union"
        if isinstance(variants, list) and len(variants) == 1 and "properties" not in schema:
            return classify(ctx, {**_without(schema, keyword), "allOf": variants}, seen)
    if isinstance(schema.get("discriminator"), dict) and "allOf" not in schema:
        from .unions import polymorphic_children

        return "union" if polymorphic_children(ctx, schema) else "model"
    if "allOf" in schema:
        parts = schema["allOf"]
        rest = _without(schema, "allOf", "description", "title", "default", "example", "examples")
        if isinstance(parts, list) and len(parts) == 1 and not rest:
            return classify(ctx, _target(ctx, parts[0]), seen)
        return "model"
    types = schema.get("type")
    if isinstance(types, list) and len(types) > 1:
        return "union"
    if types == "object" or any(k in schema for k in _OBJECT_KEYS):
        return "model" if schema.get("properties") else "alias"
    return "alias"


def _without(schema: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in schema.items() if k not in keys}


def _target(ctx: BuildContext, schema: Any) -> Any:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        found = ctx.lookup(schema["$ref"])
        return found[0] if found else {}
    return schema


_ANNOTATIONS = frozenset(
    {"description", "title", "nullable", "deprecated", "readOnly", "writeOnly", "example", "examples",
     "default", "$comment", "externalDocs", "xml", "discriminator"}
)  # fmt: skip


def _ref_siblings(schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A ``$ref`` whose siblings only restate its type (3.0 ``nullable``, 3.1 ``type: [X, "null"]``)
    is that reference, maybe nullable; ``type`` is dropped so it does not count as structure."""
    nullable = schema.get("nullable") is True
    types = schema.get("type")
    if isinstance(types, list):
        nullable = nullable or "null" in types
    elif types == "null":
        nullable = True
    return _without(schema, "type", "nullable"), nullable


def _single_part(schema: dict[str, Any]) -> tuple[str, Any] | None:
    for keyword in ("allOf", "oneOf", "anyOf"):
        parts = schema.get(keyword)
        if isinstance(parts, list) and len(parts) == 1:
            rest = _without(schema, keyword)
            if not _ref_needs_merge({**rest, "$ref": ""}):
                return keyword, parts[0]
    return None


def _ref_needs_merge(schema: dict[str, Any]) -> bool:
    """A 3.1 ``$ref`` with structural siblings (properties, ...) means allOf of both."""
    return any(k not in _ANNOTATIONS and k != "$ref" and not k.startswith("x-") for k in schema)


def schema_type(ctx: BuildContext, schema: Any, pointer: str, hint: str) -> Type:
    """The IR type of one schema use; ``hint`` names any inline definition it creates."""
    from .definitions import define, named_type

    if schema is True or schema == {} or schema is None:
        return AnyValue()
    if not isinstance(schema, dict):
        ctx.warn("schema-invalid", "schema is not an object; treated as any value", pointer)
        return AnyValue()
    report_unsupported(ctx, schema, pointer)
    if isinstance(schema.get("$ref"), str):
        schema, nullable = _ref_siblings(schema)
        if not _ref_needs_merge(schema):
            return with_nullable(named_type(ctx, schema["$ref"], pointer), nullable)
        schema = {**_without(schema, "$ref"), "allOf": [{"$ref": schema["$ref"]}]}
    plain, nullable = split_nullable(schema)
    single = _single_part(plain)
    if single is not None:  # allOf/oneOf/anyOf of one schema plus annotations: that schema
        keyword, part = single
        return with_nullable(schema_type(ctx, part, join(pointer, keyword, 0), hint), nullable)
    kind = classify(ctx, plain)
    if kind in ("model", "enum", "union"):
        return with_nullable(define(ctx, kind, plain, pointer, hint), nullable)
    if kind == "literal":
        value = plain["const"] if "const" in plain else plain["enum"][0]
        return Literal(value, nullable=nullable)
    return with_nullable(_inline_type(ctx, plain, pointer, hint), nullable)


def _inline_type(ctx: BuildContext, schema: dict[str, Any], pointer: str, hint: str) -> Type:
    if isinstance(schema.get("$ref"), str):
        from .definitions import named_type

        return named_type(ctx, schema["$ref"], pointer)
    if "allOf" in schema:  # a single-part allOf used as an alias
        return schema_type(ctx, schema["allOf"][0], join(pointer, "allOf", 0), hint)
    for keyword in ("oneOf", "anyOf"):
        if isinstance(schema.get(keyword), list) and len(schema[keyword]) == 1:
            return schema_type(ctx, schema[keyword][0], join(pointer, keyword, 0), hint)
        if isinstance(schema.get(keyword), list) and not schema[keyword]:
            return AnyValue()
    kind = schema.get("type")
    if isinstance(kind, list) and len(kind) == 1:  # ["string"]
        kind = kind[0]
    if kind is not None and not isinstance(kind, str):  # reached only without validation
        ctx.error("schema-invalid", "type must be a type name or a list of type names", join(pointer, "type"))
        return AnyValue()
    if kind is None:
        kind = _implied_type(schema)
    if kind == "array":
        return _array_type(ctx, schema, pointer, hint)
    if kind == "object":
        extra = schema.get("additionalProperties", True)
        if extra is True or extra == {} or extra is False:
            return MapOf(AnyValue())
        return MapOf(schema_type(ctx, extra, join(pointer, "additionalProperties"), f"{hint}Value"))
    if kind in _PRIMITIVES:
        return Primitive(_PRIMITIVES[kind], _format(schema))
    if kind == "null":
        return Primitive("null")
    if kind is not None:
        ctx.warn("schema-unsupported", f"unknown type {kind!r}; treated as any value", pointer)
    return AnyValue()


def _format(schema: dict[str, Any]) -> str | None:
    fmt = schema.get("format")
    if schema.get("contentEncoding") == "base64":
        return "byte"
    if fmt is None and schema.get("contentMediaType") == "application/octet-stream":
        return "binary"
    return fmt if isinstance(fmt, str) else None


def _implied_type(schema: dict[str, Any]) -> str | None:
    if "items" in schema or "prefixItems" in schema:
        return "array"
    if any(k in schema for k in _OBJECT_KEYS):
        return "object"
    if "format" in schema or "pattern" in schema or "minLength" in schema:
        return "string"
    return None


def _array_type(ctx: BuildContext, schema: dict[str, Any], pointer: str, hint: str) -> Type:
    prefix = schema.get("prefixItems")
    items = schema.get("items", True)
    if isinstance(prefix, list) and prefix:
        types = tuple(
            schema_type(ctx, s, join(pointer, "prefixItems", i), f"{hint}Item{i}")
            for i, s in enumerate(prefix)
        )
        most = schema.get("maxItems")
        closed = items is False or (isinstance(most, int) and most <= len(prefix))
        rest = None if closed else schema_type(ctx, items, join(pointer, "items"), f"{hint}Item")
        return TupleOf(types, rest)
    if isinstance(items, list):  # draft-4 style tuple in 3.0 documents
        return ArrayOf(AnyValue())
    return ArrayOf(schema_type(ctx, items, join(pointer, "items"), f"{hint}Item"))
