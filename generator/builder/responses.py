"""Responses: the one a method returns, error models by status, and declared response headers."""

from __future__ import annotations

from typing import Any

from ..ir import AnyValue, Field, Response
from ..load.pointer import join
from .context import BuildContext
from .naming import Scope, pascal_case, snake_case
from .objects import examples_of
from .schemas import schema_type
from .streaming import STREAM_MEDIA, media_base
from .unsupported import report_response, report_stream

__all__ = ["build_responses", "is_json", "response_kind"]

_KIND_ORDER = {"json": 0, "binary": 1, "text": 2, "stream": 3}


def is_json(media: str) -> bool:
    base = media.split(";", 1)[0].strip().lower()
    return base in ("application/json", "text/json", "*/*") or base.endswith("+json")


def response_kind(media: str) -> str:
    """"json", "stream" (server-sent events), "text" or "binary" for a response content type."""
    base = media.split(";", 1)[0].strip().lower()
    if is_json(base):
        return "json"
    if base == "text/event-stream":
        return "stream"
    if base.startswith("text/") or base in ("application/xml", "application/yaml"):
        return "text"
    return "binary"


def build_responses(
    ctx: BuildContext, op: dict[str, Any], pointer: str, hint: str
) -> tuple[Response | None, tuple[Response, ...]]:
    """All declared responses and the one the method returns (lowest 2xx, else ``default``)."""
    raw_responses = op.get("responses")
    if not isinstance(raw_responses, dict):
        return None, ()
    responses = []
    for status, raw in raw_responses.items():
        response, at = ctx.deref(raw, join(pointer, "responses", str(status)))
        if isinstance(response, dict):
            responses.append(_response(ctx, str(status), response, at, hint))
    successes = sorted((r for r in responses if r.status.startswith("2")), key=lambda r: r.status)
    success = successes[0] if successes else next((r for r in responses if r.status == "default"), None)
    return success, tuple(sorted(responses, key=lambda r: r.status))


def _response(ctx: BuildContext, status: str, raw: dict[str, Any], pointer: str, hint: str) -> Response:
    report_response(ctx, raw, pointer)
    description = raw.get("description") if isinstance(raw.get("description"), str) else None
    headers = _headers(ctx, raw, pointer, hint)
    content = raw.get("content")
    if not isinstance(content, dict) or not content:
        return Response(status, "empty", pointer, description=description, headers=headers)
    media, spec = min(content.items(), key=lambda item: _KIND_ORDER[response_kind(item[0])])
    for other in content:
        if response_kind(other) == "stream" and status.startswith("2") and other != media:
            report_stream(ctx, join(pointer, "content", other), instead=media)
    kind = response_kind(media)
    where = join(pointer, "content", media)
    type_ = None
    schema = spec.get("schema") if isinstance(spec, dict) else None
    if kind == "json" or (media_base(media) in STREAM_MEDIA and schema is not None):
        suffix = "Response" if status.startswith("2") else f"Error{pascal_case(status)}"
        type_ = schema_type(ctx, schema, join(where, "schema"), f"{hint}{suffix}")
    media_types = tuple(str(key) for key in content)
    return Response(status, kind, pointer, media, type_, description, headers, media_types)


def _headers(ctx: BuildContext, raw: dict[str, Any], pointer: str, hint: str) -> tuple[Field, ...]:
    """Declared response headers (``Content-Type`` is ignored, as OpenAPI says)."""
    declared = raw.get("headers")
    if not isinstance(declared, dict):
        return ()
    scope = Scope()
    fields = []
    for wire_name, raw_header in sorted(declared.items()):
        if not isinstance(wire_name, str) or wire_name.lower() == "content-type":
            continue
        header, at = ctx.deref(raw_header, join(pointer, "headers", wire_name))
        if not isinstance(header, dict):
            continue
        schema, schema_at = header.get("schema"), join(at, "schema")
        if schema is None and isinstance(header.get("content"), dict) and header["content"]:
            media, spec = next(iter(header["content"].items()))
            schema, schema_at = (spec or {}).get("schema"), join(at, "content", media, "schema")
        type_ = schema_type(ctx, schema, schema_at, f"{hint}{pascal_case(wire_name)}Header") if schema else AnyValue()
        name, _ = scope.claim(snake_case(wire_name, fallback="header"))
        description = header.get("description")
        fields.append(Field(
            name=name, wire_name=wire_name, type=type_, required=header.get("required") is True, pointer=at,
            description=description if isinstance(description, str) and description.strip() else None,
            deprecated=header.get("deprecated") is True, examples=examples_of(header),
        ))  # fmt: skip
    return tuple(fields)
