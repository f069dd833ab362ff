"""Request bodies: content types → body kinds, flattened fields, multipart encodings.

Every declared content type becomes a ``Body``; the preferred one (JSON, then multipart, form, binary,
text) is the operation's ``body`` and the rest are ``other_bodies``, each with its own argument list.
"""

from __future__ import annotations

from typing import Any

from ..ir import Body, Field, Model, ModelRef, Primitive, Type
from ..load.pointer import join, parse
from .allof import merge_with_origins
from .context import BuildContext
from .naming import RESERVED_PARAMETERS, Scope, pascal_case
from .objects import build_fields
from .responses import is_json
from .schemas import schema_type

__all__ = ["body_kind", "build_body", "encodable_name"]

_BODY_ORDER = {"json": 0, "multipart": 1, "form": 2, "binary": 3, "text": 4}


def body_kind(media: str) -> str:
    """"json", "multipart", "form", "text" or "binary" for a request content type."""
    base = media.split(";", 1)[0].strip().lower()
    if is_json(base):
        return "json"
    if base.startswith("multipart/"):
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/"):
        return "text"
    return "binary"


def _form_fields(
    ctx: BuildContext, schema: Any, pointer: str, hint: str, *, reserved: frozenset[str]
) -> tuple[Field, ...]:
    """The fields of the object schema behind a form body (refs followed, allOf merged)."""
    owner = f"{hint}Request"
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        found = ctx.lookup(schema["$ref"])
        owner = (ctx.inline_owners.get(found[1]) if found else None) or pascal_case(parse(schema["$ref"])[-1])
    schema, pointer = ctx.deref(schema, pointer)
    origins: dict[str, str] = {}
    if isinstance(schema, dict) and "allOf" in schema:
        schema, origins = merge_with_origins(ctx, schema, pointer)
    obj = schema if isinstance(schema, dict) else {}
    return build_fields(ctx, obj, pointer, owner, reserved=reserved, origins=origins)


def encodable_name(ctx: BuildContext, name: str, pointer: str) -> bool:
    """Whether a form field or parameter name can go on the wire (UTF-8); warned when it cannot."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        ctx.warn("name-unencodable", f"{name!r} holds a lone surrogate, which no request can carry "
                 "(not valid UTF-8); it is left out of the generated method", pointer)  # fmt: skip
        return False
    return True


def _claim_fields(scope: Scope, fields: tuple[Field, ...]) -> tuple[Field, ...]:
    kept = tuple(f for f in fields if not f.read_only)
    for field in kept:
        scope.taken.add(field.name)
    return kept


def build_body(ctx: BuildContext, op: dict[str, Any], pointer: str, hint: str, scope: Scope) -> list[Body]:
    """Every request content type as a ``Body``, the preferred one first.

    ``scope`` holds the operation's parameter names; the preferred body's fields are claimed in it, and
    each alternative body gets its own copy (it becomes a method of its own).
    """
    if "requestBody" not in op:
        return []
    raw, at = ctx.deref(op["requestBody"], join(pointer, "requestBody"))
    content = raw.get("content") if isinstance(raw, dict) else None
    if not isinstance(content, dict) or not content:
        return []
    required = raw.get("required") is True
    description = raw.get("description") if isinstance(raw.get("description"), str) else None
    ordered = sorted(content.items(), key=lambda item: _BODY_ORDER[body_kind(item[0])])
    params = Scope(reserved=scope.reserved, taken=set(scope.taken))
    bodies = []
    for index, (media, spec) in enumerate(ordered):
        own = scope if index == 0 else Scope(reserved=params.reserved, taken=set(params.taken))
        body = _body(ctx, media, spec if isinstance(spec, dict) else {}, join(at, "content", media), hint=hint,
                     scope=own)  # fmt: skip
        bodies.append(Body(body.content_type, body.kind, required, body.pointer, body.type, body.fields,
                           body.encodings, description, body.styles))  # fmt: skip
    return bodies


def _body(ctx: BuildContext, media: str, spec: dict[str, Any], where: str, *, hint: str, scope: Scope) -> Body:
    kind = body_kind(media)
    schema = spec.get("schema")
    if kind in ("multipart", "form"):
        taken = RESERVED_PARAMETERS | frozenset(scope.taken) | {"body"}
        fields = _form_fields(ctx, schema, join(where, "schema"), hint, reserved=taken)
        encoding: dict[str, Any] = spec["encoding"] if isinstance(spec.get("encoding"), dict) else {}
        encodings = tuple(sorted((k, v["contentType"]) for k, v in encoding.items()
                                 if isinstance(v, dict) and isinstance(v.get("contentType"), str)))  # fmt: skip
        styles = tuple(sorted((k, v["style"]) for k, v in encoding.items()
                              if isinstance(v, dict) and isinstance(v.get("style"), str)))  # fmt: skip
        fields = tuple(f for f in fields if encodable_name(ctx, f.wire_name, f.pointer))
        return Body(media, kind, False, where, None, _claim_fields(scope, fields), encodings, styles=styles)
    type_ = _body_type(ctx, kind, schema, join(where, "schema"), hint)
    fields = _flattened(ctx, type_, scope) if kind == "json" else ()
    return Body(media, kind, False, where, type_, fields)


def _body_type(ctx: BuildContext, kind: str, schema: Any, pointer: str, hint: str) -> Type:
    if kind == "json":
        return schema_type(ctx, schema, pointer, f"{hint}Request")
    if kind == "text":
        return Primitive("string")
    return Primitive("string", "binary")


def _flattened(ctx: BuildContext, type_: Type, scope: Scope) -> tuple[Field, ...]:
    """A JSON object body's properties as keyword arguments, when none clashes with another argument."""
    if not isinstance(type_, ModelRef) or type_.nullable:
        return ()
    model = ctx.definitions.get(type_.name)
    if not isinstance(model, Model) or not model.fields:
        return ()
    fields = tuple(f for f in model.fields if not f.read_only)
    if any(f.name in scope.taken or f.name in RESERVED_PARAMETERS or f.name == "body" for f in fields):
        return ()
    return _claim_fields(scope, fields)
