"""Bundle the files a spec references into one document whose every ``$ref`` is internal.

* A reference into the root file stays a reference (written ``#/...``).
* An external target in a *schema* position becomes a ``components/schemas`` entry, named after the last
  pointer token (or the file stem), with a numeric suffix on a clash; the same target always maps to the
  same entry, so it becomes one model. A root entry that is nothing but an external ``$ref``
  (``Pet: {$ref: pet.yaml}``) is replaced by the bundled content under its own name.
* Any other external target (parameter, response, path item, ...) is copied in at the reference.

Unchanged parts of the root document are shared, not copied; the result must be treated as immutable.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from ..diagnostics import Diagnostics, Severity
from .integrity import InternalRef, mapping_unresolved
from .loader import Document
from .pointer import join, parse, resolve_pointer
from .sites import ROOT, SCHEMA, RefSite, find_sites, get_path
from .sources import RefPolicy, RefProblem, Source, Sources

__all__ = ["Bundler"]

MAX_INLINE_DEPTH = 64
_KEEP: Any = object()
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True, slots=True)
class _Context:
    """Where the node being rewritten came from and where it lands."""

    source: Source
    origin: str  # pointer of the node in its source file
    dest: str  # pointer of the node in the bundled document
    inlining: tuple[tuple[str, str], ...] = ()  # (file key, pointer) of enclosing inlined targets


class Bundler:
    """One bundling run; ``bundle()`` returns the data, ``origins``/``internal``/``sources`` describe it."""

    def __init__(self, document: Document, diagnostics: Diagnostics, policy: RefPolicy) -> None:
        self.sources = Sources(document, diagnostics, policy)
        self.diagnostics = diagnostics
        self.origins: dict[str, str] = {}
        self.internal: list[InternalRef] = []
        self._taken: set[str] = set(_schemas_of(document.data))
        self._reserved: dict[tuple[str, str], str] = {}
        self._names: dict[tuple[str, str], str] = {}
        self._schemas: dict[str, Any] = {}
        self._queue: deque[tuple[Source, str, str]] = deque()

    def bundle(self) -> Any:
        """Rewrite the root document, then bundle every external schema it (transitively) needs."""
        root = self.sources.root
        sites = find_sites(root.data, ROOT)
        self._reserve_root_entries(sites)
        data = self._rewrite(_Context(root, "", ""), root.data, sites)
        while self._queue:
            source, pointer, name = self._queue.popleft()
            dest = join("/components/schemas", name)
            node = resolve_pointer(source.data, pointer)
            self._schemas[name] = self._rewrite(
                _Context(source, pointer, dest), node, find_sites(node, SCHEMA)
            )
            self.origins[dest] = f"{source.display}#{pointer}"
        return self._with_schemas(data)

    def _reserve_root_entries(self, sites: list[RefSite]) -> None:
        root = self.sources.root
        for site in sites:
            if (
                len(site.path) != 3
                or site.path[:2] != ("components", "schemas")
                or site.kind != SCHEMA
            ):
                continue
            holder = get_path(root.data, site.path)
            if not isinstance(site.ref, str) or len(holder) != 1:
                continue
            address = self.sources.address(root, site.ref)
            if isinstance(address, RefProblem) or address.is_root:
                continue
            self._reserved.setdefault((address.key, address.pointer), str(site.path[2]))

    def _rewrite(self, context: _Context, node: Any, sites: list[RefSite]) -> Any:
        rewrites = []
        for site in sites:
            replacement = self._resolve_site(context, site, get_path(node, site.path))
            if replacement is not _KEEP:
                rewrites.append((site.path, replacement))
        return _apply(node, rewrites)

    def _resolve_site(self, context: _Context, site: RefSite, holder: Any) -> Any:
        if not site.is_mapping:
            return self._resolve_ref(context, site, holder)
        # A discriminator mapping value that points nowhere (a source file path left in a bundle) is not
        # fatal: the builder falls back to the implicit mapping (each variant's own tag value).
        outer, scratch = self.diagnostics, Diagnostics()
        self.diagnostics = self.sources.diagnostics = scratch
        try:
            replacement = self._resolve_ref(context, site, holder)
        finally:
            self.diagnostics = self.sources.diagnostics = outer
        for problem in scratch:
            if problem.severity < Severity.ERROR:
                outer.extend([problem])
        failed = next((d for d in scratch if d.severity is Severity.ERROR), None)
        if failed is not None:
            mapping_unresolved(outer, f"{failed.message}", context.source.display, join(context.origin, *site.path))
        return replacement

    def _resolve_ref(self, context: _Context, site: RefSite, holder: Any) -> Any:
        file = context.source.display
        origin, dest = join(context.origin, *site.path), join(context.dest, *site.path)
        if not isinstance(site.ref, str):
            self.diagnostics.error(
                "ref-invalid", "$ref must be a string", file=file, pointer=origin
            )
            return _KEEP
        address = self.sources.address(context.source, site.ref)
        if isinstance(address, RefProblem):
            self.diagnostics.error(
                address.code, address.message, file=file, pointer=origin, hint=address.hint
            )
            return _KEEP
        holder_dest = None if site.is_mapping else dest
        if address.is_root:
            new_ref = "#" + site.ref.partition("#")[2]
            self.internal.append(InternalRef(address.pointer, site.ref, file, origin, holder_dest))
            return _with_ref(site, holder, new_ref)
        source = self.sources.open(address, file, origin)
        if source is None:
            return _KEEP
        try:
            target = resolve_pointer(source.data, address.pointer)
        except (KeyError, IndexError, ValueError):
            message = f"$ref {site.ref!r}: {address.display}#{address.pointer} does not exist"
            self.diagnostics.error("ref-unresolved", message, file=file, pointer=origin)
            return _KEEP
        if site.kind != SCHEMA:
            return self._inline(context, site, holder, (source, address.pointer, target))
        name = self._schema_name(source, address.pointer)
        if context.source.is_root and site.path == ("components", "schemas", name):
            return _KEEP  # this entry is replaced by the bundled schema itself
        new_ref = "#" + join("/components/schemas", name)
        self.internal.append(InternalRef(new_ref[1:], new_ref, file, origin, holder_dest))
        return _with_ref(site, holder, new_ref)

    def _inline(
        self, context: _Context, site: RefSite, holder: Any, found: tuple[Source, str, Any]
    ) -> Any:
        source, pointer, target = found
        file, origin = context.source.display, join(context.origin, *site.path)
        key = (source.key, pointer)
        if key in context.inlining:
            message = f"$ref {site.ref!r} includes itself ({source.display}#{pointer})"
            self.diagnostics.error("ref-cycle", message, file=file, pointer=origin)
            return _KEEP
        if len(context.inlining) >= MAX_INLINE_DEPTH:
            message = f"more than {MAX_INLINE_DEPTH} nested external references"
            self.diagnostics.error("nesting-too-deep", message, file=file, pointer=origin)
            return _KEEP
        dest = join(context.dest, *site.path)
        inner = _Context(source, pointer, dest, (*context.inlining, key))
        content = self._rewrite(inner, target, find_sites(target, site.kind))
        if isinstance(holder, dict) and isinstance(content, dict):
            overrides = {k: holder[k] for k in ("summary", "description") if k in holder}
            content = {**content, **overrides} if overrides else content
        self.origins[dest] = f"{source.display}#{pointer}"
        return content

    def _schema_name(self, source: Source, pointer: str) -> str:
        key = (source.key, pointer)
        name = self._names.get(key)
        if name is None:
            name = self._reserved.get(key) or self._unique(_base_name(source.key, pointer))
            self._names[key] = name
            self._taken.add(name)
            self._queue.append((source, pointer, name))
        return name

    def _unique(self, base: str) -> str:
        name, number = base, 2
        while name in self._taken:
            name, number = f"{base}{number}", number + 1
        return name

    def _with_schemas(self, data: Any) -> Any:
        if not self._schemas:
            return data
        data = dict(data)
        components = data.get("components")
        components = dict(components) if isinstance(components, dict) else {}
        schemas = components.get("schemas")
        schemas = dict(schemas) if isinstance(schemas, dict) else {}
        schemas.update(self._schemas)
        components["schemas"] = schemas
        data["components"] = components
        return data


def _with_ref(site: RefSite, holder: Any, new_ref: str) -> Any:
    if site.is_mapping:
        return new_ref if new_ref != holder else _KEEP
    if holder.get("$ref") == new_ref:
        return _KEEP
    return {**holder, "$ref": new_ref}


def _apply(node: Any, rewrites: list[tuple[tuple[str | int, ...], Any]]) -> Any:
    """Return ``node`` with each path replaced, copying only the containers on the way (parents first)."""
    if not rewrites:
        return node
    owned: dict[int, Any] = {}  # our copies, by id (kept alive here so ids stay unique)
    root = node
    for path, value in rewrites:
        if not path:
            root = value
            continue
        if id(root) not in owned:
            root = _copy(root)
            owned[id(root)] = root
        parent = root
        for token in path[:-1]:
            child = parent[token]
            if id(child) not in owned:
                child = _copy(child)
                parent[token] = child
                owned[id(child)] = child
            parent = child
        parent[path[-1]] = value
    return root


def _copy(container: Any) -> Any:
    return dict(container) if isinstance(container, dict) else list(container)


def _base_name(key: str, pointer: str) -> str:
    stem = _UNSAFE_NAME.sub("_", PurePosixPath(urlsplit(key).path).stem).strip("_") or "Schema"
    tokens = parse(pointer)
    if not tokens:
        return stem
    name = _UNSAFE_NAME.sub("_", tokens[-1]).strip("_")
    return name if name and not name.isdigit() else f"{stem}_{name}".rstrip("_")


def _schemas_of(data: Any) -> dict[str, Any]:
    components = data.get("components") if isinstance(data, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}
