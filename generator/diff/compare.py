"""Entry point of the differ: match the operations of two APIs, compare each pair, collect the changes."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import replace

from ..ir import Api
from .changes import Change, DiffResult, SpecInfo, sort_changes, suggest_bump
from .compare_document import compare_document, compare_operation_security
from .compare_named import compare_enum, compare_model, compare_union
from .compare_operations import compare_operation, normalized_path
from .compare_unused import compare_unused
from .context import Context, NamedComparers, Site
from .usage import ClientMethod

__all__ = ["diff_apis", "match_operations"]

Pairs = list[tuple[ClientMethod, ClientMethod]]


def _match_by(
    key: Callable[[ClientMethod], Hashable | None],
    old: list[ClientMethod],
    new: list[ClientMethod],
    pairs: Pairs,
) -> None:
    """Pair methods whose key is unique on both sides; remove them from ``old`` and ``new``."""

    def unique(methods: list[ClientMethod]) -> dict[Hashable, ClientMethod]:
        found: dict[Hashable, list[ClientMethod]] = {}
        for method in methods:
            value = key(method)
            if value is not None:
                found.setdefault(value, []).append(method)
        return {value: group[0] for value, group in found.items() if len(group) == 1}

    old_by, new_by = unique(old), unique(new)
    for value, before in old_by.items():
        after = new_by.get(value)
        if after is not None:
            pairs.append((before, after))
            old.remove(before)
            new.remove(after)


def match_operations(
    old: list[ClientMethod], new: list[ClientMethod]
) -> tuple[Pairs, list[ClientMethod], list[ClientMethod]]:
    """Pair operations by (method, path), then operationId, then Python name in the same resource.

    Returns (pairs, removed, added); template variable names do not count in paths.
    """
    removed, added = list(old), list(new)
    pairs: Pairs = []
    _match_by(
        lambda m: (m.operation.method, normalized_path(m.operation.path)), removed, added, pairs
    )
    _match_by(lambda m: m.operation.operation_id, removed, added, pairs)
    _match_by(lambda m: (m.resource, m.operation.name), removed, added, pairs)
    return pairs, removed, added


def _operation_site(method: ClientMethod) -> Site:
    pointer = method.operation.pointer
    return Site(
        "",
        method.label,
        method.call,
        operation=method.label,
        old_pointer=pointer,
        new_pointer=pointer,
    )


def _merged(known: Change, change: Change) -> Change:
    return replace(
        known,
        used_in=tuple(sorted({*known.used_in, *change.used_in})),
        applies_to=tuple(sorted({*known.applies_to, *change.applies_to})),
        old_pointer=min(known.old_pointer, change.old_pointer),
        new_pointer=min(known.new_pointer, change.new_pointer) or known.new_pointer,
        operation=known.operation if known.operation == change.operation else "",
    )


def _merge_by(changes: list[Change], key: Callable[[Change], Hashable | None]) -> list[Change]:
    merged: dict[Hashable, Change] = {}
    alone: list[Change] = []
    for change in changes:
        value = key(change)
        if value is None:
            alone.append(change)
        else:
            known = merged.get(value)
            merged[value] = change if known is None else _merged(known, change)
    return [*merged.values(), *alone]


def _merge(changes: list[Change]) -> list[Change]:
    """One change per fact, listing every place it applies to.

    Repeats about one new place (a model met in both directions, or several old inline copies of what is
    now one schema) are merged first; then the same fact about one old definition met in several new
    copies (one named union that became inline copies, each losing the same variant), and about one
    property of a component schema that several calls take as flattened arguments.
    """
    by_new = _merge_by(changes, lambda c: (c.rule_id, c.message, c.python, c.new_pointer))
    by_old = _merge_by(by_new, lambda c: _fact_key(c, c.old_pointer))
    return _merge_by(by_old, lambda c: _fact_key(c, c.new_pointer))


def _fact_key(change: Change, pointer: str) -> Hashable | None:
    """The same rule with the same values about one definition, or one property of a component schema
    several calls take as arguments (one edit of the spec, several places in the client)."""
    shared = not change.operation or pointer.startswith("/components/schemas/")
    return (change.rule_id, pointer, change.detail) if pointer and shared else None


def _info(api: Api) -> SpecInfo:
    return SpecInfo(api.title, api.version, api.spec_file, api.spec_sha256)


def diff_apis(old: Api, new: Api) -> DiffResult:
    """Compare the client surfaces of two APIs and return every change, sorted, with a version bump."""
    context = Context(old, new, NamedComparers(compare_model, compare_enum, compare_union))
    pairs, removed, added = match_operations(context.old.methods, context.new.methods)
    for before, after in pairs:
        compare_operation(context, before, after)
        site = _operation_site(after)
        compare_operation_security(context, before, after, site)
    for method in removed:
        site = _operation_site(method)
        context.emit("operation-removed", site, new_pointer="")
    for method in added:
        site = _operation_site(method)
        context.emit("operation-added", site, old_pointer="")
    compare_document(context)
    compare_unused(context)
    context.emit_renames()
    changes = sort_changes(_merge(context.changes))
    return DiffResult(_info(old), _info(new), changes, suggest_bump(changes))
