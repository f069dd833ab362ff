"""Environment variables a client reads when it is constructed (never at import)."""

from __future__ import annotations

import os

__all__ = ["from_environment"]


def from_environment(name: str) -> str | None:
    """The variable's value; None when it is unset or empty."""
    return os.getenv(name) or None
