"""Load, validate and resolve a spec into one self-contained document."""

from __future__ import annotations

from .loader import MAX_FILE_BYTES, Document, load_document
from .refs import DEFAULT_POLICY, RefPolicy, ResolvedSpec, deref, locate, resolve_refs
from .safeyaml import MAX_DEPTH
from .validate import oas_version, validate_spec

__all__ = [
    "DEFAULT_POLICY",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Document",
    "RefPolicy",
    "ResolvedSpec",
    "deref",
    "load_document",
    "locate",
    "oas_version",
    "resolve_refs",
    "validate_spec",
]
