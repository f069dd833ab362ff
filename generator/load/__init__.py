"""Load, validate and resolve a spec into one self-contained document."""

from __future__ import annotations

from generator.load.loader import Document, load_document
from generator.load.refs import ResolvedSpec

__all__ = ["Document", "ResolvedSpec", "load_document"]
