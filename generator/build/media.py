"""Request bodies and responses: content types → body kinds, flattened fields, response types."""

from __future__ import annotations

from typing import Any

from generator.build.context import BuildContext
from generator.build.naming import RESERVED_PARAMETERS, Scope, pascal_case
from generator.build.objects import build_fields
from generator.build.allof import merge_all_of
from generator.build.schemas import schema_type
from generator.ir import Body, Field, Model, ModelRef, Primitive, Response, Type
from generator.load.pointer import join

__all__ = ["body_kind", "build_body", "build_responses", "response_kind"]


def _is_json(media: str) -> bool:
    base = media.split(";")[0].strip().lower()
    return base in ("application/json", "text/json", "*/*") or base.endswith("+json")


def body_kind(media: str) -> str:
    base = media.split(";")[0].strip().lower()
    if _is_json(base):
        return "json"
    if base == "multipart/form-data" or base.startswith("multipart/"):
        return "multipart"
    if base == "application/x-www-form-urlencoded":
        return "form"
    if base.startswith("text/"):
        return "text"
    return "binary"


def response_kind(media: str) -> str:
    base = media.split(";")[0].strip().lower()
    if _is_json(base):
        return "json"
    if base == "text/event-stream":
        return "stream"
    if base.startswith("text/") or base in ("application/xml", "application/yaml"):
        return "text"
    return "binary"


_BODY_ORDER = {"json": 0, "multipart": 1, "form": 2, "binary": 3, "text": 4}


def _object_schema(ctx: BuildContext, schema: Any, pointer: str) -> tuple[dict[str, Any], str, str | None]:
    """The object schema behind a form body (refs followed, allOf merged) and its component name."""
    name = None
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        name = schema["$ref"].rsplit("/", 1)[-1]
    schema, pointer = ctx.deref(schema, pointer)
    if isinstance(schema, dict) and "allOf" in schema:
        schema = merge_all_of(ctx, schema, pointer)
    return (schema if isinstance(schema, dict) else {}), pointer, name


def _claim_fields(scope: Scope, fields: tuple[Field, ...]) -> tuple[Field, ...]:
    kept = tuple(f for f in fields if not f.read_only)
    for field in kept:
        scope.taken.add(field.name)
    return kept


def build_body(ctx: BuildContext, op: dict[str, Any], pointer: str, hint: str, scope: Scope) -> list[Body]:
    """Every request content type as a ``Body``, the preferred one (JSON, multipart, form, ...) first."""
    if "requestBody" not in op:
        return []
    raw, at = ctx.deref(op["requestBody"], join(pointer, "requestBody"))
    content = raw.get("content") if isinstance(raw, dict) else None
    if not isinstance(content, dict) or not content:
        return []
    required = raw.get("required") is True
    description = raw.get("description") if isinstance(raw.get("description"), str) else None
    ordered = sorted(content.items(), key=lambda item: _BODY_ORDER[body_kind(item[0])])
    bodies = []
    for index, (media, spec) in enumerate(ordered):
        where = join(at, "content", media)
        spec = spec if isinstance(spec, dict) else {}
        kind = body_kind(media)
        schema = spec.get("schema")
        if kind in ("multipart", "form"):
            obj, obj_at, name = _object_schema(ctx, schema, join(where, "schema"))
            owner = pascal_case(name) if name else f"{hint}Request"
            taken = RESERVED_PARAMETERS | frozenset(scope.taken) | {"body"}
            fields = build_fields(ctx, obj, obj_at, owner, taken) if index == 0 else ()
            encoding = spec.get("encoding") if isinstance(spec.get("encoding"), dict) else {}
            encodings = tuple(sorted((k, v["contentType"]) for k, v in encoding.items()
                                     if isinstance(v, dict) and isinstance(v.get("contentType"), str)))  # fmt: skip
            bodies.append(Body(media, kind, required, where, None, _claim_fields(scope, fields), encodings, description))
            continue
        type_ = _body_type(ctx, kind, schema, join(where, "schema"), hint)
        fields = _flattened(ctx, type_, scope) if index == 0 and kind == "json" else ()
        bodies.append(Body(media, kind, required, where, type_, fields, (), description))
    return bodies


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


def build_responses(
    ctx: BuildContext, op: dict[str, Any], pointer: str, hint: str
) -> tuple[Response | None, tuple[Response, ...]]:
    """All declared responses and the one the method returns (lowest 2xx, else ``default``)."""
    raw_responses = op.get("responses")
    if not isinstance(raw_responses, dict):
        return None, ()
    responses = []
    for status, raw in raw_responses.items():
        status = str(status)
        response, at = ctx.deref(raw, join(pointer, "responses", status))
        if isinstance(response, dict):
            responses.append(_response(ctx, status, response, at, hint))
    successes = sorted((r for r in responses if r.status.startswith("2")), key=lambda r: r.status)
    success = successes[0] if successes else next((r for r in responses if r.status == "default"), None)
    return success, tuple(sorted(responses, key=lambda r: r.status))


def _response(ctx: BuildContext, status: str, raw: dict[str, Any], pointer: str, hint: str) -> Response:
    description = raw.get("description") if isinstance(raw.get("description"), str) else None
    content = raw.get("content")
    if not isinstance(content, dict) or not content:
        return Response(status, "empty", pointer, description=description)
    media, spec = min(content.items(), key=lambda item: {"json": 0, "binary": 1, "text": 2, "stream": 3}[response_kind(item[0])])
    kind = response_kind(media)
    where = join(pointer, "content", media)
    type_ = None
    schema = spec.get("schema") if isinstance(spec, dict) else None
    if kind == "json":
        suffix = "Response" if status.startswith("2") else f"Error{pascal_case(status)}"
        type_ = schema_type(ctx, schema, join(where, "schema"), f"{hint}{suffix}")
    return Response(status, kind, pointer, media, type_, description)
