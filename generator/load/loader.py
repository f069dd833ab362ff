"""Load a spec file (YAML or JSON) into a Document.  CONTRACT STUB — implemented by the load work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Document", "load_document"]


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed root spec file. ``data`` is plain JSON-compatible Python (dict/list/str/int/float/bool/None)."""

    path: Path  # absolute path of the root file
    display: str  # how diagnostics name the file (path as the user gave it)
    data: Any
    sha256: str  # of the root file's bytes


def load_document(path: str | Path) -> Document:
    raise NotImplementedError
