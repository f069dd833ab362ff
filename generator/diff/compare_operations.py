"""Compare two matched operations: identity, parameters, request bodies and responses."""

from __future__ import annotations

import re

from ..ir import Body, Field, ModelRef
from .compare_named import compare_fields
from .compare_params import compare_params
from .compare_responses import compare_callbacks, compare_responses
from .compare_responses import media as media_type
from .compare_types import compare_type
from .context import Context, Site
from .typeshape import type_text
from .usage import ClientMethod

__all__ = ["compare_operation", "normalized_path"]


def normalized_path(path: str) -> str:
    """The path with template variables blanked: ``/v1/x/{id}`` and ``/v1/x/{x_id}`` are one path."""
    return re.sub(r"\{[^}/]*\}", "{}", path)


def compare_operation(context: Context, old: ClientMethod, new: ClientMethod) -> None:
    """Everything that differs between two operations matched as "the same" one."""
    site = Site(
        "parameter",
        new.label,
        new.call,
        operation=new.label,
        old_pointer=old.operation.pointer,
        new_pointer=new.operation.pointer,
    )
    _compare_identity(context, old, new, site)
    if new.operation.deprecated and not old.operation.deprecated:
        context.emit("operation-deprecated", site)
    compare_params(context, old, new, site)
    _compare_bodies(context, old, new, site)
    compare_responses(context, old, new, site)
    compare_callbacks(context, old, new, site)


def _compare_identity(context: Context, old: ClientMethod, new: ClientMethod, site: Site) -> None:
    before, after = old.operation, new.operation
    if before.method != after.method:
        context.emit("operation-method-changed", site, old=old.label, new=new.label)
    if normalized_path(before.path) != normalized_path(after.path):
        context.emit("operation-path-changed", site, old=old.label, new=new.label)
    if before.operation_id != after.operation_id:
        ids = {"old": before.operation_id or "none", "new": after.operation_id or "none"}
        context.emit("operation-id-changed", site, **ids)
    if old.path != new.path:
        context.emit("method-renamed", site, old=old.call, new=new.call)


def _bodies(method: ClientMethod) -> dict[str, Body]:
    operation = method.operation
    found = [body for body in (operation.body, *operation.other_bodies) if body is not None]
    return {media_type(body.content_type): body for body in found}


def _compare_bodies(context: Context, old: ClientMethod, new: ClientMethod, site: Site) -> None:
    old_body, new_body = old.operation.body, new.operation.body
    if old_body is None and new_body is None:
        return
    if old_body is None or new_body is None:
        if new_body is None:
            context.emit("request-body-removed", site)
        else:
            required = "required" if new_body.required else "optional"
            context.emit(f"request-body-added-{required}", site, new_pointer=new_body.pointer)
        return
    if old_body.required != new_body.required:
        state = "required" if new_body.required else "optional"
        context.emit(f"request-body-became-{state}", site, new_pointer=new_body.pointer)
    old_by, new_by = _bodies(old), _bodies(new)
    for media in sorted(old_by.keys() - new_by.keys()):
        context.emit(
            "request-content-type-removed",
            site,
            content_type=media,
            old_pointer=old_by[media].pointer,
        )
    for media in sorted(new_by.keys() - old_by.keys()):
        context.emit(
            "request-content-type-added",
            site,
            content_type=media,
            new_pointer=new_by[media].pointer,
        )
    for media in sorted(old_by.keys() & new_by.keys()):
        _compare_body(context, old_by[media], new_by[media], new, site)


def _shape_text(body: Body) -> str:
    if body.fields:
        return "keyword arguments"
    return f"`body: {type_text(body.type)}`" if body.type is not None else "raw content"


def _compare_body(context: Context, old: Body, new: Body, method: ClientMethod, site: Site) -> None:
    where = f"{site.where} request body"
    if old.fields or new.fields:
        fields_site = Site(
            "request-property",
            where,
            method.call,
            site.operation,
            old.pointer,
            new.pointer,
            member_format=f"{method.call}: argument `{{name}}`",
        )
        old_fields, new_fields = (
            _fields_of(context, old, is_old=True),
            _fields_of(context, new, is_old=False),
        )
        if bool(old.fields) != bool(new.fields):
            context.emit(
                "request-body-flattening-changed",
                fields_site,
                content_type=media_type(new.content_type),
                old=_shape_text(old),
                new=_shape_text(new),
            )
        compare_fields(context, old_fields, new_fields, fields_site)
    elif old.type is not None and new.type is not None:
        body_site = Site(
            "request-body",
            where,
            f"{method.call}: argument `body`",
            site.operation,
            old.pointer,
            new.pointer,
        )
        compare_type(context, old.type, new.type, body_site)


def _fields_of(context: Context, body: Body, *, is_old: bool) -> tuple[Field, ...]:
    """The body's fields, or those of the model it is when it is passed whole."""
    if body.fields or not isinstance(body.type, ModelRef):
        return body.fields
    model = (context.old if is_old else context.new).models.get(body.type.name)
    return model.fields if model is not None else ()
