"""Path items → ``ir.Operation``: parameters, request bodies and responses."""

from __future__ import annotations

import re
from typing import Any

from ..ir import AnyValue, Default, Operation, Param
from ..load.pointer import join
from .context import BuildContext
from .media import build_body, encodable_name
from .naming import RESERVED_PARAMETERS, Scope, pascal_case, snake_case
from .objects import constraints_of, examples_of
from .pagination import detect_pagination
from .responses import build_responses
from .schemas import schema_type
from .streaming import stream_kind
from .unsupported import report_operation

__all__ = ["HTTP_METHODS", "build_operation"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_DEFAULT_STYLE = {"path": "simple", "query": "form", "header": "simple", "cookie": "form"}
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


_TEMPLATE = re.compile(r"(?:[^{}]|\{[^{}/]+\})*")  # each {name} closed, not nested, not empty
_PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")


def _path_params(ctx: BuildContext, path: str, declared: list[tuple[dict[str, Any], str]],
                 pointer: str) -> list[tuple[dict[str, Any], str]] | None:  # fmt: skip
    """``declared`` plus a required string parameter for each ``{name}`` of ``path`` nobody declared
    (warned: the method would always fail without it); None when ``path`` is no valid template."""
    path_pointer = pointer.rsplit("/", 1)[0]
    if not _TEMPLATE.fullmatch(path):
        ctx.warn("path-template-invalid", f"path {path!r} has unbalanced, nested or empty braces; "
                 "its operations are skipped", path_pointer)  # fmt: skip
        return None
    names = {raw["name"] for raw, _ in declared if raw["in"] == "path"}
    added = []
    for name in dict.fromkeys(_PLACEHOLDER.findall(path)):
        if name not in names:
            ctx.warn("path-parameter-undeclared", f"path parameter {{{name}}} is not declared; sent as a required "
                     "`str`", pointer)  # fmt: skip
            added.append(({"name": name, "in": "path", "required": True, "schema": {"type": "string"}}, pointer))
    return added + declared


def _raw_params(ctx: BuildContext, path_item: dict[str, Any], op: dict[str, Any], pointer: str) -> list[tuple[dict[str, Any], str]]:
    """Path-level parameters overridden by operation-level ones with the same (name, in)."""
    found: dict[tuple[str, str], tuple[dict[str, Any], str]] = {}
    path_pointer = pointer.rsplit("/", 1)[0]
    for owner, where in ((path_item, path_pointer), (op, pointer)):
        listed = owner.get("parameters")
        if listed is not None and not isinstance(listed, list):
            ctx.warn_once("operation-invalid", "`parameters` is not a list; ignored", join(where, "parameters"))
        for index, raw in enumerate(listed if isinstance(listed, list) else ()):
            param, at = ctx.deref(raw, join(where, "parameters", index))
            if isinstance(param, dict) and isinstance(param.get("name"), str) and param.get("in") in _DEFAULT_STYLE:
                found[(param["name"], param["in"])] = (param, at)
    order = {"path": 0, "query": 1, "header": 2, "cookie": 3}
    return sorted(found.values(), key=lambda item: order[item[0]["in"]])


def _param(ctx: BuildContext, raw: dict[str, Any], pointer: str, name: str, hint: str) -> Param:
    location = raw["in"]
    schema = raw.get("schema")
    content_type = None
    if schema is None and isinstance(raw.get("content"), dict) and raw["content"]:
        content_type, media = next(iter(raw["content"].items()))
        schema = media.get("schema") if isinstance(media, dict) else None
        pointer_schema = join(pointer, "content", content_type, "schema")
    else:
        pointer_schema = join(pointer, "schema")
    type_ = schema_type(ctx, schema, pointer_schema, hint) if schema is not None else AnyValue()
    style = str(raw["style"]) if isinstance(raw.get("style"), str) else _DEFAULT_STYLE[location]
    explode = raw.get("explode")
    info = schema if isinstance(schema, dict) else {}
    return Param(
        name=name,
        wire_name=raw["name"],
        location=location,
        type=type_,
        required=location == "path" or raw.get("required") is True,
        pointer=pointer,
        style=style,
        explode=explode if isinstance(explode, bool) else style == "form",
        allow_reserved=raw.get("allowReserved") is True,
        content_type=content_type,
        default=Default(info["default"]) if "default" in info else None,
        description=_text(raw.get("description")) or _text(info.get("description")),
        deprecated=raw.get("deprecated") is True,
        examples=examples_of(raw) or examples_of(info),
        constraints=constraints_of(info, ctx),
    )


def build_operation(
    ctx: BuildContext,
    path: str,
    method: str,
    path_item: dict[str, Any],
    *,
    pointer: str,
    method_name: str,
    credential_headers: frozenset[str],
    paging: dict[str, Any] | None = None,
    resource: tuple[str, ...] = (),
) -> Operation | None:
    """One operation; ``credential_headers`` (lower-case) are sent by the client's auth, not as arguments."""
    op = path_item[method]
    if not isinstance(op, dict):
        ctx.warn("operation-invalid", "operation is not an object; skipped", pointer)
        return None
    report_operation(ctx, op, pointer)
    hint = pascal_case(method_name)
    scope = Scope(reserved=RESERVED_PARAMETERS)
    params: list[Param] = []
    raw_params = _path_params(ctx, path, _raw_params(ctx, path_item, op, pointer), pointer)
    if raw_params is None:
        return None
    for raw, at in raw_params:
        if raw["in"] != "path" and not encodable_name(ctx, raw["name"], at):  # a path sends only the value
            continue
        lowered = raw["name"].lower()
        if raw["in"] == "header" and (lowered in credential_headers or lowered in _IGNORED_HEADERS):
            continue
        name, collided = scope.claim(snake_case(raw["name"], fallback="param"))
        if collided:
            ctx.warn("name-collision", f"parameter {raw['name']!r} is named {name!r} in Python", at)
        params.append(_param(ctx, raw, at, name, f"{hint}{pascal_case(raw['name'])}"))
    _own_body_schema(ctx, op, hint, resource)
    bodies = build_body(ctx, op, pointer, hint, scope)
    success, responses = build_responses(ctx, op, pointer, hint)
    security = op.get("security")
    operation_id = op.get("operationId") if isinstance(op.get("operationId"), str) else None
    setting = _setting(paging or {}, operation_id, method, path)
    pagination = detect_pagination(ctx, op, tuple(params), success, pointer=pointer, setting=setting)
    if pagination is not None:
        what = f"{pagination.kind} via {pagination.param}" if pagination.param else pagination.kind
        ctx.diagnostics.info("pagination-detected", f"{method.upper()} {path} pages ({what}, {pagination.source}); "
                             "the method returns a pager", **ctx.where(pointer))  # fmt: skip
    return Operation(
        name=method_name,
        operation_id=operation_id,
        method=method.upper(),
        path=path,
        pointer=pointer,
        params=tuple(params),
        body=bodies[0] if bodies else None,
        other_bodies=tuple(bodies[1:]),
        success=success,
        responses=responses,
        summary=_text(op.get("summary")),
        description=_text(op.get("description")),
        deprecated=op.get("deprecated") is True,
        security=_security(security) if isinstance(security, list) else None,
        tags=tuple(t for t in _list(op.get("tags")) if isinstance(t, str)),
        callbacks=tuple(sorted(map(str, callbacks))) if isinstance(callbacks := op.get("callbacks"), dict) else (),
        stream=stream_kind(ctx, op, success, pointer),
        pagination=pagination,
    )


def _own_body_schema(ctx: BuildContext, op: dict[str, Any], hint: str, resource: tuple[str, ...]) -> None:
    """Inline types inside a FastAPI-style ``Body_<function>_<path>_<verb>`` request schema are named after
    the method and the field (``ComposeDetailedStreamCompositionPlan``), not the long schema name."""
    body, _ = ctx.deref(op.get("requestBody"), "")
    content = body.get("content") if isinstance(body, dict) else None
    for media in content.values() if isinstance(content, dict) else ():
        ref = media.get("schema", {}).get("$ref") if isinstance(media, dict) and isinstance(media.get("schema"), dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/components/schemas/Body_"):
            continue
        target = ref[1:]
        if target in ctx.inline_owners:
            continue
        owner = hint if hint not in ctx.inline_owners.values() else "".join(pascal_case(p) for p in resource) + hint
        ctx.inline_owners[target] = owner


def _setting(paging: dict[str, Any], operation_id: str | None, method: str, path: str) -> Any:
    """The config's pagination entry for an operation (by operationId or "METHOD /path"), else None."""
    for key in (operation_id, f"{method.upper()} {path}"):
        if key is not None and key in paging:
            return paging[key]
    return None


def _security(requirements: list[Any]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(sorted(r)) for r in requirements if isinstance(r, dict))
