"""``$recursiveRef`` (JSON Schema 2019-09) and ``$dynamicRef`` (2020-12) turned into plain ``$ref``s.

OpenAPI 3.1 specs use them for recursive structures (OpenAI's compound filters:
``items: {oneOf: [{$ref: ComparisonFilter}, {$recursiveRef: '#'}]}``). Within one document the dynamic
scope has a single resource, so each resolves statically:

* ``$recursiveRef: '#'`` and ``$dynamicRef: '#'`` → the enclosing schema resource: the nearest enclosing
  schema with an ``$id``, else the outermost schema around it (a ``components/schemas`` entry, or the
  ``schema`` of a parameter or media type);
* ``$dynamicRef: '#name'`` → the subschema of that resource with ``$dynamicAnchor: name`` (or ``$anchor``);
* ``$dynamicRef: '#/json/pointer'`` → that pointer, like ``$ref`` (relative to the enclosing schema when the
  document has no such pointer).

Anything else (another document, an anchor that is not there) is a ``dynamic-ref-unsupported`` warning and
the keyword is left alone (the builder treats the schema as any value).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..diagnostics import Diagnostics
from .pointer import is_valid, join, resolve_pointer
from .refs import ResolvedSpec, locate
from .sites import ROOT, SCHEMA, walk

__all__ = ["follow_dynamic_refs"]

_KEYWORDS = ("$recursiveRef", "$dynamicRef")
Path = tuple[str | int, ...]


def follow_dynamic_refs(spec: ResolvedSpec, diagnostics: Diagnostics) -> ResolvedSpec:
    """``spec`` with each resolvable ``$recursiveRef``/``$dynamicRef`` replaced by the ``$ref`` it means."""
    schemas: dict[Path, dict[str, Any]] = {}
    dynamic: list[Path] = []
    for path, node, kind in walk(spec.data, ROOT):
        if kind == SCHEMA:
            schemas[path] = node
            if any(isinstance(node.get(k), str) for k in _KEYWORDS):
                dynamic.append(path)
    if not dynamic:
        return spec
    data = spec.data
    for path in dynamic:
        node = schemas[path]
        keyword = next(k for k in _KEYWORDS if isinstance(node.get(k), str))
        target = _target(spec.data, schemas, path, node[keyword])
        if target is None or "$ref" in node:
            file, pointer = locate(spec, join("", *path, keyword))
            reason = "it also has a $ref" if "$ref" in node else "its target is not in this document"
            diagnostics.warning("dynamic-ref-unsupported", f"{keyword} {node[keyword]!r} not followed: {reason}; "
                                "the schema is any value", file=file, pointer=pointer)  # fmt: skip
            continue
        rewritten = {("$ref" if k == keyword else k): ("#" + target if k == keyword else v) for k, v in node.items()}
        data = _replaced(data, path, rewritten)
    return replace(spec, data=data)


def _target(data: Any, schemas: dict[Path, dict[str, Any]], path: Path, ref: str) -> str | None:
    """The pointer ``ref`` (at the schema at ``path``) resolves to, or None."""
    enclosing = [path[:n] for n in range(len(path), -1, -1) if path[:n] in schemas]  # innermost first
    with_id = next((p for p in enclosing if isinstance(schemas[p].get("$id"), str)), None)
    root = with_id if with_id is not None else enclosing[-1]
    fragment = ref.partition("#")[2] if ref.startswith("#") else None
    if fragment is None:
        return None
    if fragment == "":
        return join("", *root)
    if fragment.startswith("/"):  # in the document (no $id) else in the resource; failing that, in the
        bases = [join("", *root)] if with_id is not None else ["", join("", *root)]  # enclosing schema
        found = [base + fragment for base in bases if is_valid(fragment) and _exists(data, base + fragment)]
        return found[0] if found else None
    inside = [p for p in schemas if p[: len(root)] == root]
    for anchor in ("$dynamicAnchor", "$anchor"):
        for candidate in [*enclosing, *inside]:
            if schemas[candidate].get(anchor) == fragment and candidate[: len(root)] == root:
                return join("", *candidate)
    return None


def _exists(data: Any, pointer: str) -> bool:
    try:
        resolve_pointer(data, pointer)
    except (KeyError, IndexError, ValueError, TypeError):
        return False
    return True


def _replaced(data: Any, path: Path, value: Any) -> Any:
    """A copy of ``data`` with ``value`` at ``path``; only the containers on the path are copied."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy: Any = dict(data) if isinstance(data, dict) else list(data)
    copy[head] = _replaced(data[head], rest, value)
    return copy
