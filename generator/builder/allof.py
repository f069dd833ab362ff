"""``allOf`` → one object schema.  Conflicts are diagnostics, never silent last-write-wins."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..load.pointer import join
from .context import BuildContext
from .unsupported import report_unsupported

__all__ = ["merge_all_of", "merge_with_origins"]

_MAX_DEPTH = 64


@dataclass
class _Merge:
    merged: dict[str, Any] = field(default_factory=lambda: {"properties": {}, "required": []})
    origins: dict[str, str] = field(default_factory=dict)  # property name → pointer of its declaration
    seen: set[str] = field(default_factory=set)


def merge_all_of(ctx: BuildContext, schema: dict[str, Any], pointer: str) -> dict[str, Any]:
    """Flatten ``schema``'s ``allOf`` (recursively, through ``$ref``s) into a single object schema."""
    return merge_with_origins(ctx, schema, pointer)[0]


def merge_with_origins(
    ctx: BuildContext, schema: dict[str, Any], pointer: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """``merge_all_of`` plus, for each property, the pointer of the part that declared it."""
    state = _Merge()
    _merge_into(ctx, state, schema, pointer, depth=0)
    if not state.merged["required"]:
        del state.merged["required"]
    return state.merged, state.origins


def _merge_into(ctx: BuildContext, state: _Merge, schema: Any, pointer: str, depth: int) -> None:
    if depth > _MAX_DEPTH:
        ctx.warn("allof-too-deep", "allOf nests too deeply; the rest is ignored", pointer)
        return
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        found = ctx.lookup(schema["$ref"])
        if found is None:
            ctx.error("ref-unresolved", f"$ref {schema['$ref']!r} points at nothing", pointer)
            return
        if found[1] in state.seen:
            return  # a part reached twice (diamond) or a cycle: merging it again changes nothing
        state.seen.add(found[1])
        siblings = {k: v for k, v in schema.items() if k != "$ref"}
        _merge_into(ctx, state, found[0], found[1], depth + 1)
        if siblings:
            _merge_into(ctx, state, siblings, pointer, depth + 1)
        return
    if not isinstance(schema, dict):
        return
    report_unsupported(ctx, schema, pointer)
    parts = schema.get("allOf")
    if parts is not None and not isinstance(parts, list):
        ctx.warn_once("schema-invalid", "`allOf` is not a list; ignored", join(pointer, "allOf"))
    for index, part in enumerate(parts if isinstance(parts, list) else ()):
        _merge_into(ctx, state, part, join(pointer, "allOf", index), depth + 1)
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema and depth > 0:
            ctx.warn("allof-union-part", f"{keyword} inside allOf is not merged; its properties are ignored", pointer)
    _merge_properties(ctx, state, schema, pointer)
    _merge_keywords(ctx, state.merged, schema, pointer)


def _merge_properties(ctx: BuildContext, state: _Merge, schema: dict[str, Any], pointer: str) -> None:
    merged = state.merged
    properties = schema.get("properties")
    if isinstance(properties, dict):
        for name, value in properties.items():
            old = merged["properties"].get(name)
            where = join(pointer, "properties", name)
            if old is not None and old != value and not _is_narrowing(old, value):
                ctx.warn(
                    "allof-conflict",
                    f"property {name!r} is declared differently by two allOf parts; the later one is used",
                    where,
                )
            merged["properties"][name] = value
            state.origins[name] = where
    required = schema.get("required")
    if isinstance(required, list):
        merged["required"].extend(r for r in required if r not in merged["required"])


def _is_narrowing(old: Any, new: Any) -> bool:
    """A later part that only adds annotations/const/enum to the same type is a refinement, not a conflict."""
    if not isinstance(old, dict) or not isinstance(new, dict):
        return False
    return old.get("type") in (None, new.get("type")) and "$ref" not in old


def _merge_keywords(ctx: BuildContext, merged: dict[str, Any], schema: dict[str, Any], pointer: str) -> None:
    for key, value in schema.items():
        if key in ("allOf", "properties", "required", "$ref", "oneOf", "anyOf", "discriminator"):
            continue
        if key == "additionalProperties":
            if value is False or merged.get(key) is False:
                merged[key] = False
            else:
                merged.setdefault(key, value)
        elif key == "type" and merged.get("type") not in (None, value):
            ctx.warn("allof-conflict", f"allOf parts disagree on type: {merged['type']!r} vs {value!r}", pointer)
        else:
            merged[key] = value
