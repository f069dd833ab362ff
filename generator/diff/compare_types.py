"""Compare two types at a use site, following models, enums and unions into their definitions.

Named definitions are compared structurally (names may differ) and once per (old name, new name,
direction), so a change inside a shared model is reported once, with the methods that reach it.
Scalars of different IR classes (``bool`` vs a mixed enum, an enum vs a union of enum and literal) are
compared by the values they admit, so a reshaped but equivalent schema reports nothing.
"""

from __future__ import annotations

from dataclasses import replace

from ..ir import (
    AnyValue,
    ArrayOf,
    EnumRef,
    Literal,
    MapOf,
    ModelRef,
    Primitive,
    TupleOf,
    Type,
    UnionRef,
)
from .context import Context, Site
from .typeshape import (
    CHANGED,
    FORMAT,
    NARROWER,
    SAME,
    WIDER,
    Domain,
    domain,
    pair_variants,
    primitive_relation,
    type_text,
)

__all__ = ["compare_type", "variant_added_rule", "variant_removed_rule"]

_PAST = {WIDER: "widened", NARROWER: "narrowed"}


def _is_nullable(type_: Type) -> bool:
    return (
        type_.nullable
        or isinstance(type_, AnyValue)
        or (isinstance(type_, Primitive) and type_.kind == "null")
    )


def _verdict_rule(verdict: str, site: Site, new: Type) -> str | None:
    is_request = site.direction == "request"
    if verdict == SAME:
        return None
    if verdict == FORMAT:
        return f"{site.prefix}-format-changed"
    if verdict == WIDER and not is_request and isinstance(new, AnyValue):
        return f"{site.prefix}-type-became-any"
    if verdict in (CHANGED, NARROWER if is_request else WIDER):
        return f"{site.prefix}-type-changed"
    return f"{site.prefix}-type-{_PAST[verdict]}"


def compare_type(
    context: Context, old: Type, new: Type, site: Site, *, check_nullability: bool = True
) -> None:
    """Report how ``new`` differs from ``old`` at ``site``; its direction decides what is compatible."""
    verdict = _shape(context, old, new, site)
    texts = {"old": type_text(old), "new": type_text(new)}
    rule = _verdict_rule(verdict, site, new)
    if rule is not None:
        context.emit(rule, site, **texts)
        if rule.endswith("-type-changed"):
            return
    was_nullable, is_nullable = _is_nullable(old), _is_nullable(new)
    if isinstance(old, AnyValue) or isinstance(new, AnyValue):
        return  # any value includes null: the type change above says it all
    if check_nullability and was_nullable != is_nullable:
        suffix = "became-nullable" if is_nullable else "became-non-nullable"
        context.emit(f"{site.prefix}-{suffix}", site, **texts)


def _shape(context: Context, old: Type, new: Type, site: Site) -> str:
    """The relation of the two shapes, ignoring nullability; recurses into containers and named types."""
    if type(old) is not type(new):
        return _mixed(context, old, new, site)
    if isinstance(old, Primitive) and isinstance(new, Primitive):
        return primitive_relation(old, new)
    if isinstance(old, ArrayOf) and isinstance(new, ArrayOf):
        compare_type(context, old.item, new.item, site.inner("items", "[]"))
    elif isinstance(old, MapOf) and isinstance(new, MapOf):
        compare_type(context, old.value, new.value, site.inner("values", "[str]"))
    elif isinstance(old, TupleOf) and isinstance(new, TupleOf):
        return _tuple(context, old, new, site)
    elif isinstance(old, Literal) and isinstance(new, Literal):
        return _compare_domains(
            context, domain(old, context.old), domain(new, context.new), site, has_members=False
        )
    elif isinstance(old, ModelRef) and isinstance(new, ModelRef):
        context.named.model(context, old.name, new.name, site.direction)
    elif isinstance(old, EnumRef) and isinstance(new, EnumRef):
        context.named.enum(context, old.name, new.name, site.direction)
    elif isinstance(old, UnionRef) and isinstance(new, UnionRef):
        context.named.union(context, old.name, new.name, site.direction)
    return SAME


