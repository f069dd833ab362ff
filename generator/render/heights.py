"""How deep the smallest example of each model and union is: the sample synthesiser's way out of recursion,
and which definitions have a finite example at all (those get a round-trip test)."""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from typing import Protocol

from .. import ir

__all__ = ["Definitions", "definition_heights", "needed_definitions"]


class Definitions(Protocol):
    """What the heights are computed from (``pytypes.Registry`` is one)."""

    @property
    def models(self) -> Mapping[str, ir.Model]: ...

    @property
    def unions(self) -> Mapping[str, ir.UnionDef]: ...


def needed_definitions(t: ir.Type) -> set[str]:
    """The definitions an example of ``t`` cannot do without (nullable references can be null)."""
    match t:
        case ir.ModelRef(name=name) | ir.UnionRef(name=name):
            return set() if t.nullable else {name}
        case ir.TupleOf(items=items):
            return set().union(*(needed_definitions(i) for i in items))
    return set()  # scalars, enums, literals, arrays and maps (empty) always end


def _field_needs(f: ir.Field) -> set[str]:
    """An array that must have items (``minItems``) ends only where its items do."""
    if isinstance(f.type, ir.ArrayOf) and f.constraints is not None and f.constraints.min_items:
        return needed_definitions(f.type.item)
    return needed_definitions(f.type)


def definition_heights(reg: Definitions) -> dict[str, int]:
    """How deep the smallest example of each model/union is (absent: no finite example exists).

    A model needs all its required fields (1 + the highest), a union one variant (1 + the lowest):
    Knuth's generalisation of Dijkstra settles each definition once, in height order, so a chain
    of n definitions costs O(n log n), not the n passes of a fixed-point loop."""
    waiting: dict[str, list[tuple[str, int]]] = {}  # definition → (owner, variant index) waiting for it
    missing: dict[tuple[str, int], int] = {}
    ready: list[tuple[int, str]] = []
    owners = [(name, [set().union(*(_field_needs(f) for f in m.fields if f.required))]) for name, m in reg.models.items()]
    owners += [(name, [needed_definitions(v) for v in u.variants]) for name, u in reg.unions.items()]  # none: no example
    for name, alternatives in owners:
        for index, needs in enumerate(alternatives):
            missing[(name, index)] = len(needs)
            for need in needs:
                waiting.setdefault(need, []).append((name, index))
            if not needs:
                heapq.heappush(ready, (1, name))
    heights: dict[str, int] = {}
    while ready:
        height, name = heapq.heappop(ready)
        if name in heights:
            continue
        heights[name] = height
        for owner, index in waiting.get(name, ()):
            missing[(owner, index)] -= 1
            if missing[(owner, index)] == 0 and owner not in heights:
                heapq.heappush(ready, (height + 1, owner))  # settled in order: this one was the highest
    return heights
