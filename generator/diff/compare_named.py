"""Compare named definitions: model properties, enum values, union discriminators and variants.

Each (old name, new name, direction) is compared once; the site names the definition and the methods
whose requests or responses reach it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TypeVar

from ..ir import (
    Discriminator,
    Enum,
    EnumRef,
    Field,
    Model,
    ModelRef,
    Type,
    UnionDef,
    UnionRef,
)
from .compare_types import compare_type, variant_added_rule, variant_removed_rule
from .compare_values import compare_constraints, compare_default
from .context import Context, Site
from .typeshape import pair_variants, type_text, value_text

__all__ = ["compare_enum", "compare_fields", "compare_model", "compare_union"]


def _fields_for(fields: tuple[Field, ...], direction: str) -> dict[str, Field]:
    """Fields by wire name, without those that never travel in ``direction`` (readOnly in requests)."""
    is_request = direction == "request"
    return {
        field.wire_name: field
        for field in fields
        if not (field.read_only if is_request else field.write_only)
    }


def _removed_rule(field: Field, direction: str) -> str:
    if direction == "request":
        return "request-property-removed"
    return (
        "response-required-property-removed"
        if field.required
        else "response-optional-property-removed"
    )


def _added_rule(field: Field, direction: str) -> str:
    if direction == "response":
        return "response-property-added"
    return (
        "request-property-added-required" if field.required else "request-property-added-optional"
    )


def compare_fields(
    context: Context, old_fields: tuple[Field, ...], new_fields: tuple[Field, ...], site: Site
) -> None:
    """Properties of a model or flattened body fields (arguments), matched by wire name."""
    old_by = _fields_for(old_fields, site.direction)
    new_by = _fields_for(new_fields, site.direction)
    for wire in sorted(old_by.keys() - new_by.keys()):
        field = old_by[wire]
        member = site.member_format.format(name=field.name)
        rule = _removed_rule(field, site.direction)
        context.emit(rule, site, wire=wire, member=member, old_pointer=field.pointer)
    for wire in sorted(new_by.keys() - old_by.keys()):
        field = new_by[wire]
        member = site.member_format.format(name=field.name)
        rule = _added_rule(field, site.direction)
        context.emit(rule, site, wire=wire, member=member, new_pointer=field.pointer)
    for wire in sorted(old_by.keys() & new_by.keys()):
        _compare_field(context, old_by[wire], new_by[wire], site)


def _compare_field(context: Context, old: Field, new: Field, site: Site) -> None:
    member = site.member_format.format(name=new.name)
    fields = {
        "wire": new.wire_name,
        "member": member,
        "old_pointer": old.pointer,
        "new_pointer": new.pointer,
    }
    if old.required != new.required:
        state = "required" if new.required else "optional"
        context.emit(f"{site.direction}-property-became-{state}", site, **fields)
    if new.deprecated and not old.deprecated:
        context.emit("property-deprecated", site, **fields)
    inner = replace(
        site,
        where=f"{site.where} property `{new.wire_name}`",
        subject=member,
        old_pointer=old.pointer,
        new_pointer=new.pointer,
        member_format="",
    )
    # an optional response property is ``None`` when missing anyway; a request property losing null is a fact
    same_presence = old.required == new.required or site.direction == "request"
    compare_type(context, old.type, new.type, inner, check_nullability=same_presence)
    compare_constraints(context, old.constraints, new.constraints, inner)
    compare_default(context, old.default, new.default, inner)


Named = TypeVar("Named", Model, Enum, UnionDef)


def _first_pair(
    context: Context,
    olds: Mapping[str, Named],
    news: Mapping[str, Named],
    names: tuple[str, str],
    direction: str,
) -> tuple[Named, Named, Site] | None:
    """Both definitions and their site the first time this pair is compared in ``direction``."""
    old, new = olds.get(names[0]), news.get(names[1])
    if old is None or new is None or not context.first_visit(*names, direction):
        return None
    context.note_rename(old.name, new.name, old.pointer, new.pointer)
    kind = {Model: "schema", Enum: "enum", UnionDef: "union"}[type(new)]
    site = Site(
        prefix=f"{direction}-property",
        where=f"{kind} `{new.name}`",
        subject=f"`{new.name}`",
        old_pointer=old.pointer,
        new_pointer=new.pointer,
        used_in=context.used_in(new.name, direction),
        member_format=f"`{new.name}.{{name}}`",
    )
    return old, new, site


def compare_model(context: Context, old_name: str, new_name: str, direction: str) -> None:
    """The properties of two models, once per (old name, new name, direction)."""
    found = _first_pair(
        context, context.old.models, context.new.models, (old_name, new_name), direction
    )
    if found is not None:
        old, new, site = found
        compare_fields(context, old.fields, new.fields, site)


def compare_enum(context: Context, old_name: str, new_name: str, direction: str) -> None:
    """Enum values added or removed, once per (old name, new name, direction)."""
    found = _first_pair(
        context, context.old.enums, context.new.enums, (old_name, new_name), direction
    )
    if found is None:
        return
    old, new, site = found
    old_by = {value_text(member.value): member.name for member in old.members}
    new_by = {value_text(member.value): member.name for member in new.members}
    for verb, values, names in (("removed", old_by.keys() - new_by.keys(), old_by),
                                ("added", new_by.keys() - old_by.keys(), new_by)):  # fmt: skip
        for value in sorted(values):
            member = site.member_format.format(name=names[value])
            context.emit(f"{direction}-enum-value-{verb}", site, value=value, member=member)


def compare_union(context: Context, old_name: str, new_name: str, direction: str) -> None:
    """Discriminator and variants of two unions, once per (old name, new name, direction)."""
    found = _first_pair(
        context, context.old.unions, context.new.unions, (old_name, new_name), direction
    )
    if found is None:
        return
    old, new, site = found
    _compare_discriminator(context, old.discriminator, new.discriminator, site)
    if old.discriminator is not None and new.discriminator is not None:
        _compare_tagged(context, old, new, site)
    else:
        _compare_untagged(context, old, new, site)


def _compare_discriminator(
    context: Context, old: Discriminator | None, new: Discriminator | None, site: Site
) -> None:
    if (old is not None and not old.is_explicit) or (new is not None and not new.is_explicit):
        return  # inferred by the builder, not written in the spec: changes show in the variants' fields
    if old is not None and new is not None and old.property != new.property:
        context.emit(
            f"{site.direction}-discriminator-changed", site, old=old.property, new=new.property
        )
    elif old is None and new is not None:
        context.emit("union-discriminator-added", site, new=new.property)
    elif old is not None and new is None:
        context.emit("union-discriminator-removed", site, old=old.property)


def _compare_tagged(context: Context, old: UnionDef, new: UnionDef, site: Site) -> None:
    """Variants under the same tag are compared; the rest are paired by shape, except that a variant
    leaving one tag and one arriving under another are a removal and an addition."""
    old_map = dict(old.discriminator.mapping) if old.discriminator else {}
    new_map = dict(new.discriminator.mapping) if new.discriminator else {}
    common = old_map.keys() & new_map.keys()
    for tag in sorted(common):
        compare_model(context, old_map[tag], new_map[tag], site.direction)
    old_tags = {name: tag for tag, name in old_map.items() if tag not in common}
    new_tags = {name: tag for tag, name in new_map.items() if tag not in common}
    done_old, done_new = {old_map[t] for t in common}, {new_map[t] for t in common}
    old_left = tuple(v for v in old.variants if _name(v) not in done_old)
    new_left = tuple(v for v in new.variants if _name(v) not in done_new)
    pairs, removed, added = pair_variants(old_left, new_left, context.old, context.new)
    for before, after in pairs:
        if _name(before) in old_tags and _name(after) in new_tags:
            removed.append(before)
            added.append(after)
        else:
            compare_type(context, before, after, site.inner(f"variant `{type_text(after)}`", ""))
    removed_texts = [(_variant_text(variant, old_tags), variant) for variant in removed]
    added_texts = [_variant_text(variant, new_tags) for variant in added]
    _report_variants(context, site, removed_texts, added_texts, is_tagged=True)


def _name(type_: Type) -> str | None:
    return type_.name if isinstance(type_, ModelRef | UnionRef | EnumRef) else None


def _variant_text(variant: Type, tags: dict[str, str]) -> str:
    name = _name(variant)
    if name is not None and name in tags:
        return f"`{tags[name]}` ({name})"
    return f"`{type_text(variant)}`"


def _report_variants(
    context: Context,
    site: Site,
    removed: list[tuple[str, Type]],
    added: list[str],
    *,
    is_tagged: bool,
) -> None:
    for text, variant in sorted(removed, key=lambda pair: pair[0]):
        rule = variant_removed_rule(context, site.direction, variant)
        context.emit(rule, site, variant=text)
    added_rule = variant_added_rule(site.direction, is_tagged=is_tagged)
    for text in sorted(added):
        context.emit(added_rule, site, variant=text)


def _compare_untagged(context: Context, old: UnionDef, new: UnionDef, site: Site) -> None:
    pairs, removed, added = pair_variants(old.variants, new.variants, context.old, context.new)
    for before, after in pairs:
        compare_type(context, before, after, site.inner(f"variant `{type_text(after)}`", ""))
    is_tagged = new.discriminator is not None
    removed_texts = [(_variant_text(variant, {}), variant) for variant in removed]
    added_texts = [_variant_text(variant, {}) for variant in added]
    _report_variants(context, site, removed_texts, added_texts, is_tagged=is_tagged)
