"""How wide a line of generated source is, as black and ruff measure it against the line length."""

from __future__ import annotations

import unicodedata

__all__ = ["line_width"]


def line_width(line: str) -> int:
    """At least black's width of `line`: wide East Asian characters count two columns."""
    if line.isascii():
        return len(line)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
