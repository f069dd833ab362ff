"""Resolve $refs into one self-contained document.  CONTRACT STUB — implemented by the load work."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ResolvedSpec"]


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
