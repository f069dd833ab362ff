"""The generated README's examples: calls to the spec's own operations that run as written."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import ir
from .opview import is_file
from .pytypes import Registry, is_identity, py_literal
from .samples import sample

__all__ = ["readme_context"]


def _resources(node: ir.Resource) -> Iterator[ir.Resource]:
    yield node
    for child in node.children:
        yield from _resources(child)


def _call(node: ir.Resource, op: ir.Operation, reg: Registry) -> tuple[str, str] | None:
    """``client.a.b.method(x="...")`` with every required argument filled, or None when one cannot be
    written as a plain literal (a model, an enum, a date)."""
    args = []
    for p in op.params:
        if p.required:
            if not is_identity(p.type, reg):
                return None
            args.append(f"{p.name}={py_literal(sample(p.type, reg, examples=p.examples, filled=True))}")
    body = op.body
    if body is not None and body.required and not body.fields:
        if body.kind != "binary":
            return None
        args.append('body=Path("input.bin")')
    for f in body.fields if body is not None else ():
        if not f.required:
            continue
        if is_file(f.type) and body is not None and body.kind != "json":
            args.append(f'{f.name}=Path("{f.name}.bin")')
        elif is_identity(f.type, reg):
            args.append(f"{f.name}={py_literal(sample(f.type, reg, examples=f.examples))}")
        else:
            return None
    return ".".join(["client", *node.attributes]), f"{op.name}({', '.join(args)})"


def readme_context(api: ir.Api, env_prefix: str, default_base_url: str | None, servers: list[str]) -> dict[str, Any]:
    """Examples for ``package/README.md.jinja``: plain calls, a stream, a pager, a raw response."""
    reg = Registry.of(api)
    plain: list[tuple[str, str]] = []
    stream: tuple[str, str] | None = None
    pager: tuple[str, str] | None = None
    kind = None
    ordered = [(n, op) for n in _resources(api.root) for op in n.operations]
    ordered.sort(key=lambda pair: pair[1].method != "GET")  # reads first: an example should be safe to run
    for node, op in ordered:
        call = _call(node, op, reg)
        if call is None:
            continue
        if op.stream and stream is None:
            stream, kind = call, op.stream
        elif op.pagination and pager is None:
            pager = call
        elif not op.stream and not op.pagination and len(plain) < 3:
            plain.append(call)
    shown = [f"{chain}.{method}" for chain, method in [*plain, *(c for c in (stream, pager) if c)]]
    return {
        "calls": [f"{chain}.{method}" for chain, method in plain],
        "stream": f"{stream[0]}.{stream[1]}" if stream else None,
        "stream_kind": kind,
        "pager": f"{pager[0]}.{pager[1]}" if pager else None,
        "raw": f"{plain[0][0]}.with_raw_response.{plain[0][1]}" if plain else None,
        "env_prefix": env_prefix,
        "default_base_url": default_base_url,
        "servers": servers,
        "uses_path": any("Path(" in c for c in shown),
    }
