"""``oneOf``/``anyOf``/type lists → ``ir.UnionDef``, with the discriminator resolved to a tag → model map.

Tags come from the explicit ``discriminator.mapping``, else from each variant's ``const``/one-value
``enum`` on the discriminator property, else from the variant's component name (the OpenAPI rule).
Without a ``discriminator``, a property that every object variant pins to a distinct constant is used
(inferred, as ogen does); a union of several objects that still cannot be told apart gets a warning.
"""

from __future__ import annotations

from typing import Any

from ..ir import Discriminator, ModelRef, Type, UnionDef, UnionRef
from ..load.pointer import join, parse
from .allof import merge_all_of
from .context import BuildContext
from .definitions import named_type
from .naming import pascal_case
from .schemas import schema_type

__all__ = ["build_union", "polymorphic_children"]


def _raw(ctx: BuildContext, schema: Any) -> dict[str, Any]:
    """A variant's own schema (``$ref`` followed, ``allOf`` merged) for reading tag values."""
    pointer = ""
    for _ in range(32):
        if not (isinstance(schema, dict) and isinstance(schema.get("$ref"), str)):
            break
        found = ctx.lookup(schema["$ref"])
        if found is None:
            return {}
        schema, pointer = found
    if not isinstance(schema, dict):
        return {}
    if "allOf" in schema:
        return merge_all_of(ctx, schema, pointer)
    return schema


def _tag_values(ctx: BuildContext, schema: Any, prop: str) -> list[Any]:
    raw = _raw(ctx, schema)
    properties = raw.get("properties")
    spec = _raw(ctx, properties.get(prop)) if isinstance(properties, dict) else {}
    if "const" in spec:
        return [spec["const"]]
    enum = spec.get("enum")
    return list(enum) if isinstance(enum, list) and enum and len(enum) <= 8 else []


def polymorphic_children(ctx: BuildContext, schema: dict[str, Any]) -> list[tuple[str, str]]:
    """(tag, $ref) pairs of a base schema with a ``discriminator``: its ``mapping``, then every component
    schema that extends it through ``allOf`` (tagged with its component name, as OpenAPI says)."""
    pairs = _mapping(ctx, schema["discriminator"])
    mapped = {ref for _, ref in pairs}
    base = ctx.component_pointer(schema)
    for name, ref in ctx.extensions().get(base, []) if base else []:
        if ref not in mapped and not _is_alias(ctx, ref):
            pairs.append((name, ref))
    return pairs


_ALIAS_KEYS = frozenset({"allOf", "description", "title", "deprecated", "example", "examples", "$comment"})


def _is_alias(ctx: BuildContext, ref: str) -> bool:
    """A component that only renames the base (``Alias: {allOf: [$ref: Base]}``) is the base, not a child."""
    found = ctx.lookup(ref)
    child = found[0] if found else None
    return isinstance(child, dict) and len(child.get("allOf") or ()) == 1 and set(child) <= _ALIAS_KEYS


def _mapping(ctx: BuildContext, discriminator: dict[str, Any]) -> list[tuple[str, str]]:
    """(tag, internal $ref) of an explicit ``mapping``; values that point nowhere were reported when the
    spec was resolved and are left out (the variant's own tag value applies instead)."""
    mapping = discriminator.get("mapping")
    pairs = [(str(tag), ref if ref.startswith("#") or "/" in ref else f"#/components/schemas/{ref}")
             for tag, ref in (mapping.items() if isinstance(mapping, dict) else ()) if isinstance(ref, str)]  # fmt: skip
    return [(tag, ref) for tag, ref in pairs if ctx.lookup(ref) is not None]


def _variants(ctx: BuildContext, schema: dict[str, Any], pointer: str) -> list[tuple[Any, str]]:
    for keyword in ("oneOf", "anyOf"):
        if isinstance(schema.get(keyword), list):
            return [(v, join(pointer, keyword, i)) for i, v in enumerate(schema[keyword])]
    if isinstance(schema.get("type"), list):
        rest = {k: v for k, v in schema.items() if k != "type"}
        return [({**rest, "type": t}, join(pointer, "type", i)) for i, t in enumerate(schema["type"])]
    own = pointer
    return [({"$ref": ref}, join(pointer, "discriminator", "mapping", tag))
            for tag, ref in polymorphic_children(ctx, schema) if ctx.lookup(ref) and ctx.lookup(ref)[1] != own]  # type: ignore[index]  # fmt: skip


