"""``readOnly``/``writeOnly``: a required property is only required in the direction it travels.

A model used in request bodies gets its required ``readOnly`` properties made optional (the server sets
them; a request need not and should not carry them); a model used in responses gets its required
``writeOnly`` properties made optional (the server never sends them back).  A model used in neither
direction (only reachable from ``components``) is treated as used in both.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from ..ir import (
    ArrayOf,
    MapOf,
    Model,
    ModelRef,
    Operation,
    TupleOf,
    Type,
    UnionDef,
    UnionRef,
)
from .context import BuildContext

__all__ = ["apply_directions"]


def apply_directions(ctx: BuildContext, operations: Iterable[Operation]) -> None:
    """Relax ``required`` of read-only/write-only fields in ``ctx.definitions`` by where each model is used."""
    operations = list(operations)
    requests = _reach(ctx, _request_types(operations))
    responses = _reach(ctx, _response_types(operations))
    for name, definition in list(ctx.definitions.items()):
        if not isinstance(definition, Model):
            continue
        unused = name not in requests and name not in responses
        in_requests, in_responses = name in requests or unused, name in responses or unused
        fields = tuple(
            dataclasses.replace(f, required=False)
            if f.required and ((f.read_only and in_requests) or (f.write_only and in_responses))
            else f
            for f in definition.fields
        )
        if fields != definition.fields:
            ctx.definitions[name] = dataclasses.replace(definition, fields=fields)


def _request_types(operations: list[Operation]) -> Iterator[Type]:
    for op in operations:
        yield from (p.type for p in op.params)
        for body in (op.body, *op.other_bodies):
            if body is not None:
                if body.type is not None:
                    yield body.type
                yield from (f.type for f in body.fields)


def _response_types(operations: list[Operation]) -> Iterator[Type]:
    for op in operations:
        for response in op.responses:
            if response.type is not None:
                yield response.type
            yield from (h.type for h in response.headers)


def _reach(ctx: BuildContext, roots: Iterable[Type]) -> set[str]:
    """Names of every model and union reachable from ``roots``."""
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        t = stack.pop()
        match t:
            case ArrayOf(item=item) | MapOf(value=item):
                stack.append(item)
            case TupleOf(items=items, rest=rest):
                stack.extend(items)
                if rest is not None:
                    stack.append(rest)
            case ModelRef(name=name) | UnionRef(name=name) if name not in seen:
                seen.add(name)
                definition = ctx.definitions.get(name)
                if isinstance(definition, Model):
                    stack.extend(f.type for f in definition.fields)
                    if definition.extra is not None:
                        stack.append(definition.extra)
                elif isinstance(definition, UnionDef):
                    stack.extend(definition.variants)
    return seen
