"""Checks on the bundled document: every internal ``$ref`` target exists, and no chain of refs loops."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..diagnostics import Diagnostics
from .pointer import locate_origin, resolve_pointer

__all__ = ["InternalRef", "check_internal_refs", "mapping_unresolved"]

_MISSING: Any = object()


@dataclass(frozen=True, slots=True)
class InternalRef:
    """An internal reference left in the bundled document."""

    target: str  # decoded RFC 6901 pointer of the target in the bundled document
    ref: str  # the reference as written, for messages
    file: str  # where it was written
    pointer: str
    holder: str | None  # pointer of the {"$ref": ...} object in the result; None for mappings


class _Nodes:
    """Memoised pointer lookups in one document."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.cache: dict[str, Any] = {}

    def get(self, pointer: str) -> Any:
        node = self.cache.get(pointer, self)
        if node is self:
            try:
                node = resolve_pointer(self.data, pointer)
            except (KeyError, IndexError, ValueError, TypeError):
                node = _MISSING
            self.cache[pointer] = node
        return node

    def next_hop(self, pointer: str) -> str | None:
        """The pointer the ``$ref`` object at ``pointer`` refers to, if it is one and is internal."""
        node = self.get(pointer)
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#"):
            return None
        target = unquote(ref[1:]) if "%" in ref else ref[1:]
        return target if self.get(target) is not _MISSING else None


def check_internal_refs(
    data: Any,
    refs: list[InternalRef],
    diagnostics: Diagnostics,
    origins: Mapping[str, str],
    display: str,
) -> None:
    """Report ``ref-unresolved`` for missing targets and ``ref-cycle`` for loops made only of refs."""
    nodes = _Nodes(data)
    for ref in refs:
        if nodes.get(ref.target) is _MISSING and ref.holder is None:
            mapping_unresolved(diagnostics, f"{ref.ref!r}: #{ref.target} does not exist", ref.file, ref.pointer)
        elif nodes.get(ref.target) is _MISSING:
            diagnostics.error(
                "ref-unresolved",
                f"$ref {ref.ref!r}: #{ref.target} does not exist",
                file=ref.file,
                pointer=ref.pointer,
            )
    holders = sorted({ref.holder for ref in refs if ref.holder is not None})
    for loop in _cycles(nodes, holders):
        start = loop.index(min(loop))
        cycle = loop[start:] + loop[:start]
        file, pointer = locate_origin(origins, display, cycle[0])
        chain = " -> ".join(f"#{member}" for member in [*cycle, cycle[0]])
        diagnostics.error(
            "ref-cycle",
            f"$ref chain loops without reaching a definition: {chain}",
            file=file,
            pointer=pointer,
            hint="one of these refs must point at an actual object",
        )


def mapping_unresolved(diagnostics: Diagnostics, problem: str, file: str, pointer: str) -> None:
    """A discriminator ``mapping`` value that points nowhere: a warning; the builder ignores the entry."""
    diagnostics.warning(
        "discriminator-mapping-unresolved",
        f"discriminator mapping value points nowhere ({problem}); the implicit mapping is used for this tag",
        file=file,
        pointer=pointer,
    )


def _cycles(nodes: _Nodes, starts: list[str]) -> list[list[str]]:
    """Cycles in the graph "$ref object → the $ref object it points at" (each node has one edge)."""
    state: dict[str, bool] = {}  # False while on the current walk, True once finished
    found: list[list[str]] = []
    for start in starts:
        walk: list[str] = []
        current: str | None = start
        while current is not None and current not in state:
            state[current] = False
            walk.append(current)
            current = nodes.next_hop(current)
        if current is not None and state[current] is False:
            found.append(walk[walk.index(current) :])
        for member in walk:
            state[member] = True
    return found
