"""Resolve $refs into one self-contained document, and follow refs in it."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostics, Severity
from .bundle import Bundler
from .integrity import check_internal_refs
from .loader import Document
from .pointer import join, locate_origin, parse, resolve_pointer
from .sources import RefPolicy, Source

__all__ = ["DEFAULT_POLICY", "RefPolicy", "ResolvedSpec", "deref", "locate", "resolve_refs"]

DEFAULT_POLICY = RefPolicy()


@dataclass(frozen=True, slots=True)
class ResolvedSpec:
    """One document whose every ``$ref`` is internal (``#/...``) and points at something that exists.

    External files have been bundled in: a schema from another file becomes a ``components/schemas`` entry;
    other external targets are inlined or placed in their components section. ``origins`` maps a pointer
    prefix in ``data`` to the ``file#pointer`` it came from, for diagnostics (``locate``).
    """

    data: Any
    display: str  # root file as the user named it
    sha256: str  # of the root file plus every bundled file (stable order)
    origins: Mapping[str, str] = field(default_factory=dict)


def resolve_refs(
    document: Document, diagnostics: Diagnostics, policy: RefPolicy = DEFAULT_POLICY
) -> ResolvedSpec | None:
    """Bundle ``document`` and every file its ``$ref``s reach into one self-contained document.

    Internal refs stay refs (recursion is fine); external schemas become ``components/schemas`` entries
    and other external targets are copied in (see :mod:`generator.load.bundle`). Problems are reported
    at the ``$ref`` (``ref-unresolved``, ``ref-cycle``, ``ref-invalid``, ``ref-outside-root``,
    ``ref-remote-refused``, ``ref-remote-failed``, ``ref-unsupported-scheme``, plus loader codes for
    referenced files) and ``None`` is returned. Without external refs the document's data is returned
    as is, not copied.
    """
    errors_before = _error_count(diagnostics)
    bundler = Bundler(document, diagnostics, policy)
    data = bundler.bundle()
    check_internal_refs(data, bundler.internal, diagnostics, bundler.origins, document.display)
    if _error_count(diagnostics) > errors_before:
        return None
    digest = _digest(document, bundler.sources.bundled, bundler.sources.root_dir)
    return ResolvedSpec(data, document.display, digest, bundler.origins)


def deref(spec_data: Any, node: Any, pointer: str) -> tuple[Any, str]:
    """Follow internal ``$ref``s from ``node`` (found at ``pointer``) to the first object that is not one.

    Returns that object and its pointer. Siblings of a ``$ref`` (allowed in 3.1) are not merged; the
    caller decides what they mean. On a :class:`ResolvedSpec`'s data this cannot fail; elsewhere a
    missing target raises ``KeyError``/``IndexError`` and a non-internal ref or a loop ``ValueError``.
    """
    seen = {pointer}
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#"):
            raise ValueError(f"not an internal $ref: {ref!r}")
        pointer = join("", *parse(ref))
        if pointer in seen:
            raise ValueError(f"$ref loop through #{pointer}")
        seen.add(pointer)
        node = resolve_pointer(spec_data, pointer)
    return node, pointer


def locate(spec: ResolvedSpec, pointer: str) -> tuple[str, str]:
    """Map a pointer in the bundled document to ``(file display name, pointer in that file)``."""
    return locate_origin(spec.origins, spec.display, pointer)


def _error_count(diagnostics: Diagnostics) -> int:
    return sum(1 for item in diagnostics if item.severity is Severity.ERROR)


def _relative(path: str, root_dir: Path) -> str:
    return os.path.relpath(path, root_dir).replace(os.sep, "/")


def _digest(document: Document, bundled: list[Source], root_dir: Path) -> str:
    if not bundled:
        return document.sha256
    digest = hashlib.sha256(f"{document.sha256}\n".encode())
    names = [(s.key if s.is_remote else _relative(s.key, root_dir), s.sha256) for s in bundled]
    for name, sha in sorted(names):
        digest.update(f"{name}\n{sha}\n".encode())
    return digest.hexdigest()