def _tuple(context: Context, old: TupleOf, new: TupleOf, site: Site) -> str:
    if len(old.items) != len(new.items) or (old.rest is None) != (new.rest is None):
        return CHANGED
    for position, (before, after) in enumerate(zip(old.items, new.items, strict=True)):
        compare_type(context, before, after, site.inner(f"item {position}", f"[{position}]"))
    if old.rest is not None and new.rest is not None:
        compare_type(context, old.rest, new.rest, site.inner("further items", "[...]"))
    return SAME


def _mixed(context: Context, old: Type, new: Type, site: Site) -> str:
    """Different type classes: compare scalar domains, or find the counterpart among union variants."""
    old_domain, new_domain = domain(old, context.old), domain(new, context.new)
    if old_domain is not None and new_domain is not None:
        has_members = isinstance(old, EnumRef)
        return _compare_domains(context, old_domain, new_domain, site, has_members=has_members)
    if isinstance(new, AnyValue):
        return WIDER
    if isinstance(old, AnyValue):
        return NARROWER
    if isinstance(new, UnionRef) and new.name in context.new.unions:
        return _into_union(context, old, new, site, is_widening=True)
    if isinstance(old, UnionRef) and old.name in context.old.unions:
        return _into_union(context, new, old, site, is_widening=False)
    return CHANGED


def _compare_domains(
    context: Context, old: Domain | None, new: Domain | None, site: Site, *, has_members: bool
) -> str:
    """Equal domains are SAME; when only single values differ they are reported as enum values.

    ``has_members``: the old type is an enum class, so a removed value is a member code may name.
    """
    if old is None or new is None:
        return CHANGED
    is_wider, is_narrower = new.contains(old), old.contains(new)
    if is_wider and is_narrower:
        return SAME
    if old.kinds != new.kinds or old.is_any or new.is_any:
        return WIDER if is_wider else NARROWER if is_narrower else CHANGED
    for verb, values in (("removed", old.values - new.values), ("added", new.values - old.values)):
        for value in sorted(values):
            member = f"{site.subject}: value {value}"
            rule = f"{site.direction}-enum-value-{verb}"
            if rule == "response-enum-value-removed" and not has_members:
                rule = "response-literal-value-removed"
            context.emit(rule, site, value=value, member=member)
    return SAME


def variant_added_rule(direction: str, *, is_tagged: bool) -> str:
    """The rule for a union variant the new spec adds in ``direction``."""
    if direction == "request":
        return "request-union-variant-added"
    return "response-union-variant-added" if is_tagged else "response-untagged-union-variant-added"


def variant_removed_rule(context: Context, direction: str, variant: Type) -> str:
    """The rule for a union variant the new spec drops in ``direction``: a returned variant only breaks
    code when its class is no longer generated (code naming it fails to import)."""
    if direction == "request":
        return "request-union-variant-removed"
    name = variant.name if isinstance(variant, ModelRef | EnumRef | UnionRef) else None
    is_gone = name is not None and not context.new.has_type(name)
    return "response-union-variant-removed" if is_gone else "response-union-variant-narrowed"


def _into_union(
    context: Context, single: Type, union: UnionRef, site: Site, *, is_widening: bool
) -> str:
    """``X`` → ``X | Y`` or back: compare ``X`` with its counterpart, report the other variants."""
    definition = (context.new if is_widening else context.old).unions[union.name]
    singles = (single,)
    if is_widening:
        pairs, _, others = pair_variants(singles, definition.variants, context.old, context.new)
    else:
        pairs, others, _ = pair_variants(definition.variants, singles, context.old, context.new)
    if not pairs:
        return CHANGED
    before, after = pairs[0]
    compare_type(context, replace(before, nullable=False), replace(after, nullable=False), site)
    is_tagged = definition.discriminator is not None
    for variant in others:
        text = f"`{type_text(variant)}`"
        if is_widening:
            context.emit(
                variant_added_rule(site.direction, is_tagged=is_tagged), site, variant=text
            )
        else:
            rule = variant_removed_rule(context, site.direction, variant)
            context.emit(rule, site, variant=text)
    return SAME
