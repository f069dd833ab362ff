"""Factories for IR values in diff tests: short calls with spec-like defaults and pointers filled in."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from specsmith.diff import DiffResult, diff_apis
from specsmith.ir import (
    Api,
    Body,
    Constraints,
    Default,
    Discriminator,
    Enum,
    EnumMember,
    Field,
    Model,
    ModelRef,
    Operation,
    Param,
    Primitive,
    Resource,
    Response,
    Type,
    UnionDef,
)
from specsmith.load.pointer import join

__all__ = [
    "INT",
    "NUM",
    "STR",
    "api",
    "body",
    "constraints",
    "default",
    "diff",
    "enum",
    "field",
    "model",
    "op",
    "param",
    "response",
    "rule_ids",
    "union",
]

STR, INT, NUM = Primitive("string"), Primitive("integer"), Primitive("number")


def field(name: str, type_: Type = STR, *, required: bool = False, **extra: Any) -> Field:
    return Field(
        name=name,
        wire_name=extra.pop("wire", name),
        type=type_,
        required=required,
        pointer="",
        **extra,
    )


def model(name: str, *fields: Field, **extra: Any) -> Model:
    pointer = join("/components/schemas", name)
    placed = tuple(
        replace(f, pointer=f.pointer or join(pointer, "properties", f.wire_name)) for f in fields
    )
    return Model(name=name, module=name.lower(), fields=placed, pointer=pointer, **extra)


def enum(name: str, *values: Any, kind: str = "string") -> Enum:
    members = tuple(EnumMember(str(value).upper(), value) for value in values)
    return Enum(name, name.lower(), members, kind, join("/components/schemas", name))


def union(name: str, *variants: Type, tag: str | None = None, **mapping: str) -> UnionDef:
    discriminator = Discriminator(tag, tuple(sorted(mapping.items()))) if tag else None
    return UnionDef(name, name.lower(), variants, join("/components/schemas", name), discriminator)


def param(
    name: str, location: str = "query", type_: Type = STR, *, required: bool = False, **extra: Any
) -> Param:
    style = extra.pop("style", "simple" if location in ("path", "header") else "form")
    return Param(
        name=name,
        wire_name=extra.pop("wire", name),
        location=location,
        type=type_,
        required=required or location == "path",
        pointer="",
        style=style,
        explode=extra.pop("explode", style == "form"),
        **extra,
    )


def body(
    type_: Type | None = None,
    *fields: Field,
    required: bool = True,
    content_type: str = "application/json",
    kind: str = "json",
) -> Body:
    return Body(content_type, kind, required, "", type_, fields)


def response(
    type_: Type | None = None,
    status: str = "200",
    kind: str = "json",
    content_type: str | None = "application/json",
) -> Response:
    return Response(status, kind, "", content_type if kind != "empty" else None, type_)


def op(method: str, path: str, name: str | None = None, **extra: Any) -> Operation:
    """An operation; ``success`` defaults to a 200 JSON response returning ``ModelRef("Thing")``."""
    pointer = join("/paths", path, method.lower())
    success = extra.pop("success", response(ModelRef("Thing")))
    responses = extra.pop("responses", (success,) if success is not None else ())
    params = tuple(
        replace(p, pointer=join(pointer, "parameters", p.wire_name))
        for p in extra.pop("params", ())
    )
    request = extra.pop("body", None)
    if request is not None:
        request = replace(
            request, pointer=join(pointer, "requestBody", "content", request.content_type)
        )
    return Operation(
        name=name or f"{method.lower()}_thing",
        operation_id=extra.pop("operation_id", name or f"{method.lower()}_thing"),
        method=method,
        path=path,
        pointer=pointer,
        params=params,
        body=request,
        success=_placed(success, pointer),
        responses=tuple(_placed(r, pointer) for r in responses),
        **extra,
    )


def _placed(found: Response | None, pointer: str) -> Any:
    return (
        found if found is None else replace(found, pointer=join(pointer, "responses", found.status))
    )


def _tree(entries: list[tuple[tuple[str, ...], Operation]]) -> Resource:
    def build(chain: tuple[str, ...]) -> Resource:
        depth = len(chain)
        children = sorted(
            {c[: depth + 1] for c, _ in entries if len(c) > depth and c[:depth] == chain}
        )
        return Resource(
            name=chain[-1] if chain else "",
            class_name="".join(part.title() for part in chain) + "Resource",
            module_path=chain,
            operations=tuple(o for c, o in entries if c == chain),
            children=tuple(build(child) for child in children),
        )

    return build(())


def api(*entries: Operation | tuple[tuple[str, ...], Operation], **extra: Any) -> Api:
    """An API of operations (in resource ``things`` unless given as ``(chain, operation)``).

    Models, enums and unions default to one model ``Thing`` with a string ``id``.
    """
    placed = [e if isinstance(e, tuple) else (("things",), e) for e in entries]
    extra.setdefault("models", (model("Thing", field("id", required=True)),))
    extra.setdefault("spec_file", "spec.yaml")
    return Api(title="Test", version="1", spec_sha256="0" * 64, root=_tree(placed), **extra)


def diff(old: Api, new: Api) -> DiffResult:
    return diff_apis(old, new)


def rule_ids(result: DiffResult) -> list[str]:
    return sorted(change.rule_id for change in result.changes)


def constraints(**values: Any) -> Constraints:
    return Constraints(**values)


def default(value: Any) -> Default:
    return Default(value)
