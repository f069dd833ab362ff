"""Compare what two matched operations return: the success response (kind, media types, body type, headers),
the other declared statuses, and the callbacks they declare."""

from __future__ import annotations

from ..ir import Field, Response
from .compare_types import compare_type
from .context import Context, Site
from .typeshape import type_text
from .usage import ClientMethod

__all__ = ["compare_callbacks", "compare_responses", "media"]


def media(content_type: str | None) -> str:
    """The media type without parameters, lower-case (``application/json; charset=utf-8`` → ``application/json``)."""
    return (content_type or "").split(";")[0].strip().lower()


def _media_types(response: Response) -> frozenset[str]:
    return frozenset(map(media, response.media_types or (response.content_type,)))


def compare_responses(context: Context, old: ClientMethod, new: ClientMethod, site: Site) -> None:
    before, after = old.operation.success, new.operation.success
    if before is not None and after is not None:
        _compare_success(context, before, after, new, site)
    elif before is not None and before.kind != "empty":
        context.emit("response-body-removed", site, old=_response_text(before))
    elif after is not None and after.kind != "empty":
        context.emit("response-body-added", site, new=_response_text(after))
    returned = {response.status for response in (before, after) if response is not None}
    old_statuses = {r.status for r in old.operation.responses} - returned
    new_statuses = {r.status for r in new.operation.responses} - returned
    for status in sorted(old_statuses - new_statuses):
        family = "success" if status.startswith("2") else "error"
        context.emit(f"response-{family}-status-removed", site, status=status)
    for status in sorted(new_statuses - old_statuses):
        family = "success" if status.startswith("2") else "error"
        context.emit(f"response-{family}-status-added", site, status=status)


def _response_text(response: Response) -> str:
    if response.type is not None:
        return type_text(response.type)
    return (
        response.kind
        if response.content_type is None
        else f"{response.kind} ({response.content_type})"
    )


def _compare_success(
    context: Context, old: Response, new: Response, method: ClientMethod, site: Site
) -> None:
    pointers = {"old_pointer": old.pointer, "new_pointer": new.pointer}
    if old.status != new.status:
        context.emit(
            "response-success-status-changed", site, old=old.status, new=new.status, **pointers
        )
    if old.kind != new.kind:
        if new.kind == "empty":
            context.emit("response-body-removed", site, old=_response_text(old), **pointers)
        elif old.kind == "empty":
            context.emit("response-body-added", site, new=_response_text(new), **pointers)
        else:
            context.emit(
                "response-kind-changed",
                site,
                old=_response_text(old),
                new=_response_text(new),
                **pointers,
            )
        return
    old_media, new_media = _media_types(old), _media_types(new)
    if media(old.content_type) != media(new.content_type) and old_media != new_media:
        context.emit(
            "response-content-type-changed",
            site,
            old=old.content_type or "none",
            new=new.content_type or "none",
            **pointers,
        )
    _compare_headers(context, old.headers, new.headers, site, new.status)
    if old.type is not None and new.type is not None:
        body_site = Site(
            "response-body",
            f"{site.where} response {new.status}",
            f"{method.call} return value",
            site.operation,
            old.pointer,
            new.pointer,
        )
        compare_type(context, old.type, new.type, body_site)


def _compare_headers(
    context: Context, old: tuple[Field, ...], new: tuple[Field, ...], site: Site, status: str
) -> None:
    """Response headers of the returned response (listed in the method's docstring), by lower-case name."""
    old_by = {header.wire_name.lower(): header for header in old}
    new_by = {header.wire_name.lower(): header for header in new}
    for key in sorted(old_by.keys() - new_by.keys()):
        header = old_by[key]
        context.emit(
            "response-header-removed", site, wire=header.wire_name, old_pointer=header.pointer
        )
    for key in sorted(new_by.keys() - old_by.keys()):
        header = new_by[key]
        context.emit(
            "response-header-added", site, wire=header.wire_name, new_pointer=header.pointer
        )
    for key in sorted(old_by.keys() & new_by.keys()):
        before, after = old_by[key], new_by[key]
        pointers = {"old_pointer": before.pointer, "new_pointer": after.pointer}
        if before.required and not after.required:
            context.emit("response-header-became-optional", site, wire=after.wire_name, **pointers)
        inner = Site(
            "response-property",
            f"{site.where} response {status} header `{after.wire_name}`",
            f"{site.subject}: response header `{after.wire_name}`",
            site.operation,
            before.pointer,
            after.pointer,
        )
        compare_type(context, before.type, after.type, inner, check_nullability=False)


def compare_callbacks(context: Context, old: ClientMethod, new: ClientMethod, site: Site) -> None:
    """Callbacks get no client code; their names are compared so that a receiving server can follow."""
    before, after = set(old.operation.callbacks), set(new.operation.callbacks)
    for name in sorted(before - after):
        context.emit("callback-removed", site, name=name)
    for name in sorted(after - before):
        context.emit("callback-added", site, name=name)
