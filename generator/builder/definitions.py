"""Named definitions: following ``$ref``s to component schemas and creating models, enums and unions once."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..ir import AnyValue, EnumRef, ModelRef, Type, UnionRef
from ..load.pointer import parse
from .context import BuildContext
from .naming import class_name
from .schemas import classify, schema_type, split_nullable, with_nullable
from .unsupported import report_unsupported

__all__ = ["define", "named_type"]

_REFS: dict[str, type[ModelRef] | type[EnumRef] | type[UnionRef]] = {
    "model": ModelRef, "enum": EnumRef, "union": UnionRef,
}  # fmt: skip


_HASHED = re.compile(r"_[0-9a-f]{8}$")


def _name_from_pointer(pointer: str) -> str:
    tokens = parse(pointer)
    if len(tokens) == 3 and tokens[:2] == ["components", "schemas"]:
        return tokens[2]
    meaningful = [t for t in tokens if t not in ("schema", "content", "properties", "items", "components")]
    return "_".join(meaningful[-2:]) or "Schema"


def named_type(ctx: BuildContext, ref: str, at: str) -> Type:
    """The type a ``$ref`` (found at pointer ``at``) stands for; defines its target on first use."""
    found = ctx.lookup(ref)
    if found is None:
        ctx.error("ref-unresolved", f"$ref {ref!r} points at nothing", at)
        return AnyValue()
    target, pointer = found
    if pointer in ctx.ref_types:
        return ctx.ref_types[pointer]
    if pointer in ctx.in_progress:
        ctx.warn("ref-cycle-alias", f"$ref {ref!r} refers to itself without an object in between", at)
        return AnyValue()
    name = _name_from_pointer(pointer)
    owner = ctx.inline_owners.get(pointer)
    if owner is not None and _HASHED.search(class_name(name)):  # too long: shortened with a hash suffix
        name = f"{owner}Request"  # a FastAPI Body_* schema: its method's request
    if isinstance(target, dict):
        report_unsupported(ctx, target, pointer)
    plain, nullable = split_nullable(target) if isinstance(target, dict) else (target, False)
    kind = classify(ctx, plain)
    if kind in _REFS:
        define(ctx, kind, plain, pointer, name, nullable=nullable)
        return ctx.ref_types[pointer]
    ctx.in_progress.add(pointer)
    try:
        resolved = schema_type(ctx, target, pointer, name)
    finally:
        ctx.in_progress.discard(pointer)
    ctx.ref_types[pointer] = resolved
    return resolved


def define(
    ctx: BuildContext, kind: str, schema: dict[str, Any], pointer: str, hint: str, *, nullable: bool = False
) -> Type:
    """Create the model/enum/union for ``schema`` (once per pointer) and return a reference to it."""
    if pointer in ctx.ref_types:
        return dataclasses.replace(ctx.ref_types[pointer], nullable=nullable)
    name, module, stem = ctx.new_class(hint, pointer)
    ref = _REFS[kind](name)
    ctx.ref_types[pointer] = with_nullable(ref, nullable)
    if kind == "model":
        from .objects import build_model

        build_model(ctx, schema, pointer, name, module)
    elif kind == "enum":
        from .enums import build_enum

        build_enum(ctx, schema, pointer, name, module)
    else:
        from .unions import build_union

        build_union(ctx, schema, pointer, name, module, decoder=f"decode_{stem}")
    return ref
