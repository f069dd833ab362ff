"""Compare the parameters of two matched operations: added, removed, renamed, moved and changed ones."""

from __future__ import annotations

import re

from ..ir import Param
from .compare_types import compare_type
from .compare_values import compare_constraints, compare_default
from .context import Context, Site
from .typeshape import type_text
from .usage import ClientMethod

__all__ = ["compare_params"]


def _key(param: Param) -> tuple[str, str]:
    wire = param.wire_name.lower() if param.location == "header" else param.wire_name
    return param.location, wire


def _take(params: list[Param], param: Param) -> Param:
    params.remove(param)
    return param


def _pair_moved(removed: list[Param], added: list[Param]) -> list[tuple[Param, Param]]:
    """Same wire name, another ``in``."""
    pairs = []
    for old in list(removed):
        match = next((new for new in added if new.wire_name.lower() == old.wire_name.lower()), None)
        if match is not None:
            pairs.append((_take(removed, old), _take(added, match)))
    return pairs


def _pair_path(
    removed: list[Param], added: list[Param], old_path: str, new_path: str
) -> list[tuple[Param, Param]]:
    """Path variables renamed at the same position of the template."""
    old_names = re.findall(r"\{([^}/]*)\}", old_path)
    new_names = re.findall(r"\{([^}/]*)\}", new_path)
    if len(old_names) != len(new_names):
        return []
    pairs = []
    for before, after in zip(old_names, new_names, strict=True):
        old = next((p for p in removed if p.location == "path" and p.wire_name == before), None)
        new = next((p for p in added if p.location == "path" and p.wire_name == after), None)
        if old is not None and new is not None:
            pairs.append((_take(removed, old), _take(added, new)))
    return pairs


def _pair_renamed(removed: list[Param], added: list[Param]) -> list[tuple[Param, Param]]:
    """The only removed and the only added parameter of one ``in``, of the same type."""
    pairs = []
    for location in sorted({param.location for param in removed}):
        olds = [p for p in removed if p.location == location]
        news = [p for p in added if p.location == location]
        if len(olds) == 1 == len(news) and type_text(olds[0].type) == type_text(news[0].type):
            pairs.append((_take(removed, olds[0]), _take(added, news[0])))
    return pairs


def compare_params(context: Context, old: ClientMethod, new: ClientMethod, site: Site) -> None:
    """Parameters matched by (in, name), then moved, renamed path variables and renamed ones."""
    old_by = {_key(param): param for param in old.operation.params}
    new_by = {_key(param): param for param in new.operation.params}
    removed = [old_by[key] for key in sorted(old_by.keys() - new_by.keys())]
    added = [new_by[key] for key in sorted(new_by.keys() - old_by.keys())]
    for before, after in _pair_moved(removed, added):
        context.emit(
            "parameter-moved",
            site,
            wire=after.wire_name,
            name=after.name,
            old=before.location,
            new=after.location,
            old_pointer=before.pointer,
            new_pointer=after.pointer,
        )
        _compare_param(context, before, after, site)
    for before, after in _pair_path(removed, added, old.operation.path, new.operation.path):
        _report_rename("path-parameter-renamed", context, before, after, site)
    for before, after in _pair_renamed(removed, added):
        _report_rename("parameter-renamed", context, before, after, site)
    for param in removed:
        context.emit(
            "parameter-removed",
            site,
            location=param.location,
            wire=param.wire_name,
            name=param.name,
            old_pointer=param.pointer,
        )
    for param in added:
        rule = "parameter-added-required" if param.required else "parameter-added-optional"
        context.emit(
            rule,
            site,
            location=param.location,
            wire=param.wire_name,
            name=param.name,
            new_pointer=param.pointer,
        )
    for key in sorted(old_by.keys() & new_by.keys()):
        _compare_param(context, old_by[key], new_by[key], site)


def _report_rename(rule: str, context: Context, before: Param, after: Param, site: Site) -> None:
    context.emit(
        rule,
        site,
        location=after.location,
        old=before.wire_name,
        new=after.wire_name,
        old_name=before.name,
        new_name=after.name,
        old_pointer=before.pointer,
        new_pointer=after.pointer,
    )
    _compare_param(context, before, after, site)


def _serialisation(param: Param) -> str:
    return f"style={param.style}, explode={str(param.explode).lower()}"


def _compare_param(context: Context, old: Param, new: Param, site: Site) -> None:
    fields = {
        "location": new.location,
        "wire": new.wire_name,
        "name": new.name,
        "old_pointer": old.pointer,
        "new_pointer": new.pointer,
    }
    if old.required != new.required:
        state = "required" if new.required else "optional"
        context.emit(f"parameter-became-{state}", site, **fields)
    if _serialisation(old) != _serialisation(new) and old.location == new.location:
        context.emit(
            "parameter-style-changed",
            site,
            old=_serialisation(old),
            new=_serialisation(new),
            **fields,
        )
    if new.deprecated and not old.deprecated:
        context.emit("parameter-deprecated", site, **fields)
    inner = Site(
        "parameter",
        f"{site.where} {new.location} parameter `{new.wire_name}`",
        f"{site.subject}: argument `{new.name}`",
        site.operation,
        old.pointer,
        new.pointer,
    )
    # null cannot be sent in a query string, header, path or cookie: nullability only counts for
    # parameters encoded as JSON (``content``)
    is_json = old.content_type is not None and new.content_type is not None
    compare_type(context, old.type, new.type, inner, check_nullability=is_json)
    compare_constraints(context, old.constraints, new.constraints, inner)
    if not new.required:
        compare_default(context, old.default, new.default, inner)