def _variant_hint(ctx: BuildContext, name: str, variant: Any, index: int, prop: str | None) -> str:
    if isinstance(variant, dict) and isinstance(variant.get("title"), str) and variant["title"].strip():
        return f"{name}{pascal_case(variant['title'])}"
    tags = _tag_values(ctx, variant, prop) if prop else []
    if len(tags) == 1 and isinstance(tags[0], str):
        return f"{name}{pascal_case(tags[0], fallback='Variant')}"
    return f"{name}Variant{index + 1}"


def build_union(
    ctx: BuildContext, schema: dict[str, Any], pointer: str, name: str, module: str, *, decoder: str
) -> None:
    """Define union ``name``, decoded by the models package's ``decoder``; null variants were already folded
    into nullability by the caller."""
    schema = _union_source(ctx, schema)
    spec = schema.get("discriminator")
    prop = spec.get("propertyName") if isinstance(spec, dict) else None
    raw_variants = _variants(ctx, schema, pointer)
    types: list[Type] = []
    for index, (variant, where) in enumerate(raw_variants):
        type_ = schema_type(ctx, variant, where, _variant_hint(ctx, name, variant, index, prop))
        if isinstance(type_, UnionRef) and type_.name == name:
            ctx.warn("ref-cycle-alias", "a union cannot be one of its own variants; this variant is ignored", where)
        elif type_ not in types:
            types.append(type_)
    discriminator = None
    if isinstance(prop, str) and isinstance(spec, dict):
        discriminator = _explicit(ctx, spec, prop, raw_variants, types=types, pointer=pointer)
    elif sum(isinstance(t, ModelRef) for t in types) > 1:
        discriminator = _inferred(ctx, raw_variants, types)
        if discriminator is None:
            ctx.warn(
                "union-undiscriminated",
                f"{len(types)} variants include several objects and no discriminator; "
                "decoding picks the variant whose keys match best",
                pointer,
            )
    description = schema.get("description")
    ctx.add(UnionDef(name, module, tuple(types), pointer, discriminator,
                     description if isinstance(description, str) else None, decoder))  # fmt: skip


def _union_source(ctx: BuildContext, schema: dict[str, Any]) -> dict[str, Any]:
    """The schema that lists the variants: a one-part ``allOf`` alias (``Alias: {allOf: [$ref: Base]}``) of
    a discriminated base is the base's union, under the alias's name."""
    for _ in range(32):
        parts = schema.get("allOf")
        if any(k in schema for k in ("oneOf", "anyOf", "discriminator")) or not isinstance(parts, list) or len(parts) != 1:
            break
        part = parts[0]
        found = ctx.lookup(part["$ref"]) if isinstance(part, dict) and isinstance(part.get("$ref"), str) else None
        target = found[0] if found else part
        if not isinstance(target, dict):
            break
        schema = target
    return schema


def _explicit(
    ctx: BuildContext,
    spec: dict[str, Any],
    prop: str,
    variants: list[tuple[Any, str]],
    *,
    types: list[Type],
    pointer: str,
) -> Discriminator:
    pairs: dict[str, str] = {}
    for tag, target in _mapping(ctx, spec):
        type_ = named_type(ctx, target, join(pointer, "discriminator", "mapping", tag))
        if isinstance(type_, ModelRef):
            pairs[tag] = type_.name
    mapped = set(pairs.values())
    for (variant, _), type_ in zip(variants, types, strict=False):
        if not isinstance(type_, ModelRef) or type_.name in mapped:
            continue
        tags = _tag_values(ctx, variant, prop)
        if not tags and isinstance(variant, dict) and isinstance(variant.get("$ref"), str):
            tags = [parse(variant["$ref"])[-1]]
        for tag in tags:
            pairs.setdefault(str(tag), type_.name)
    return Discriminator(prop, tuple(sorted(pairs.items())), is_explicit=True)


def _inferred(ctx: BuildContext, variants: list[tuple[Any, str]], types: list[Type]) -> Discriminator | None:
    objects = [(v, t) for (v, _), t in zip(variants, types, strict=False) if isinstance(t, ModelRef)]
    if len(objects) != len(types):
        return None
    first = _raw(ctx, objects[0][0]).get("properties")
    for prop in first if isinstance(first, dict) else ():
        pairs: dict[str, str] = {}
        for variant, type_ in objects:
            tags = _tag_values(ctx, variant, prop)
            if not tags or any(str(tag) in pairs for tag in tags):
                break
            pairs.update((str(tag), type_.name) for tag in tags)
        else:
            return Discriminator(prop, tuple(sorted(pairs.items())), is_explicit=False)
    return None
