"""Named definitions no operation reaches: their classes are still public API of the generated package.

A model, enum or union that no operation uses on one side (or both) is not met while comparing
operations, so it is compared here by name, as something the user may build and send (the request
direction: a removed field or member, a new required field, a narrower type break the code that builds
it); whatever breaks is a source break, since no call sends or receives it. ``used_in`` lists the models
and unions that contain it. A definition that disappears (and was not
renamed) is ``type-removed``; one that appears, ``type-added``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from ..ir import Api, EnumRef, Model, ModelRef, UnionDef, UnionRef
from .compare_named import compare_enum, compare_model, compare_union
from .context import Context, Site
from .usage import ClientMethod, contained_types, use_sites

__all__ = ["compare_unused"]

_DIRECTION = "request"


def _used(api: Api, methods: list[ClientMethod]) -> set[str]:
    """Names operations reach, and the models whose properties a call takes as flattened arguments (their
    fields were compared as the call's arguments already)."""
    flattened = {
        field.pointer
        for method in methods
        for body in (method.operation.body, *method.operation.other_bodies)
        if body is not None
        for field in body.fields
    }
    bodies = {m.name for m in api.models if any(f.pointer in flattened for f in m.fields)}
    return {name for name, _ in use_sites(api, methods)} | bodies


def _containers(api: Api) -> dict[str, set[str]]:
    """Named type → the labels of the models and unions that contain it, directly or not."""
    parents: dict[str, set[str]] = {}
    owners: list[tuple[str, str, Model | UnionDef]] = [
        (f"model `{m.name}`", m.name, m) for m in api.models
    ]
    owners += [(f"union `{u.name}`", u.name, u) for u in api.unions]
    for label, name, definition in owners:
        for child in contained_types(definition):
            if isinstance(child, ModelRef | EnumRef | UnionRef) and child.name != name:
                parents.setdefault(child.name, set()).add(label)
    labels_by_name = {label.split("`")[1]: label for label, _, _ in owners}
    found: dict[str, set[str]] = {}
    for name, direct in parents.items():
        seen: set[str] = set()
        stack = list(direct)
        while stack:
            label = stack.pop()
            if label in seen:
                continue
            seen.add(label)
            stack.extend(parents.get(label.split("`")[1], ()))
        seen.discard(labels_by_name.get(name, ""))
        found[name] = seen
    return found


def _kinds(api: Api) -> Mapping[str, tuple[str, str]]:
    """Name → (kind word, pointer) of every named definition."""
    found = {m.name: ("schema", m.pointer) for m in api.models}
    found.update((e.name, ("enum", e.pointer)) for e in api.enums)
    found.update((u.name, ("union", u.pointer)) for u in api.unions)
    return found


def compare_unused(context: Context) -> None:
    """Compare, by name, the definitions that some side's operations do not reach."""
    old_api, new_api = context.old.api, context.new.api
    old_used = _used(old_api, context.old.methods)
    new_used = _used(new_api, context.new.methods)
    old_kinds, new_kinds = _kinds(old_api), _kinds(new_api)
    containers = _containers(new_api)
    compared = context.compared_names()
    common = sorted(old_kinds.keys() & new_kinds.keys())
    unused = [
        name
        for name in common
        if (name not in old_used or name not in new_used) and name not in compared
    ]
    for name in unused:
        context.add_usage(name, _DIRECTION, tuple(sorted(containers.get(name, ()))))
    context.close_compared(
        _DIRECTION
    )  # what operations reached is reported once, in their direction
    first = len(context.changes)
    for name in unused:
        if old_kinds[name][0] != new_kinds[name][0]:
            continue  # a model became an enum: the uses that reach it say how
        compare = {"schema": compare_model, "enum": compare_enum, "union": compare_union}
        compare[new_kinds[name][0]](context, name, name, _DIRECTION)
    # nothing sends or receives these: what breaks is code that builds or names them
    context.changes[first:] = [
        replace(change, kind="source") if change.kind else change
        for change in context.changes[first:]
    ]
    for name in sorted(old_kinds.keys() - new_kinds.keys()):
        if name not in old_used and not context.was_renamed(name):
            kind, pointer = old_kinds[name]
            site = Site("", "", "", old_pointer=pointer)
            context.emit("type-removed", site, kind=kind, name=name)
    for name in sorted(new_kinds.keys() - old_kinds.keys()):
        if name not in new_used and name not in compared:
            kind, pointer = new_kinds[name]
            site = Site(
                "", "", "", new_pointer=pointer, used_in=tuple(sorted(containers.get(name, ())))
            )
            context.emit("type-added", site, kind=kind, name=name)
